import { findBridges } from './findBridges.js';
import { withheldRange } from './withheldRange.js';

/**
 * How a table publishes its counts: `grid` (cells, a total per row and per column, a grand
 * total), `list` (one count per row and a grand total) or `series` (one count per row, no total).
 */
export type TableLayout = 'grid' | 'list' | 'series';

/** A published count, or a withheld one. */
export interface Cell {
  count: number | null;
  suppressed: boolean;
}

/** A table after small-cell suppression. `cells[r]` is empty for `list` and `series`. */
export interface SuppressedCounts {
  cells: Cell[][];
  /** The row's count for `list` and `series`; the row total for `grid`. */
  rowTotals: Cell[];
  /** `grid` only. */
  columnTotals: Cell[] | null;
  /** `null` for `series`. */
  total: Cell | null;
  /** Withheld cells, totals included. */
  suppressed: number;
}

/** The smallest `minCellSize` accepted: below it "suppression" would hide nothing. */
export const MIN_CELL_SIZE_FLOOR = 3;

/**
 * Small-cell suppression with complementary suppression, to a fixpoint.
 *
 * `counts[r][c]` are counts of people (`counts[r][0]` for `list` and `series`); every margin
 * published is the sum of its cells. Seen as an extended table (the margins as an extra row and
 * column), each line — a row with its total, a column with its total — is a linear constraint
 * the reader knows. Then:
 * 1. primary: every published value (cell or total) below `k` is withheld;
 * 2. a line with exactly one withheld member gets a second (otherwise it is the difference of
 *    the others): its smallest positive unwithheld part, else its smallest part, else its total;
 * 3. a line whose total is published and whose withheld parts add up to less than `k` gets
 *    another part withheld (so each withheld part could be anything from 0 to at least `k`);
 * 4. `grid` only: a withheld cell that no cycle of withheld cells passes through (a bridge of
 *    the bipartite graph rows × columns) is determined by the margins even when every line has
 *    two withheld members; three more cells close a rectangle through it;
 * 5. the audit: steps 2–4 reason about sums, but a reader also knows that no count is below
 *    zero, which can pin cells whose lines all hold two withheld members. So every withheld
 *    number below `k` must still be able to be 0 and to be `k` given everything published
 *    (`withheldRange`, exact); the first that cannot gets the cheapest protection (`protect`).
 * Repeated until nothing changes. `series` has no totals, so only step 1 applies.
 * Pure; `k` must be an integer ≥ `MIN_CELL_SIZE_FLOOR`.
 */
export function suppressTable(layout: TableLayout, counts: readonly (readonly number[])[], k: number): SuppressedCounts {
  if (!Number.isInteger(k) || k < MIN_CELL_SIZE_FLOOR) throw new RangeError(`minimum cell size must be an integer ≥ ${MIN_CELL_SIZE_FLOOR}`);
  const rows = counts.length;
  const cols = layout === 'grid' ? (counts[0]?.length ?? 0) : 1;
  for (const row of counts) {
    if (row.length !== cols) throw new RangeError('every row must have one count per column');
    for (const v of row) if (!Number.isSafeInteger(v) || v < 0) throw new RangeError('counts must be non-negative integers');
  }
  // The extended table: interior (rows × cols), then the totals column and totals row.
  const width = layout === 'grid' ? cols + 1 : 1;
  const height = layout === 'series' ? rows : rows + 1;
  const value: number[][] = [];
  for (let r = 0; r < height; r++) {
    value.push([]);
    for (let c = 0; c < width; c++) value[r]!.push(extendedValue(counts, r, c, rows, cols));
  }
  const hidden = value.map((row) => row.map((v) => v < k));

  // Lines: members as [r, c]; the last member is the line's total.
  const lines: Array<Array<[number, number]>> = [];
  if (layout !== 'series') {
    for (let c = 0; c < width; c++) lines.push(Array.from({ length: height }, (_, r) => [r, c] as [number, number]));
    if (layout === 'grid') for (let r = 0; r < height; r++) lines.push(Array.from({ length: width }, (_, c) => [r, c] as [number, number]));
  }

  const hide = ([r, c]: [number, number]): void => {
    hidden[r]![c] = true;
    changed = true;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const parts = line.slice(0, -1);
      const total = line[line.length - 1]!;
      const withheld = line.filter(([r, c]) => hidden[r]![c]);
      if (withheld.length === 0) continue;
      const open = parts.filter(([r, c]) => !hidden[r]![c]);
      if (withheld.length === 1) {
        const pick = smallest(open, value) ?? (hidden[total[0]]![total[1]] ? null : total);
        if (pick) hide(pick);
        continue;
      }
      if (!hidden[total[0]]![total[1]]) {
        const mass = parts.filter(([r, c]) => hidden[r]![c]).reduce((sum, [r, c]) => sum + value[r]![c]!, 0);
        if (mass < k) hide(smallest(open, value) ?? total);
      }
    }
    if (changed) continue;
    if (layout === 'grid') {
      const edges: Array<[number, number]> = [];
      for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) if (hidden[r]![c]) edges.push([r, c]);
      const bridge = findBridges(height, width, edges)[0];
      if (bridge) for (const cell of closeRectangle(bridge, value, hidden)) hide(cell);
      if (changed) continue;
    }
    const exposed = firstExposed(layout, value, hidden, k);
    if (exposed) for (const cell of protect(layout, exposed, value, hidden, k)) hide(cell);
  }

  const cell = (r: number, c: number): Cell => (hidden[r]![c] ? { count: null, suppressed: true } : { count: value[r]![c]!, suppressed: false });
  const suppressed = hidden.reduce((n, row) => n + row.filter(Boolean).length, 0);
  if (layout === 'grid') {
    return {
      cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c))),
      rowTotals: Array.from({ length: rows }, (_, r) => cell(r, cols)),
      columnTotals: Array.from({ length: cols }, (_, c) => cell(rows, c)),
      total: cell(rows, cols),
      suppressed,
    };
  }
  return {
    cells: Array.from({ length: rows }, () => []),
    rowTotals: Array.from({ length: rows }, (_, r) => cell(r, 0)),
    columnTotals: null,
    total: layout === 'list' ? cell(rows, 0) : null,
    suppressed,
  };
}

