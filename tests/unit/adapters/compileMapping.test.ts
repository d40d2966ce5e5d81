import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AdapterBadRecord, coerceValue, compileField, compileMapping, INVALID, OPTIONAL_PATHS, parseMapping, pathGetter, RECORD_PATHS, type EntityName, type FieldSpec,
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

describe('the generated record builder against the documented rules', () => {
  // The demo probation mapping, and one with a list and a constant inside sub-objects and a
  // sub-object of constants only; rows whose source values are absent, null, blank, valid or not.
  const demo = parseMapping(readFileSync(fileURLToPath(new URL('../../../src/demo/mappings/probation.yaml', import.meta.url)), 'utf8'), 'probation.yaml', 'probation', { kind: 'rest' });
  const nested = parseMapping(`
entities:
  custody:
    path: /c
    keyParam: k
    key: id
    fields:
      ref: id
      status: { from: st, map: { PR: REMAND, IZ: SENTENCED } }
      sentence.startDate: { from: s.start, type: date }
    lists:
      sentence.offences: { from: s.offences, fields: { code: c, description: { const: n/a } } }
  supervision:
    path: /s
    keyParam: k
    key: id
    fields:
      ref: id
      orderType: { from: t, map: { parole: PAROLE }, default: PAROLE }
      officer.office: { const: Centar }
      officer.name: { from: n, trim: false }
      compliance.status: { const: COMPLIANT }
      compliance.missedAppointments: { const: 0, type: int }
`, 'nested.yaml', 'probation', { kind: 'rest' });
  const label = { agency: 'probation', entity: 'x', field: 'f' };

  type Node = { values: Map<string, unknown>; sourced: boolean; mapped: boolean; any: boolean };
  /** The rules of compileRecord, written out plainly: nested objects from dotted paths, then collapsed. */
  function reference(paths: readonly string[], listPaths: readonly string[], fields: ReadonlyMap<string, FieldSpec>, lists: Map<string, (row: unknown) => unknown[]>, row: unknown): Record<string, unknown> {
    const root: Node = { values: new Map(), sourced: false, mapped: false, any: false };
    /** The sub-objects along `steps`, made as they are first met. */
    const chain = (steps: string[]): Node[] => {
      const nodes = [root];
      for (const step of steps) {
        const parent = nodes.at(-1)!;
        let child = parent.values.get(step) as Node | undefined;
        if (!child) parent.values.set(step, (child = { values: new Map(), sourced: false, mapped: false, any: false }));
        nodes.push(child);
      }
      return nodes;
    };
    const put = (path: string, value: unknown, mapped: boolean, sourced: boolean, any: boolean) => {
      const steps = path.split('.');
      const nodes = chain(steps.slice(0, -1));
      nodes.at(-1)!.values.set(steps.at(-1)!, value);
      for (const n of nodes.slice(1)) {
        n.mapped ||= mapped;
        n.sourced ||= sourced;
        n.any ||= any;
      }
    };
    for (const path of paths) {
      const spec = fields.get(path);
      if (!spec && OPTIONAL_PATHS.has(path)) continue;
      const value = spec ? compileField(spec, pathGetter, label)(row) : null;
      put(path, value, spec !== undefined, spec !== undefined && !spec.isConst, spec !== undefined && !spec.isConst && value !== null);
    }
    for (const path of listPaths) {
      const read = lists.get(path);
      const items = read ? read(row) : [];
      put(path, items, read !== undefined, read !== undefined, items.length > 0);
    }
    // A sub-object: null when nothing in it is mapped, or when something is sourced and nothing sourced has a value.
    const out = (node: Node): Record<string, unknown> =>
      Object.fromEntries([...node.values].map(([k, v]) => {
        if (!(v instanceof Object) || Array.isArray(v) || !('values' in v)) return [k, v];
        const n = v as Node;
        return [k, !n.mapped || (n.sourced && !n.any) ? null : out(n)];
      }));
    return out(root);
  }

  /** Mostly values the field takes, sometimes nothing, sometimes junk. */
  const sourceFor = (spec: FieldSpec) => {
    const valid = spec.map
      ? fc.constantFrom(...spec.map.keys())
      : spec.type === 'date' ? fc.constantFrom('2025-08-02', '15.05.1985.') : spec.type === 'datetime' ? fc.constant('2026-11-25T10:00:00Z') : spec.type === 'int' ? fc.integer() : fc.string({ maxLength: 6 });
    return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 2, arbitrary: fc.constantFrom(undefined, null, '', '  ') }, { weight: 1, arbitrary: fc.constantFrom('junk', 2.5, '2024-13-01') });
  };
  const put = (target: Record<string, unknown>, path: string, value: unknown) => {
    if (value === undefined) return;
    const steps = path.split('.');
    let o = target;
    for (const s of steps.slice(0, -1)) o = (o[s] ??= {}) as Record<string, unknown>;
    o[steps.at(-1)!] = value;
  };
  const sourced = (fields: ReadonlyMap<string, FieldSpec>) => [...fields.values()].filter((f) => f.from !== undefined);
  const itemFor = (fields: ReadonlyMap<string, FieldSpec>) =>
    fc.tuple(...sourced(fields).map(sourceFor)).map((values) => {
      const item: Record<string, unknown> = {};
      sourced(fields).forEach((f, i) => put(item, f.from!, values[i]));
      return item;
    });

  for (const [file, mapping] of [['probation.yaml', demo], ['nested.yaml', nested]] as const) {
    for (const [name, entity] of compileMapping(mapping, { getter: pathGetter }).entities) {
      it(`builds ${name} of ${file} as the rules say, or refuses the row as they say`, () => {
        const spec = entity.spec;
        const lists = new Map(spec.lists.map((l) => [l.path, (row: unknown) => {
          const got = pathGetter(l.from!)(row);
          return Array.isArray(got) ? got.map((e) => reference(RECORD_PATHS[name].lists[l.path] ?? [], [], l.fields, new Map(), e)) : [];
        }]));
        const row = fc.tuple(itemFor(spec.fields), ...spec.lists.map((l) => fc.array(itemFor(l.fields), { maxLength: 3 }))).map(([item, ...listItems]) => {
          spec.lists.forEach((l, i) => put(item, l.from!, listItems[i]));
          return item;
        });
        let built = 0;
        fc.assert(
          fc.property(row, (r) => {
            let expected: unknown;
            try {
              expected = reference(RECORD_PATHS[name].fields, Object.keys(RECORD_PATHS[name].lists), spec.fields, lists, r);
            } catch (error) {
              expect(error).toBeInstanceOf(AdapterBadRecord);
              expect(() => entity.build(r)).toThrow(AdapterBadRecord);
              return;
            }
            expect(entity.build(r)).toStrictEqual(expected);
            built++;
          }),
          { seed: 20261125, numRuns: 300 },
        );
        // Most rows must build, or the comparison says little.
        expect(built).toBeGreaterThan(30);
      });
    }
  }
});
