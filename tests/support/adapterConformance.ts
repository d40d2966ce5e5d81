import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdapter } from '../../adapters/index.js';
import {
  AdapterAborted, AdapterBadRecord, AdapterScanNotSupported, AdapterTimeout, scanEntity, type Adapter, type AdapterDeps, type EntityName, type PersonRecord,
} from '../../adapters/sdk/index.js';
import { BULK_COUNT, bulkJmbg, HOSTILE, JMBG, LONG, QUOTED, WITH_NUL } from './fixtureData.js';
import { createTempDir, type TempDir } from './tempDir.js';
import { testCall, testDeps, type TestDeps } from './testDeps.js';

/** A backend holding the conformance fixture (`fixtureData.ts`), and how an adapter reaches it. */
export interface ConformanceBackend {
  /** Adapter config choosing the kind and connection (`mapping` is added by the kit). */
  config: Record<string, unknown>;
  /** The fixture's mapping for this kind (`fixtureMapping`). */
  mapping: string;
  deps?: Partial<AdapterDeps>;
  /** Whether text can hold NUL (PostgreSQL's cannot). */
  holdsNul: boolean;
  /** Whether a running backend call stops when aborted (PGlite statements cannot be stopped). */
  interruptible: boolean;
  /** Key counts of the calls the backend received so far, when it can observe them. */
  batchSizes?(): readonly number[];
}

export interface ConformanceSetup {
  /** Stores the fixture (tables, files under `dir`, a server) and says how to reach it. */
  start(dir: TempDir): Promise<ConformanceBackend>;
  stop?(): Promise<void>;
}

export interface ConformanceKit {
  readonly dir: TempDir;
  readonly backend: ConformanceBackend;
  /** The adapter the shared cases use (maxBatch 1000). */
  readonly main: { adapter: Adapter; deps: TestDeps };
  /** Creates another adapter on the fixture with extra config; closed after the suite. */
  adapter(extra?: Record<string, unknown>, deps?: TestDeps): Promise<{ adapter: Adapter; deps: TestDeps }>;
}

/** Fails when `work` has not settled within `ms`: the "no hang" bound, never a speed claim. */
export async function settlesWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, bound]);
  } finally {
    clearTimeout(timer);
  }
}

export const BATCH = 1000;

/**
 * The adapter contract, registered in the current `describe` for any kind: one call per
 * backend (`adapterConformance({ start: … })`). Cases: order and length, null for unknown keys,
 * duplicates, per-key errors that leave the batch standing, empty batch, 10,000 keys in
 * chunks, deadline → AdapterTimeout, abort → AdapterAborted, Unicode round trips, hostile keys
 * and values as data, key listing for statistics (or AdapterScanNotSupported), close() idempotent. Returns the kit for kind-specific cases.
 */