function extendedValue(counts: readonly (readonly number[])[], r: number, c: number, rows: number, cols: number): number {
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  if (r < rows && c < cols) return counts[r]![c]!;
  if (r < rows) return sum(counts[r]!);
  if (c < cols) return sum(counts.map((row) => row[c]!));
  return sum(counts.map(sum));
}

/** The unwithheld member with the smallest positive value, else the smallest (zero), else null. */
function smallest(candidates: ReadonlyArray<[number, number]>, value: number[][]): [number, number] | null {
  let best: [number, number] | null = null;
  let bestKey = Infinity;
  for (const [r, c] of candidates) {
    const v = value[r]![c]!;
    const key = v === 0 ? Number.MAX_SAFE_INTEGER : v;
    if (key < bestKey) [best, bestKey] = [[r, c], key];
  }
  return best;
}

/** The cheapest three cells that, with `[i, j]`, make a rectangle of withheld cells. */
function closeRectangle([i, j]: [number, number], value: number[][], hidden: boolean[][]): Array<[number, number]> {
  let best: Array<[number, number]> = [];
  let bestCost = Infinity;
  for (let r = 0; r < value.length; r++) {
    if (r === i) continue;
    for (let c = 0; c < value[0]!.length; c++) {
      if (c === j) continue;
      const corners: Array<[number, number]> = [[r, j], [i, c], [r, c]];
      const added = corners.filter(([a, b]) => !hidden[a]![b]);
      // Fewest new cells first; then avoid zeros (they give a withheld cell no room to move), then small values.
      const cost = added.reduce((sum, [a, b]) => sum + 1_000_000 + (value[a]![b] === 0 ? 1000 : 0) + value[a]![b]!, 0);
      if (cost < bestCost) [best, bestCost] = [added, cost];
    }
  }
  return best;
}

/** How far a withheld number below k falls short of being able to be 0 and to be k (0: it can be both). */
function shortfall(layout: TableLayout, value: number[][], hidden: boolean[][], [r, c]: [number, number], k: number): number {
  const v = value[r]![c]!;
  const { fall, rise } = withheldRange(layout, value, hidden, [r, c], k - v);
  return v - fall + (k - v - rise);
}

/** The first withheld number below k that the published numbers keep from 0 or from k, or null. */
function firstExposed(layout: TableLayout, value: number[][], hidden: boolean[][], k: number): [number, number] | null {
  for (let r = 0; r < value.length; r++) {
    for (let c = 0; c < value[r]!.length; c++) {
      if (hidden[r]![c] && value[r]![c]! < k && shortfall(layout, value, hidden, [r, c], k) > 0) return [r, c];
    }
  }
  return null;
}

/**
 * The cells to withhold for `exposed`: of every single published number and, in a grid, every
 * rectangle through `exposed`, the choice that leaves the smallest shortfall, then with the
 * fewest new cells, then with the smallest counts. A rectangle of three published cells (each at
 * least k) always protects fully. If no choice helps, the smallest published number.
 */
function protect(layout: TableLayout, exposed: [number, number], value: number[][], hidden: boolean[][], k: number): Array<[number, number]> {
  const open: Array<[number, number]> = [];
  for (let r = 0; r < value.length; r++) for (let c = 0; c < value[r]!.length; c++) if (!hidden[r]![c]) open.push([r, c]);
  const choices: Array<Array<[number, number]>> = open.map((cell) => [cell]);
  if (layout === 'grid') {
    const [i, j] = exposed;
    for (let r = 0; r < value.length; r++) {
      for (let c = 0; c < value[0]!.length; c++) {
        if (r === i || c === j) continue;
        const added = ([[r, j], [i, c], [r, c]] as Array<[number, number]>).filter(([a, b]) => !hidden[a]![b]);
        if (added.length > 1) choices.push(added);
      }
    }
  }
  const now = shortfall(layout, value, hidden, exposed, k);
  let best: { cells: Array<[number, number]>; short: number; mass: number } | null = null;
  for (const cells of choices) {
    const trial = hidden.map((row) => [...row]);
    for (const [a, b] of cells) trial[a]![b] = true;
    const short = shortfall(layout, value, trial, exposed, k);
    const mass = cells.reduce((sum, [a, b]) => sum + value[a]![b]!, 0);
    if (short >= now) continue;
    if (!best || short < best.short || (short === best.short && (cells.length < best.cells.length || (cells.length === best.cells.length && mass < best.mass)))) {
      best = { cells, short, mass };
    }
  }
  if (best) return best.cells;
  const fallback = smallest(open, value);
  // Unreachable: with every number withheld, nothing is pinned. Fail closed rather than publish.
  if (!fallback) throw new Error('suppression could not protect a withheld number');
  return [fallback];
}
