import { z } from 'zod';

/**
 * The `resilience:` block of any adapter config. Every key is optional; the defaults suit an
 * agency system on the same network answering in tens of milliseconds.
 *
 * ```yaml
 * adapter:
 *   kind: rest
 *   deadlineMs: 2000            # per call, retries included (each kind's own option)
 *   resilience:
 *     retries: 2                # extra attempts after a transient failure (0: none)
 *     backoffMs: 50             # retry n waits random [0, min(maxBackoffMs, backoffMs·2^n)]
 *     maxBackoffMs: 1000
 *     circuit: { failures: 5, coolDownMs: 10000 }
 *     maxInFlight: 8            # backend calls at once; more wait in a queue
 * ```
 */
export const resilienceConfig = z.strictObject({
  retries: z.number().int().min(0).max(10).default(2),
  backoffMs: z.number().int().min(0).max(60_000).default(50),
  maxBackoffMs: z.number().int().min(0).max(60_000).default(1000),
  circuit: z.strictObject({
    /** Consecutive failed calls that open the circuit. */
    failures: z.number().int().min(1).max(1000).default(5),
    /** Time the circuit stays open before one probe call is let through. */
    coolDownMs: z.number().int().min(10).max(3_600_000).default(10_000),
  }).prefault({}),
  /** Backend calls (queries, HTTP requests, file reads) in flight at once for this agency. */
  maxInFlight: z.number().int().min(1).max(1024).default(8),
});

export type ResilienceConfig = z.output<typeof resilienceConfig>;
