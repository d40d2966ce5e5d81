import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p99ms: number;
}

/**
 * Closed-loop load: `concurrency` clients each send the next request as soon as the previous
 * answered, for `seconds`. Counts a request as an error unless HTTP 200 without GraphQL errors.
 * Bounded in time and loopback only.
 */
export async function runLoad(url: string, body: string, headers: Record<string, string>, concurrency: number, seconds: number): Promise<LoadResult> {
  const origin = new URL(url);
  const pool = new Pool(origin.origin, { connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const res = await pool.request({ path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        const text = await res.body.text();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== 200 || text.includes('"errors"')) errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50ms: percentile(latencies, 0.5), p99ms: percentile(latencies, 0.99) };
}

/** The `p` quantile (0–1) of timings sorted in ascending order, by nearest rank; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}
