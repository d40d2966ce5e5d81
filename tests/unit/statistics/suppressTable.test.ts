import { describe, expect, it } from 'vitest';
import { findBridges, suppressTable } from '../../../src/statistics/index.js';

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
