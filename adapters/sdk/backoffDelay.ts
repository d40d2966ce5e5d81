/**
 * Delay before retry number `retry` (0 for the first retry): "full jitter" exponential backoff,
 * uniformly random in [0, min(maxMs, baseMs · 2^retry)]. The randomness spreads the retries of
 * many gateway replicas so that a recovering agency is not hit by them all at once.
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}