export function adapterConformance(setup: ConformanceSetup): ConformanceKit {
  const opened: Adapter[] = [];
  const kit = {} as { -readonly [K in keyof ConformanceKit]: ConformanceKit[K] };

  kit.adapter = async (extra = {}, deps = testDeps(kit.dir.path, kit.backend.deps ?? {})) => {
    const adapter = await createAdapter('prison', { ...kit.backend.config, mapping: 'fixture.yaml', maxBatch: BATCH, ...extra }, deps);
    opened.push(adapter);
    return { adapter, deps };
  };

  beforeAll(async () => {
    kit.dir = await createTempDir();
    kit.backend = await setup.start(kit.dir);
    await kit.dir.write('fixture.yaml', kit.backend.mapping);
    kit.main = await kit.adapter();
  });
  afterAll(async () => {
    await setup.stop?.();
    await Promise.allSettled(opened.map((a) => a.close()));
    await kit.dir?.remove();
  });

  const load = (entity: EntityName, keys: string[]) => kit.main.adapter.load(entity, keys, testCall());
  const person = (v: unknown) => v as PersonRecord;

  it('answers in key order, null for unknown keys, every duplicate its value', async () => {
    const out = await load('personByNationalId', [JMBG.lire, '9999999999999', JMBG.marko, JMBG.lire, 'nobody']);
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

  it('round-trips Cyrillic and Albanian ë/ç in values and in keys', async () => {
    const [byUnicodeKey, otherCase, noAccents] = await load('personByNationalId', [JMBG.unicode, JMBG.unicode.toLowerCase(), 'Ec-Жs 1,/']);
    expect(byUnicodeKey).toMatchObject({ ref: '5', givenName: 'Dritë', familyName: 'Gjoçaj', municipality: 'Gjakovë', nationalId: { value: JMBG.unicode, country: 'AL' } });
    // A case- and accent-insensitive engine may match the look-alikes; the adapter must not.
    expect(otherCase).toBeNull();
    expect(noAccents).toBeNull();
  });

  it('returns hostile and very long strings verbatim and treats hostile keys as data', async () => {
    const [hostile, long] = await load('personByNationalId', [JMBG.hostile, JMBG.long]);
    expect(hostile).toMatchObject({ givenName: HOSTILE, familyName: QUOTED, sex: 'UNKNOWN', municipality: null, script: null });
    expect(person(hostile).nationalId).toEqual({ scheme: 'JMBG', value: JMBG.hostile, country: null });
    expect(person(long).familyName).toBe(LONG);
    if (kit.backend.holdsNul) expect(person((await load('personByNationalId', [JMBG.nul]))[0]).givenName).toBe(WITH_NUL);
    const keys = [HOSTILE, `x' OR '1'='1`, `x" OR "1"="1`, WITH_NUL, 'k'.repeat(5000), '%', '_', '*', '\\', ' '];
    expect(await load('personByNationalId', keys)).toEqual(keys.map(() => null));
    expect(await load('person', ['1'])).toEqual([expect.objectContaining({ ref: '1' })]);
  });

  it('lists everyone born on a day for a list entity keyed by a non-unique date, [] for nobody and for a non-date (or refuses the entity when its mapping lacks it)', async () => {
    if (!kit.main.adapter.entities.has('personByDateOfBirth')) {
      await expect(load('personByDateOfBirth', ['1990-01-01'])).rejects.toThrow('personByDateOfBirth');
      return;
    }
    const [day, again, nobody, notADate] = await load('personByDateOfBirth', ['1990-01-01', '1990-01-01', '1999-09-09', '1990-02-30']);
    expect((day as PersonRecord[]).map((r) => r.ref).sort()).toEqual(['1', '7']);
    expect(day).toContainEqual(expect.objectContaining({ ref: '1', givenName: 'Марко', dateOfBirth: '1990-01-01' }));
    expect(again).toEqual(day);
    expect(nobody).toEqual([]);
    expect(notADate).toEqual([]);
  });

  it('fails only the keys whose records do not fit, and the rest of the batch answers', async () => {
    const out = await load('personByNationalId', [JMBG.badCountry, JMBG.duplicate, JMBG.marko]);
    expect(out[0]).toBeInstanceOf(AdapterBadRecord);
    expect((out[0] as Error).message).not.toContain('ZZZ');
    expect(out[1]).toBeInstanceOf(AdapterBadRecord);
    expect((out[1] as Error).message).not.toContain('Dupli');
    expect(person(out[2]).ref).toBe('1');
  });

  it('reads nested lists in order, and null for a key without a record', async () => {
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
  });

  it('collects many records per key for list entities, [] for unknown keys', async () => {
    const [one, unknown, two] = await load('riskAssessments', ['1', '77', '2']);
    expect((one as Array<{ assessedOn: string }>).map((r) => r.assessedOn).sort()).toEqual(['2023-01-10', '2024-01-10']);
    expect(unknown).toEqual([]);
    expect(two).toEqual([expect.objectContaining({ tool: 'LS/CMI', judgement: 'moderate', status: 'COMPLETED' })]);
  });

  it('calls no backend for an empty batch', async () => {
    kit.main.deps.backendCalls.length = 0;
    expect(await load('personByNationalId', [])).toEqual([]);
    expect(kit.main.deps.backendCalls).toEqual([]);
  });

  it('splits 10,000 keys into chunks of at most maxBatch, one backend call each', async () => {
    kit.main.deps.backendCalls.length = 0;
    const seenBefore = kit.backend.batchSizes?.().length ?? 0;
    const keys = Array.from({ length: BULK_COUNT }, (_, i) => bulkJmbg(i));
    const out = await load('personByNationalId', keys);
    expect(kit.main.deps.backendCalls).toHaveLength(BULK_COUNT / BATCH);
    expect(out).toHaveLength(BULK_COUNT);
    expect(person(out[9_999]).ref).toBe(String(1000 + 9_999));
    expect(out.every((p, i) => person(p).nationalId?.value === keys[i])).toBe(true);
    const seen = kit.backend.batchSizes?.().slice(seenBefore);
    if (seen) expect(Math.max(...seen)).toBeLessThanOrEqual(BATCH);
  });

  it('rejects with AdapterTimeout when the deadline passes', async () => {
    const { adapter } = await kit.adapter({ deadlineMs: 250 });
    await expect(settlesWithin(adapter.load('supervision', [JMBG.marko], testCall()), 5000)).rejects.toBeInstanceOf(AdapterTimeout);
  });

  it('rejects with AdapterAborted when the caller aborts, and answers the next call', async () => {
    const controller = new AbortController();
    const pending = kit.main.adapter.load('supervision', [JMBG.marko], testCall(controller.signal));
    // A statement that cannot be interrupted (PGlite) is aborted before it starts; others mid-call.
    if (kit.backend.interruptible) setTimeout(() => controller.abort(), 100);
    else controller.abort();
    await expect(settlesWithin(pending, 5000)).rejects.toBeInstanceOf(AdapterAborted);
    expect(await load('person', ['1'])).toEqual([expect.objectContaining({ ref: '1' })]);
  });

  it('lists every key of an entity once, page after page, or says it cannot list', async () => {
    const { adapter } = kit.main;
    if (!adapter.listKeys) {
      await expect(scanEntity(adapter, 'person', testCall()).next()).rejects.toBeInstanceOf(AdapterScanNotSupported);
      return;
    }
    const keys: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: string[] = await adapter.listKeys('person', { after, limit: 999 }, testCall());
      keys.push(...page);
      if (page.length < 999) break;
      after = page.at(-1)!;
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(BULK_COUNT);
    expect(keys).toContain('1');
    let records = 0;
    let errors = 0;
    for await (const page of scanEntity(adapter, 'person', testCall(), { pageSize: 2500, onKeyError: () => errors++ })) records += page.length;
    expect(records + errors).toBe(keys.length);
  });

  it('is ready with its circuit closed, and close() may be called twice', async () => {
    const { adapter } = await kit.adapter();
    expect(await adapter.ready()).toEqual({ ok: true, circuit: 'closed' });
    await adapter.close();
    await expect(adapter.close()).resolves.toBeUndefined();
  });

  return kit;
}
