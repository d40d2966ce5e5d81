/**
 * Property: for random small tables, no number withheld by `suppressTable` can be recomputed from
 * what it publishes. The checker (tests/support/feasibleValues.ts) enumerates every non-negative
 * integer filling consistent with the published cells and totals; it shares no code with the
 * suppression. What is proved, for every withheld number (cell or total):
 * - it can take at least two values (never recomputed exactly), and
 * - among them are 0 or a value ≥ k… stated precisely: its feasible values include a value ≥ k,
 *   or include 0 and at least one other value. Totals withheld because the table's grand total is
 *   itself below k are the only numbers whose range stays below k (then the checker's cap bounds
 *   nothing: the range is open above).
 * A planted weak suppression (primary only) is caught by the same checker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressTable, type SuppressedCounts, type TableLayout } from '../../src/statistics/index.js';
import { feasibleValues, type PublishedTable } from '../support/feasibleValues.js';
import { integerRanges } from '../support/integerRanges.js';

const SEED = 20261125;

const published = (layout: TableLayout, s: SuppressedCounts): PublishedTable => ({
  layout,
  cells: layout === 'grid' ? s.cells.map((row) => row.map((c) => c.count)) : s.rowTotals.map((c) => [c.count]),
  rowTotals: layout === 'grid' ? s.rowTotals.map((c) => c.count) : null,
  columnTotals: s.columnTotals?.map((c) => c.count) ?? null,
  total: s.total?.count ?? null,
});

/** Counts skewed small, so tables hold many cells below k. */
const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 }));
const grid = fc.integer({ min: 2, max: 3 }).chain((rows) => fc.integer({ min: 2, max: 3 }).chain((cols) =>
  fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })));
const list = fc.array(count, { minLength: 2, maxLength: 6 }).map((xs) => xs.map((x) => [x]));
const kArb = fc.integer({ min: 3, max: 5 });

function exposures(layout: TableLayout, counts: number[][], suppress: (layout: TableLayout, counts: number[][], k: number) => SuppressedCounts, k: number) {
  const cap = counts.flat().reduce((a, b) => a + b, 0) + k + 2;
  return { cap, list: feasibleValues(published(layout, suppress(layout, counts, k)), cap) };
}

/** Primary suppression only: what a naive implementation would publish. */
function primaryOnly(layout: TableLayout, counts: number[][], k: number): SuppressedCounts {
  const hide = (v: number) => (v < k ? { count: null, suppressed: true } : { count: v, suppressed: false });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (layout === 'grid') {
    return {
      cells: counts.map((row) => row.map(hide)),
      rowTotals: counts.map((row) => hide(sum(row))),
      columnTotals: counts[0]!.map((_, c) => hide(sum(counts.map((row) => row[c]!)))),
      total: hide(sum(counts.map(sum))),
      suppressed: 0,
    };
  }
  return { cells: counts.map(() => []), rowTotals: counts.map((row) => hide(row[0]!)), columnTotals: null, total: hide(sum(counts.map(sum))), suppressed: 0 };
}

/** The true value of a withheld number named as `feasibleValues` and `integerRanges` name it. */
function trueValue(counts: number[][], what: string): number {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const [kind, a, b] = what.split(' ');
  if (kind === 'cell') return counts[Number(a)]![Number(b)]!;
  if (kind === 'row') return sum(counts[Number(a)]!);
  if (kind === 'column') return sum(counts.map((row) => row[Number(a)]!));
  return sum(counts.map(sum));
}

/** Withheld numbers below k that a reader can keep from 0 or from k, counts being never negative. */
function pinned(layout: TableLayout, counts: number[][], k: number): string[] {
  return integerRanges(published(layout, suppressTable(layout, counts, k)))
    .filter((e) => trueValue(counts, e.what) < k && (e.least > 0 || e.greatest < k))
    .map((e) => `${e.what} (${trueValue(counts, e.what)}) in ${e.least}..${e.greatest}`);
}

