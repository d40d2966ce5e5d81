import { describe, expect, it } from 'vitest';
import { findBridges, suppressTable, withheldRange } from '../../../src/statistics/index.js';

const shown = (cells: Array<{ count: number | null; suppressed: boolean }>) => cells.map((c) => (c.suppressed ? 'S' : c.count));

describe('suppressTable', () => {
  it('publishes a list table whose cells are all at least k unchanged', () => {
    const s = suppressTable('list', [[5], [9], [12]], 5);
    expect(shown(s.rowTotals)).toEqual([5, 9, 12]);
    expect(s.total).toEqual({ count: 26, suppressed: false });
    expect(s.suppressed).toBe(0);
  });

  it('withholds a small cell and the next smallest so the total cannot give it away', () => {
    const s = suppressTable('list', [[2], [7], [9], [30]], 5);
    expect(shown(s.rowTotals)).toEqual(['S', 'S', 9, 30]);
    expect(s.total!.count).toBe(48);
  });

  it('withholds more cells until the withheld ones add up to at least k', () => {
    const s = suppressTable('list', [[1], [1], [6], [20]], 5);
    expect(shown(s.rowTotals)).toEqual(['S', 'S', 'S', 20]);
  });

  it('withholds a total below k and, with it, every cell', () => {
    const s = suppressTable('list', [[1], [2]], 5);
    expect(shown(s.rowTotals)).toEqual(['S', 'S']);
    expect(s.total).toEqual({ count: null, suppressed: true });
  });

  it('withholds zero cells too: a published zero would say nobody', () => {
    expect(shown(suppressTable('list', [[0], [8], [8]], 3).rowTotals)).toEqual(['S', 'S', 8]);
  });

  it('protects a small cell of a grid in its row and its column', () => {
    const s = suppressTable('grid', [[2, 10, 12], [11, 13, 14], [15, 16, 17]], 5);
    expect(s.cells.map(shown)).toEqual([['S', 'S', 12], ['S', 'S', 14], [15, 16, 17]]);
    expect(shown(s.rowTotals)).toEqual([24, 38, 48]);
    expect(shown(s.columnTotals!)).toEqual([28, 39, 43]);
  });

  it('suppresses a series month by month with no total', () => {
    const s = suppressTable('series', [[3], [7], [0]], 5);
    expect(shown(s.rowTotals)).toEqual(['S', 7, 'S']);
    expect(s.total).toBeNull();
  });

  it('refuses a minimum cell size below 3', () => {
    expect(() => suppressTable('list', [[1]], 2)).toThrow('minimum cell size must be an integer ≥ 3');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => suppressTable('list', [[-1]], 5)).toThrow('counts must be non-negative integers');
    expect(() => suppressTable('grid', [[1, 2], [3]], 5)).toThrow('every row must have one count per column');
  });
});

describe('findBridges', () => {
  it('finds the edge no cycle passes through', () => {
    // Rectangle r0-c0-r1-c1 plus a pendant edge r1-c2.
    expect(findBridges(2, 3, [[0, 0], [0, 1], [1, 0], [1, 1], [1, 2]])).toEqual([[1, 2]]);
  });

  it('finds none in a rectangle', () => {
    expect(findBridges(2, 2, [[0, 0], [0, 1], [1, 0], [1, 1]])).toEqual([]);
  });
});

describe('withheldRange', () => {
  it('lets a withheld part of a list fall to 0 and rise by what the other withheld parts hold', () => {
    const value = [[2], [7], [9], [18]];
    const hidden = [[true], [true], [false], [false]];
    expect(withheldRange('list', value, hidden, [0, 0], 10)).toEqual({ fall: 2, rise: 7 });
    expect(withheldRange('list', value, hidden, [1, 0], 10)).toEqual({ fall: 7, rise: 2 });
  });

  it('finds a zero pinned by the margins and by counts being never negative', () => {
    // As published before the audit: row 0 withholds 8 + 3 = 11, which is all that columns 3 and 4
    // hold together, so every withheld zero below can only be 0.
    const counts = [[114, 37, 8, 8, 3], [73, 20, 10, 0, 0], [75, 14, 4, 0, 0], [47, 10, 5, 0, 0], [25, 6, 3, 0, 0]];
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const withTotals = counts.map((row) => [...row, sum(row)]);
    const value = [...withTotals, withTotals[0]!.map((_, c) => sum(withTotals.map((row) => row[c]!)))];
    const shown = ['PPPHHP', 'PPHHHP', 'PHHHHP', 'PPHHHP', 'PHHHHP', 'PPPHHP'];
    const hidden = shown.map((row) => [...row].map((x) => x === 'H'));
    expect(withheldRange('grid', value, hidden, [1, 3], 5)).toEqual({ fall: 0, rise: 0 });
    hidden[0]![2] = true;
    expect(withheldRange('grid', value, hidden, [1, 3], 5).rise).toBeGreaterThan(0);
  });
});
