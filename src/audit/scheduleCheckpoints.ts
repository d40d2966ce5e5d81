import type { AuditLog } from './AuditLog.js';

export interface CheckpointSchedule {
  /** Stops the timer and waits for a checkpoint in progress. */
  stop(): Promise<void>;
}

/**
 * Signs a checkpoint every `intervalMs` when the log grew since the latest one (written by any
 * gateway process, so replicas do not each sign the same tree). Failures go to `onError` and the
 * next tick tries again; the timer never keeps the process alive.
 */
export function scheduleCheckpoints(log: AuditLog, intervalMs: number, onError: (error: unknown) => void): CheckpointSchedule {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return; // a slow store: skip the tick rather than pile up checkpoints
    busy = true;
    running = log.checkpointIfGrown().catch(onError).finally(() => { busy = false; });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