describe('small-cell suppression cannot be undone from the published numbers', () => {
  for (const [layout, tables] of [['list', list], ['grid', grid]] as const) {
    it(`leaves every withheld number of a ${layout} table at least two possible values`, () => {
      fc.assert(
        fc.property(tables, kArb, (counts, k) => {
          const { list: exposed } = exposures(layout, counts, suppressTable, k);
          for (const e of exposed) expect(e.values.length, `${e.what} of ${JSON.stringify(counts)} k=${k}`).toBeGreaterThanOrEqual(2);
        }),
        { seed: SEED, numRuns: layout === 'grid' ? 150 : 300 },
      );
    });

    it(`lets every withheld number of a ${layout} table reach k or zero`, () => {
      fc.assert(
        fc.property(tables, kArb, (counts, k) => {
          const { list: exposed } = exposures(layout, counts, suppressTable, k);
          for (const e of exposed) {
            const reachesK = e.values.some((v) => v >= k);
            const reachesZero = e.values[0] === 0;
            expect(reachesK || reachesZero, `${e.what} of ${JSON.stringify(counts)} k=${k}: ${e.values.join(',')}`).toBe(true);
          }
        }),
        { seed: SEED, numRuns: layout === 'grid' ? 100 : 200 },
      );
    });
  }

  it('keeps a withheld cell of a list table within a range of at least 0 to k while the total is published', () => {
    fc.assert(
      fc.property(list, kArb, (counts, k) => {
        const s = suppressTable('list', counts, k);
        if (s.total!.suppressed) return;
        const { list: exposed } = exposures('list', counts, suppressTable, k);
        for (const e of exposed) expect(e.values[0] === 0 && e.values.at(-1)! >= k, `${e.what}: ${e.values.join(',')}`).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('catches a planted weak suppression that withholds only the small cells', () => {
    for (const [layout, tables] of [['list', list], ['grid', grid]] as const) {
      const result = fc.check(
        fc.property(tables, kArb, (counts, k) => {
          const { list: exposed } = exposures(layout, counts, primaryOnly, k);
          return exposed.every((e) => e.values.length >= 2);
        }),
        { seed: SEED, numRuns: 200 },
      );
      expect(result.failed, `${layout}: the checker must find a recomputable cell`).toBe(true);
    }
  });

  it('recomputes the one withheld cell of a list table with a published total', () => {
    const exposed = feasibleValues({ layout: 'list', cells: [[null], [7], [9]], rowTotals: null, columnTotals: null, total: 18 }, 40);
    expect(exposed).toEqual([{ what: 'cell 0 0', values: [2] }]);
  });

  it('keeps every small withheld number of a grid free to be 0 and to be k, counts being never negative', () => {
    // A reader who knew counts are never negative recovered cells of this grid from the margins.
    expect(pinned('grid', [[114, 37, 8, 8, 3], [73, 20, 10, 0, 0], [75, 14, 4, 0, 0], [47, 10, 5, 0, 0], [25, 6, 3, 0, 0]], 5)).toEqual([]);
    const larger = fc.integer({ min: 2, max: 6 }).chain((rows) => fc.integer({ min: 2, max: 6 }).chain((cols) =>
      fc.array(fc.array(fc.oneof(count, fc.integer({ min: 0, max: 120 })), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })));
    fc.assert(
      fc.property(larger, kArb, (counts, k) => {
        expect(pinned('grid', counts, k), `${JSON.stringify(counts)} k=${k}`).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('keeps every small withheld number of a list free to be 0 and to be k', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(count, fc.integer({ min: 0, max: 120 })), { minLength: 2, maxLength: 12 }).map((xs) => xs.map((x) => [x])), kArb, (counts, k) => {
        expect(pinned('list', counts, k), `${JSON.stringify(counts)} k=${k}`).toEqual([]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
