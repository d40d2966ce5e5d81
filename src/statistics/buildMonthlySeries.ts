import type { DataCategory } from '../config/index.js';
import { crossTabulate } from './crossTabulate.js';
import type { CountTable } from './CountTable.js';

export type MonthlyMeasure = 'CUSTODY_ADMISSIONS' | 'CUSTODY_RELEASES' | 'WELFARE_CASES_OPENED';

/** The last `n` complete calendar months before `today`'s month, oldest first (`YYYY-MM`). */
export function lastCompleteMonths(today: string, n = 12): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - n + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

const TITLES: Record<MonthlyMeasure, { title: string; unit: string; category: DataCategory }> = {
  CUSTODY_ADMISSIONS: { title: 'Admissions to custody per month', unit: 'people admitted', category: 'CUSTODY' },
  CUSTODY_RELEASES: { title: 'Releases from custody per month', unit: 'people released', category: 'CUSTODY' },
  WELFARE_CASES_OPENED: { title: 'Welfare cases opened per month', unit: 'people whose case was opened', category: 'WELFARE' },
};

/**
 * A series over the last 12 complete months: one count per month, no total and no cumulative
 * figure, so a month cannot be recovered by differencing. `events` are (person, date) pairs of the
 * measure; each person counts once per month.
 */
export function buildMonthlySeries(measure: MonthlyMeasure, events: ReadonlyArray<{ person: string; date: string }>, today: string): CountTable {
  const months = lastCompleteMonths(today);
  const inWindow = new Set(months);
  const tallies = events.filter((e) => inWindow.has(e.date.slice(0, 7))).map((e) => ({ person: e.person, row: e.date.slice(0, 7) }));
  const { title, unit, category } = TITLES[measure];
  return {
    id: `monthlySeries:${measure}`,
    title,
    unit,
    categories: [category],
    layout: 'series',
    rowDimension: 'month',
    columnDimension: null,
    ...crossTabulate(tallies, { rows: months, mergeBelow: 0 }),
  };
}
