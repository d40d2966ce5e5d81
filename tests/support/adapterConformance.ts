import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdapter } from '../../adapters/index.js';
import {
  AdapterAborted, AdapterBadRecord, AdapterTimeout, type Adapter, type PersonRecord,
} from '../../adapters/sdk/index.js';
import { BULK_COUNT, bulkJmbg, fixtureMapping, fixtureSql, HOSTILE, JMBG } from './sqlFixture.js';
import { createTempDir, type TempDir } from './tempDir.js';
import { testCall, testDeps, type TestDeps } from './testDeps.js';

/** A sql engine the shared cases run against. */
export interface SqlBackend {
  /** Adapter config keys choosing the engine, e.g. `{ dialect: 'postgres', url }`. */
  config: Record<string, unknown>;
  /** Passed as `deps.pglite` (dialect pglite without dataDir). */
  pglite?: PGlite;
  /** Runs setup/teardown sql (several statements). */
  exec(sql: string): Promise<void>;
  /** Whether a running statement can be interrupted (server PostgreSQL), not only checked after (PGlite). */
  interruptible: boolean;
}

export interface SqlConformance {
  schema: string;
  dir: TempDir;
  /** Creates an adapter on the fixture with extra config; closed after the suite. */
  adapter(extra?: Record<string, unknown>, deps?: TestDeps): Promise<{ adapter: Adapter; deps: TestDeps }>;
}

/**
 * Registers the sql adapter's contract cases in the current `describe`: the fixture schema is
 * created before and dropped after. `backend()` is read in `beforeAll`, so the caller can
 * create its engine in an earlier `beforeAll`. Returns a handle for engine-specific cases.
 */
