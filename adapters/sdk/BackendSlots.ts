/** Gives a slot back; calling it more than once has no further effect. */
export type Release = () => void;

/**
 * A counting semaphore over an adapter's backend calls: at most `size` run at once, the rest
 * wait in FIFO order (queued, never dropped). A waiter whose signal aborts leaves the queue and
 * rejects with the signal's reason, so a queue can never hold a caller past its deadline.
 */
export class BackendSlots {
  private running = 0;
  private readonly waiting: Array<{ grant: (release: Release) => void }> = [];

  constructor(readonly size: number) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`slot count must be a positive integer, got ${size}`);
  }

  /** Calls running now. */
  get inFlight(): number {
    return this.running;
  }

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free. */
  acquire(signal: AbortSignal): Promise<Release> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter = {
        grant: (release: Release) => {
          signal.removeEventListener('abort', abort);
          resolve(release);
        },
      };
      const abort = (): void => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter: `running` stays the same.
      if (next) next.grant(this.releaser());
      else this.running--;
    };
  }
}
