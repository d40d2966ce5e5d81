import { alignResults } from './alignResults.js';
import { chunk } from './chunk.js';
import { AdapterBadRecord, AdapterError } from './errors.js';
import type { EntityName } from './model.js';
import type { AdapterCall } from './types.js';
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
 */
export async function runBatch(plan: BatchPlan): Promise<unknown[]> {
  if (plan.keys.length === 0) return [];
  const canonical = plan.normalize ? plan.keys.map((k) => plan.normalize!(k)) : plan.keys;
  const unique = [...new Set(canonical.filter((k): k is string => k !== null))];
  const deadline = withDeadline(plan.call.signal, plan.deadlineMs, plan.agency);
  deadline.check();

  const chunks = chunk(unique, plan.maxBatch);
  const results: ChunkResult[] = new Array(chunks.length);
  let next = 0;
  let failed: AdapterError | null = null;
  const worker = async (): Promise<void> => {
    // After a failure no further chunk is started; in-flight ones end by the shared deadline.
    while (failed === null && next < chunks.length) {
      const i = next++;
      try {
        results[i] = await plan.fetch(chunks[i]!, deadline);
        deadline.check();
      } catch (error) {
        failed ??= deadline.failure() ?? (error instanceof AdapterError ? error : plan.failure(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, chunks.length) }, worker));
  if (failed) throw failed;

  const keys: (string | null)[] = [];
  const values: unknown[] = [];
  // Plain loops: spreading a large chunk into push() can exceed the argument limit.
  for (const r of results) {
    for (const k of r.keys) keys.push(k);
    for (const v of r.values) values.push(v);
  }
  const { agency, entity } = plan;
  return alignResults(canonical, (_, i) => keys[i] ?? null, values, plan.many, () =>
    new AdapterBadRecord(agency, `${agency}: ${entity}: more than one record for one key (only list entities take many: true)`),
  );
}
