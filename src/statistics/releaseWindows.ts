/**
 * The fixed, disjoint windows of expected release, in days from today (inclusive bounds). Fixed
 * so that no caller can choose two horizons and subtract the answers to isolate a person.
 */
export const RELEASE_WINDOWS: ReadonlyArray<{ label: string; from: number; to: number }> = [
  { label: 'DAYS_0_30', from: 0, to: 30 },
  { label: 'DAYS_31_90', from: 31, to: 90 },
  { label: 'DAYS_91_180', from: 91, to: 180 },
  { label: 'DAYS_181_365', from: 181, to: 365 },
];

/** The column of people in custody with no expected release date, one in the past, or beyond a year. */
export const LATER_OR_UNKNOWN = 'LATER_OR_UNKNOWN';

const DAY_MS = 86_400_000;

/** Whole days from `today` to `date` (both `YYYY-MM-DD`). */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** The window label a release `days` ahead falls in, or null beyond a year or in the past. */
export function releaseWindowOf(days: number): string | null {
  return RELEASE_WINDOWS.find((w) => days >= w.from && days <= w.to)?.label ?? null;
}
