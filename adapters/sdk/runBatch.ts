import { alignResults } from './alignResults.js';
import { chunk } from './chunk.js';
import { AdapterBadRecord, AdapterError } from './errors.js';
import type { EntityName } from './model.js';
import type { AdapterCall } from './types.js';
import { untilAborted } from './untilAborted.js';
import { withDeadline, type Deadline } from './withDeadline.js';

/** What one chunk fetch produced: values (records or per-record Errors) and the key of each. */
export interface ChunkResult {
  keys: readonly (string | null)[];
  values: readonly unknown[];
}

export interface BatchPlan {
  agency: string;
  entity: EntityName;
  keys: readonly string[];
  call: AdapterCall;
  deadlineMs: number;
  maxBatch: number;
  /** How many chunks may be in flight at once. */
  concurrency: number;
  many: boolean;
  /** Canonical form of a key; null when it cannot exist (answered null/[] without asking the backend). */
  normalize?(key: string): string | null;
  /**
   * An error for a canonical key the backend cannot be asked with at all (e.g. longer than the
   * agency's URL limit): that key's value, without a backend call. Null: ask.
   */
  refuse?(key: string): Error | null;
  /** Splits the unique keys into backend calls; default chunks of `maxBatch`. */
  split?(keys: string[]): string[][];
  /** Fetches one chunk of unique canonical keys (reporting its own backend calls). */
  fetch(keys: string[], deadline: Deadline): Promise<ChunkResult>;
  /** Turns a backend failure that is not already an `AdapterError` into one (usually `AdapterUnavailable`). */
  failure(error: unknown): AdapterError;
}

/**
 * The batch contract around an adapter's fetch: empty batch → no backend call; keys
 * normalised and de-duplicated; chunks of `maxBatch` fetched under one deadline; results
 * aligned to the original keys. Rejects with `AdapterAborted`/`AdapterTimeout` when the call
 * is over, else with the first chunk's failure.
 *
 * Each chunk first takes one of `call.backendSlots` (the agency's concurrency limit), held
 * until the backend call really ends, and is raced against the deadline: a backend that
 * ignores the abort signal still cannot hold the caller past it.
 */
export async function runBatch(plan: BatchPlan): Promise<unknown[]> {
  if (plan.keys.length === 0) return [];
  const canonical = plan.normalize ? plan.keys.map((k) => plan.normalize!(k)) : plan.keys;
  const refused = new Map<string, Error>();
  const unique: string[] = [];
  for (const key of new Set(canonical)) {
    if (key === null) continue;
    const error = plan.refuse?.(key) ?? null;
    if (error) refused.set(key, error);
    else unique.push(key);
  }
  const deadline = withDeadline(plan.call.signal, plan.deadlineMs, plan.agency);
  deadline.check();

  const chunks = unique.length === 0 ? [] : plan.split ? plan.split(unique) : chunk(unique, plan.maxBatch);
  const slots = plan.call.backendSlots;
  const fetchOne = async (keys: string[]): Promise<ChunkResult> => {
    const release = slots ? await slots.acquire(deadline.signal) : undefined;
    let work: Promise<ChunkResult>;
    try {
      work = plan.fetch(keys, deadline);
    } catch (error) {
      work = Promise.reject(error);
    }
    if (release) void work.then(release, release);
    return untilAborted(work, deadline.signal);
  };
  const results: ChunkResult[] = new Array(chunks.length);
  let next = 0;
  let failed: AdapterError | null = null;
  const worker = async (): Promise<void> => {
    // After a failure no further chunk is started; in-flight ones end by the shared deadline.
    while (failed === null && next < chunks.length) {
      const i = next++;
      try {
        results[i] = await fetchOne(chunks[i]!);
        deadline.check();
      } catch (error) {
        failed ??= deadline.failure() ?? (error instanceof AdapterError ? error : plan.failure(error));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(plan.concurrency, chunks.length) }, worker));
  } finally {
    deadline.done();
  }
  if (failed) throw failed;

  const keys: (string | null)[] = [];
  const values: unknown[] = [];
  // Plain loops: spreading a large chunk into push() can exceed the argument limit.
  for (const r of results) {
    for (const k of r.keys) keys.push(k);
    for (const v of r.values) values.push(v);
  }
  const { agency, entity } = plan;
  const aligned = alignResults(canonical, (_, i) => keys[i] ?? null, values, plan.many, () =>
    new AdapterBadRecord(agency, `${agency}: ${entity}: more than one record for one key (only list entities take many: true)`),
  );
  if (refused.size > 0) {
    for (let i = 0; i < canonical.length; i++) {
      const key = canonical[i];
      const error = key === null || key === undefined ? undefined : refused.get(key);
      if (error) aligned[i] = error;
    }
  }
  return aligned;
}
