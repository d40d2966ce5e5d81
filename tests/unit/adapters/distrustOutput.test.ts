import { describe, expect, it } from 'vitest';
import { AdapterBadRecord, checkRecord, RECORD_LIMITS, type Adapter, type EntityName } from '../../../adapters/sdk/index.js';
import { RequestSources, SourceRegistry } from '../../../src/sources/index.js';
import { silentLogger, testCall } from '../../support/testDeps.js';

const PERSON = {
  ref: 'P-1', nationalId: { scheme: 'JMBG', value: '0101990710001', country: 'RS' }, givenName: 'Марко', familyName: 'Петровић',
  script: 'CYRILLIC', dateOfBirth: '1990-01-01', sex: 'MALE', municipality: null,
};
const RISK = { ref: 'P-1', tool: 'OASys', toolVersion: null, assessedOn: '2024-01-10', status: 'COMPLETED', judgement: 'HIGH', assessorRole: null, nextReviewOn: null };

describe('checkRecord', () => {
  it('accepts a record of the common type, with or without asOf', () => {
    expect(checkRecord('person', PERSON)).toBeNull();
    expect(checkRecord('person', { ...PERSON, asOf: '2024-05-01T10:00:00.000Z' })).toBeNull();
  });

  it.each([
    ['a missing required field', { ...PERSON, givenName: undefined }, 'givenName: invalid_type'],
    ['an enum value outside the schema', { ...PERSON, sex: 'M' }, 'sex: invalid_value'],
    ['a date in another format', { ...PERSON, dateOfBirth: '01.01.1990' }, 'dateOfBirth: custom'],
    ['an impossible date', { ...PERSON, dateOfBirth: '1990-02-30' }, 'dateOfBirth: custom'],
    ['an over-long string', { ...PERSON, familyName: 'Ж'.repeat(RECORD_LIMITS.short + 1) }, 'familyName: too_big'],
    ['an extra key', { ...PERSON, password: 'x' }, '(record): unrecognized_keys'],
    ['a nested object of the wrong shape', { ...PERSON, nationalId: { scheme: 'JMBG', value: '1' } }, 'nationalId.country: invalid_type'],
  ])('refuses %s, naming the path but not the value', (_what, record, problem) => {
    expect(checkRecord('person', record)).toBe(problem);
  });

  it('checks list shapes inside records', () => {
    const custody = { ref: '1', establishment: 'KPZ', status: 'SENTENCED', admissionDate: null, earliestReleaseDate: null, expectedReleaseDate: null, paroleEligibilityDate: null };
    expect(checkRecord('custody', { ...custody, sentence: { lengthMonths: 3, startDate: null, offences: [{ code: 'X', description: null, legalArticle: null }] } })).toBeNull();
    expect(checkRecord('custody', { ...custody, sentence: { lengthMonths: 3, startDate: null, offences: 'X' } })).toBe('sentence.offences: invalid_type');
    expect(checkRecord('custody', { ...custody, sentence: { lengthMonths: -1, startDate: null, offences: [] } })).toBe('sentence.lengthMonths: too_small');
  });
});

describe('RequestSources distrusts adapter output', () => {
  const sourcesReturning = (answers: Partial<Record<EntityName, unknown>>) => {
    const adapter = {
      agency: 'prison', kind: 'fake', entities: new Set(Object.keys(answers)),
      load: async (entity: EntityName, keys: readonly string[]) => keys.map(() => answers[entity]),
      ready: async () => ({ ok: true }), close: async () => {},
    } as unknown as Adapter;
    const warnings: unknown[] = [];
    const logger = { ...silentLogger, warn: (o: unknown) => warnings.push(o) } as unknown as typeof silentLogger;
    return { sources: new RequestSources(new SourceRegistry([adapter]), testCall(), logger), warnings };
  };

  it('drops the records it read when released, and asks the agency again after', async () => {
    let calls = 0;
    const adapter = {
      agency: 'prison', kind: 'fake', entities: new Set(['person']),
      load: async (_entity: EntityName, keys: readonly string[]) => {
        calls += 1;
        return keys.map(() => ({ ...PERSON }));
      },
      ready: async () => ({ ok: true }), close: async () => {},
    } as unknown as Adapter;
    const sources = new RequestSources(new SourceRegistry([adapter]), testCall(), silentLogger);
    const first = await sources.load('prison', 'person', 'P-1');
    expect(await sources.load('prison', 'person', 'P-1')).toBe(first);
    expect(calls).toBe(1);
    sources.release();
    const again = await sources.load('prison', 'person', 'P-1');
    expect(calls).toBe(2);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('serves records that belong to the key and fit their type', async () => {
    const { sources } = sourcesReturning({ person: PERSON, riskAssessments: [RISK, RISK] });
    expect(await sources.load('prison', 'person', 'P-1')).toEqual(PERSON);
    expect(await sources.load('prison', 'riskAssessments', 'P-1')).toEqual([RISK, RISK]);
  });

  it('turns a record of the wrong shape into a per-key error and logs where, never what', async () => {
    const { sources, warnings } = sourcesReturning({ person: { ...PERSON, sex: 'Petrović' }, riskAssessments: [RISK, { ...RISK, status: 'DONE' }] });
    await expect(sources.load('prison', 'person', 'P-1')).rejects.toBeInstanceOf(AdapterBadRecord);
    await expect(sources.load('prison', 'riskAssessments', 'P-1')).rejects.toBeInstanceOf(AdapterBadRecord);
    expect(warnings).toEqual([
      { agency: 'prison', entity: 'person', problem: 'sex: invalid_value' },
      { agency: 'prison', entity: 'riskAssessments', problem: 'status: invalid_value' },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('Petrović');
  });

  it('drops a record for another person', async () => {
    const { sources } = sourcesReturning({ person: { ...PERSON, ref: 'P-2' }, personByNationalId: PERSON, riskAssessments: [RISK, { ...RISK, ref: 'P-9' }] });
    await expect(sources.load('prison', 'person', 'P-1')).rejects.toThrow('prison: person: answer dropped (record for another person)');
    await expect(sources.load('prison', 'personByNationalId', '0101990710002')).rejects.toBeInstanceOf(AdapterBadRecord);
    expect(await sources.load('prison', 'personByNationalId', '0101990710001')).toEqual(PERSON);
    await expect(sources.load('prison', 'riskAssessments', 'P-1')).rejects.toBeInstanceOf(AdapterBadRecord);
  });
});

describe('RequestSources keeps a failure for the rest of the request', () => {
  it('asks a failing agency once for a key loaded twice, and both loads reject with its error', async () => {
    let calls = 0;
    const adapter = {
      agency: 'probation', kind: 'fake', entities: new Set<EntityName>(['supervision']),
      load: async () => {
        calls += 1;
        throw new AdapterBadRecord('probation', 'probation: supervision: down');
      },
      ready: async () => ({ ok: true }), close: async () => {},
    } as unknown as Adapter;
    const sources = new RequestSources(new SourceRegistry([adapter]), testCall(), silentLogger);
    await expect(sources.load('probation', 'supervision', 'KL-1')).rejects.toThrow('probation: supervision: down');
    await expect(sources.load('probation', 'supervision', 'KL-1')).rejects.toThrow('probation: supervision: down');
    expect(calls).toBe(1);
  });
});
