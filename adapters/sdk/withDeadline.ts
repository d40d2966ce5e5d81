import { AdapterAborted, AdapterTimeout } from './errors.js';

/** The time box of one adapter call: the caller's signal plus the adapter's own deadline. */
export interface Deadline {
  /** Aborts when the caller aborts or the deadline passes; hand it to every backend operation. */
  readonly signal: AbortSignal;
  /** `performance.now()` value at which the deadline passes. */
  readonly expiresAt: number;
  remainingMs(): number;
  /**
   * `AdapterAborted` (the caller gave up) or `AdapterTimeout` (the deadline passed) once the
   * call is over, else null. The clock is read too, so a deadline that passed while the event
   * loop was blocked (an in-process PGlite query) counts even before the timer fires.
   */
  failure(): AdapterAborted | AdapterTimeout | null;
  /** Throws `failure()` when there is one. */
  check(): void;
  /**
   * The call is over: drops the timer and the listener on the caller's signal, so a deadline
   * that was met never fires. Idempotent; `failure()` keeps answering for the call as it ended.
   */
  done(): void;
}

/**
 * Combines `signal` with a `deadlineMs` timeout. One controller, one unreferenced timer and one
 * listener: `AbortSignal.any` + `AbortSignal.timeout` cost three times as much, and every
 * agency call makes two of these.
 */
export function withDeadline(signal: AbortSignal, deadlineMs: number, agency: string): Deadline {
  const expiresAt = performance.now() + deadlineMs;
  const controller = new AbortController();
  let timedOut = false;
  let release = (): void => {};
  if (signal.aborted) controller.abort(signal.reason);
  else {
    const onAbort = (): void => {
      clearTimeout(timer);
      controller.abort(signal.reason);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      signal.removeEventListener('abort', onAbort);
      controller.abort(new DOMException(`${agency}: no answer within ${deadlineMs} ms`, 'TimeoutError'));
    }, deadlineMs);
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
    release = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
  }
  const combined = controller.signal;
  let failure: AdapterAborted | AdapterTimeout | null = null;
  const deadline: Deadline = {
    signal: combined,
    expiresAt,
    remainingMs: () => Math.max(0, expiresAt - performance.now()),
    failure() {
      if (failure) return failure;
      // The caller's abort wins: when both happened, the caller no longer waits for anything.
      if (signal.aborted) failure = new AdapterAborted(agency, `${agency}: the call was aborted by the caller`, { cause: signal.reason });
      else if (timedOut || performance.now() >= expiresAt) failure = new AdapterTimeout(agency, `${agency}: no answer within ${deadlineMs} ms`);
      return failure;
    },
    check() {
      const f = deadline.failure();
      if (f) throw f;
    },
    done: () => release(),
  };
  return deadline;
}
