/**
 * Races `work` against `signal`: rejects with the signal's reason as soon as it aborts.
 * When `work` still resolves after that, `onLate` receives the value (to release a
 * connection that arrived too late); a late rejection is swallowed.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onLate?: (value: T) => void): Promise<T> {
  if (signal.aborted) {
    work.then(onLate, () => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      work.then(onLate, () => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