export function sqlAdapterConformance(backend: () => SqlBackend): SqlConformance {
  const schema = `rt_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const opened: Adapter[] = [];
  const kit = { schema, dir: undefined as unknown as TempDir } as SqlConformance;
  let main: { adapter: Adapter; deps: TestDeps };

  kit.adapter = async (extra = {}, deps = testDeps(kit.dir.path, backend().pglite ? { pglite: backend().pglite! } : {})) => {
    const adapter = await createAdapter('prison', { kind: 'sql', ...backend().config, schema, mapping: 'prison.yaml', ...extra }, deps);
    opened.push(adapter);
    return { adapter, deps };
  };

  beforeAll(async () => {
    kit.dir = await createTempDir();
    await kit.dir.write('prison.yaml', fixtureMapping(schema));
    await backend().exec(fixtureSql(schema));
    main = await kit.adapter();
  });
  afterAll(async () => {
    await Promise.allSettled(opened.map((a) => a.close()));
    await backend().exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await kit.dir?.remove();
  });

  const load = (entity: Parameters<Adapter['load']>[0], keys: string[]) => main.adapter.load(entity, keys, testCall());
  const person = (v: unknown) => v as PersonRecord;

  it('answers in key order, null for unknown keys, every duplicate its value', async () => {
    const out = await load('personByNationalId', [JMBG.lire, '9999999999999', JMBG.marko, JMBG.lire, HOSTILE]);
    expect(out).toHaveLength(5);
    expect(person(out[0]).familyName).toBe('Çela');
    expect(out[1]).toBeNull();
    expect(person(out[2]).givenName).toBe('Марко');
    expect(out[3]).toEqual(out[0]);
    expect(out[4]).toBeNull();
  });

  it('maps columns, constants, code tables, defaults and dates into the common record', async () => {
    const [marko, lire] = await load('personByNationalId', [JMBG.marko, JMBG.lire]);
    expect(marko).toEqual({
      ref: '1',
      nationalId: { scheme: 'JMBG', value: JMBG.marko, country: 'RS' },
      givenName: 'Марко', familyName: 'Петровић', script: 'CYRILLIC',
      dateOfBirth: '1990-01-01', sex: 'MALE', municipality: 'Нови Сад',
    });
    expect(lire).toMatchObject({ givenName: 'Lirë', sex: 'FEMALE', municipality: 'Prishtinë', nationalId: { country: 'XK' } });
  });

  it('returns hostile strings verbatim and treats hostile keys as data', async () => {
    const [hostile, byHostileKey] = await load('personByNationalId', [JMBG.hostile, `x' OR '1'='1`]);
    expect(hostile).toMatchObject({ givenName: HOSTILE, familyName: `O'Brien "Jr"`, sex: 'UNKNOWN', municipality: null, script: null });
    expect(person(hostile).nationalId).toEqual({ scheme: 'JMBG', value: JMBG.hostile, country: null });
    expect(byHostileKey).toBeNull();
    expect(await load('person', ['1'])).toHaveLength(1);
  });

  it('fails only the key whose value is not in a code table', async () => {
    const out = await load('personByNationalId', [JMBG.badCountry, JMBG.marko]);
    expect(out[0]).toBeInstanceOf(AdapterBadRecord);
    expect((out[0] as Error).message).not.toContain('ZZZ');
    expect(person(out[1]).ref).toBe('1');
  });

  it('matches int keys in canonical form and answers non-numbers with null without failing', async () => {
    const out = await load('person', ['01', 'abc', '2', '99999999999999999999']);
    expect(out.map((p) => (p ? person(p).ref : null))).toEqual(['1', null, '2', null]);
  });

  it('reads child lists in orderBy order, one query per list per chunk', async () => {
    main.deps.backendCalls.length = 0;
    const [one, two, none] = await load('custody', ['1', '2', '5']);
    expect(one).toMatchObject({
      status: 'SENTENCED', admissionDate: '2021-02-03',
      sentence: {
        lengthMonths: 36, startDate: '2021-02-03',
        offences: [
          { code: 'KZ-203', description: 'Крађа', legalArticle: 'чл. 203' },
          { code: 'KZ-204', description: 'Тешка крађа', legalArticle: 'чл. 204' },
        ],
      },
    });
    expect(two).toMatchObject({ status: 'REMAND', sentence: null, earliestReleaseDate: null });
    expect(none).toBeNull();
    expect(main.deps.backendCalls).toEqual(['custody', 'custody']);
  });

  it('collects many rows per key for list entities, [] for unknown keys', async () => {
    const [one, unknown, two] = await load('riskAssessments', ['1', '77', '2']);
    expect((one as Array<{ assessedOn: string }>).map((r) => r.assessedOn).sort()).toEqual(['2023-01-10', '2024-01-10']);
    expect(unknown).toEqual([]);
    expect(two).toEqual([expect.objectContaining({ tool: 'LS/CMI', judgement: 'moderate', status: 'COMPLETED' })]);
  });

  it('calls no backend for an empty batch', async () => {
    main.deps.backendCalls.length = 0;
    expect(await load('personByNationalId', [])).toEqual([]);
    expect(main.deps.backendCalls).toEqual([]);
  });

  it('splits 10,000 keys into maxBatch chunks, one backend call each', async () => {
    main.deps.backendCalls.length = 0;
    const keys = Array.from({ length: BULK_COUNT }, (_, i) => bulkJmbg(i));
    const out = await load('personByNationalId', keys);
    expect(main.deps.backendCalls).toHaveLength(10);
    expect(out).toHaveLength(BULK_COUNT);
    expect(person(out[0]).nationalId?.value).toBe(keys[0]);
    expect(person(out[9_999]).ref).toBe(String(1000 + 9_999));
    expect(out.every((p, i) => person(p).nationalId?.value === keys[i])).toBe(true);
  });

  it('rejects with AdapterTimeout when the deadline passes', async () => {
    const { adapter } = await kit.adapter({ deadlineMs: 250 });
    const started = performance.now();
    await expect(adapter.load('supervision', [JMBG.marko], testCall())).rejects.toBeInstanceOf(AdapterTimeout);
    if (backend().interruptible) expect(performance.now() - started).toBeLessThan(700);
  });

  it('rejects with AdapterAborted when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = main.adapter.load('supervision', [JMBG.marko], testCall(controller.signal));
    // PGlite cannot be interrupted: abort before its statement starts; PostgreSQL: mid-statement.
    if (backend().interruptible) setTimeout(() => controller.abort(), 100);
    else controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AdapterAborted);
    expect(await load('person', ['1'])).toHaveLength(1);
  });

  it('is ready, and close() may be called twice', async () => {
    const { adapter } = await kit.adapter();
    expect(await adapter.ready()).toEqual({ ok: true });
    await adapter.close();
    await expect(adapter.close()).resolves.toBeUndefined();
  });

  return kit;
}
