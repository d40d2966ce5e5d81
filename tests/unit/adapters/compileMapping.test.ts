import { describe, expect, it } from 'vitest';
import {
  AdapterBadRecord, coerceValue, compileMapping, INVALID, parseMapping, pathGetter, type EntityName,
} from '../../../adapters/sdk/index.js';

const compile = (yaml: string, rest = false) =>
  compileMapping(parseMapping(yaml, 'm.yaml', 'prison', { kind: rest ? 'rest' : 'sql' }), rest ? { getter: pathGetter } : {});

const PERSON = `
entities:
  person:
    source: T
    key: ID
    fields:
      ref: ID
      nationalId.scheme: { const: JMBG }
      nationalId.value: JMBG
      nationalId.country: { from: CTRY, map: { SRB: RS, KOS: XK } }
      givenName: IME
      familyName: { from: PREZIME, trim: false }
      script: { from: PISMO, map: { C: CYRILLIC, L: LATIN }, default: LATIN }
      dateOfBirth: { from: ROD, type: date }
      sex: { from: POL, map: { M: MALE, Z: FEMALE }, default: UNKNOWN }
      asOf: { from: AZUR, type: datetime }
`;

describe('compileMapping', () => {
  const person = compile(PERSON).entities.get('person')!;

  it('applies const, from, trim, map, default and type', () => {
    expect(person.build({
      ID: 7, JMBG: ' 0101990710001 ', CTRY: 'KOS', IME: '  Lirë ', PREZIME: ' Çela ', PISMO: 'C', ROD: '15.05.1985.', POL: 'Q', AZUR: '2024-03-01 10:00:00+01',
    })).toEqual({
      ref: '7',
      nationalId: { scheme: 'JMBG', value: '0101990710001', country: 'XK' },
      givenName: 'Lirë', familyName: ' Çela ', script: 'CYRILLIC', dateOfBirth: '1985-05-15', sex: 'UNKNOWN',
      municipality: null, asOf: '2024-03-01T09:00:00.000Z',
    });
  });

  it('uses the default for null and empty values, and makes an all-null object null (constants do not count)', () => {
    const r = person.build({ ID: '8', JMBG: '', CTRY: null, IME: 'A', PREZIME: 'B', PISMO: '   ', ROD: null, POL: null, AZUR: null });
    expect(r).toMatchObject({ nationalId: null, script: 'LATIN', sex: 'UNKNOWN', dateOfBirth: null, asOf: null });
  });

  it('fails the record, without quoting the value, when a code is not in the table and there is no default', () => {
    const build = () => person.build({ ID: 1, JMBG: '1', CTRY: 'ZZZ-secret' });
    expect(build).toThrow(AdapterBadRecord);
    expect(build).toThrow('prison: person.nationalId.country: source value is not in the code table');
    expect(build).not.toThrow(/secret/);
  });

  it('fails the record when a value does not fit its type', () => {
    expect(() => person.build({ ID: 1, ROD: '2024-02-30' })).toThrow('prison: person.dateOfBirth: source value does not fit type date');
  });

  it('fills unmapped paths with null and unmapped lists with [], and leaves out an unmapped asOf', () => {
    const custody = compile('entities:\n  custody: { source: K, key: ID, fields: { ref: ID, sentence.lengthMonths: { from: M, type: int } } }\n').entities.get('custody')!;
    expect(custody.build({ ID: 1, M: '036' })).toEqual({
      ref: '1', establishment: null, status: null, admissionDate: null,
      sentence: { lengthMonths: 36, startDate: null, offences: [] },
      earliestReleaseDate: null, expectedReleaseDate: null, paroleEligibilityDate: null,
    });
    expect(custody.build({ ID: 2, M: null }).sentence).toBeNull();
    expect(custody.sources).toEqual(['ID', 'M']);
  });

  it('builds sql/csv child lists from rows grouped by the parent key', () => {
    const custody = compile(`
entities:
  custody:
    source: K
    key: ID
    fields: { ref: ID }
    lists:
      sentence.offences: { source: O, key: PID, fields: { code: C, legalArticle: { from: A, default: n/a } } }
`).entities.get('custody')!;
    expect(custody.lists[0]!.sources).toEqual(['PID', 'C', 'A']);
    const children = [new Map([['1', [{ PID: 1, C: 'K1', A: null }, { PID: 1, C: 'K2', A: 'čl. 2' }]]])];
    expect(custody.build({ ID: 1 }, children).sentence).toEqual({
      lengthMonths: null, startDate: null,
      offences: [{ code: 'K1', description: null, legalArticle: 'n/a' }, { code: 'K2', description: null, legalArticle: 'čl. 2' }],
    });
    expect(custody.build({ ID: 2 }, children).sentence).toBeNull();
  });

  it('reads dotted JSON paths and never reaches prototype properties', () => {
    const dropped: Array<[EntityName, string]> = [];
    const m = compileMapping(parseMapping(`
entities:
  supervision:
    path: /s
    keyParam: k
    key: who.id
    fields:
      ref: who.id
      orderType: { from: constructor, default: PAROLE }
      officer.name: officer.name
    lists:
      conditions: { from: conds, fields: { category: { from: c, default: OTHER }, description: d } }
`, 'm.yaml', 'probation', { kind: 'rest' }), { getter: pathGetter, onDroppedItem: (e, l) => dropped.push([e, l]) });
    const s = m.entities.get('supervision')!;
    const item = JSON.parse('{"who":{"id":42},"officer":{"name":"Ана"},"conds":[{"d":"x"},7,"y",null,[1]],"__proto__":{"polluted":1}}');
    expect(s.keyOf(item)).toBe('42');
    expect(s.build(item)).toMatchObject({
      ref: '42', orderType: 'PAROLE', officer: { staffRef: null, name: 'Ана', office: null },
      conditions: [{ category: 'OTHER', description: 'x' }],
    });
    expect(dropped).toHaveLength(4);
    expect(s.keyOf({ who: { id: { $ne: 1 } } })).toBeNull();
  });
});

describe('coerceValue', () => {
  it.each([
    ['int', '036', 36], ['int', 12, 12], ['int', '3.5', INVALID], ['int', 3.5, INVALID], ['int', '99999999999999999999', INVALID],
    ['number', '12,5', 12.5], ['number', '1e3', 1000], ['number', 'abc', INVALID],
    ['bool', 'da', true], ['bool', 'N', false], ['bool', 1, true], ['bool', 'maybe', INVALID],
    ['date', '2024-02-29', '2024-02-29'], ['date', '29.02.2024', '2024-02-29'], ['date', '2023-02-29', INVALID],
    ['date', '2024-03-01T23:30:00-05:00', '2024-03-01'], ['date', new Date('2024-03-01T00:00:00Z'), '2024-03-01'],
    ['datetime', '2024-03-01 10:00:00', '2024-03-01T10:00:00.000Z'], ['datetime', '2024-03-01T10:00:00.123456+0530', '2024-03-01T04:30:00.123Z'],
    ['datetime', 'yesterday', INVALID],
    ['string', 5, '5'], ['string', { a: 1 }, INVALID], ['string', ['x'], INVALID], ['string', null, null],
  ] as const)('%s %j → %j', (type, value, expected) => {
    expect(coerceValue(type, value)).toEqual(expected);
  });
});
