/**
 * An attacker's view of a published table for tables too large to enumerate: for every withheld
 * number (cell or total), its smallest and largest value over all non-negative integer fillings
 * of the cells that agree with every published number. Each bound is an integer programme solved
 * by HiGHS; it shares no code or method with src/statistics (which uses maximum flows).
 */
import * as highsPackage from 'highs';
import type { Exposure, PublishedTable } from './feasibleValues.js';

/** The one call used here. The package's types describe it as CommonJS, which hides its default export from TypeScript here. */
type LoadHighs = () => Promise<{ solve(model: string, options: { output_flag: boolean }): { Status: string; ObjectiveValue: number } }>;
const highs = await (highsPackage.default as unknown as LoadHighs)();

/** A withheld number with the least and the greatest value it can take (`Infinity`: no bound). */
export interface IntegerRange extends Omit<Exposure, 'values'> {
  least: number;
  greatest: number;
}

export function integerRanges(table: PublishedTable): IntegerRange[] {
  const rows = table.cells.length;
  const cols = table.cells[0]?.length ?? 0;
  const name = (r: number, c: number): string => `x_${r}_${c}`;
  const numbers: Array<{ what: string; cells: string[]; value: number | null }> = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) numbers.push({ what: `cell ${r} ${c}`, cells: [name(r, c)], value: table.cells[r]![c]! });
  if (table.layout === 'grid') {
    for (let r = 0; r < rows; r++) numbers.push({ what: `row ${r}`, cells: Array.from({ length: cols }, (_, c) => name(r, c)), value: table.rowTotals![r]! });
    for (let c = 0; c < cols; c++) numbers.push({ what: `column ${c}`, cells: Array.from({ length: rows }, (_, r) => name(r, c)), value: table.columnTotals![c]! });
  }
  if (table.layout !== 'series') numbers.push({ what: 'total', cells: numbers.filter((n) => n.what.startsWith('cell')).flatMap((n) => n.cells), value: table.total });

  const variables = numbers.filter((n) => n.what.startsWith('cell')).flatMap((n) => n.cells);
  const constraints = numbers.filter((n) => n.value !== null).map((n, i) => ` p${i}: ${n.cells.join(' + ')} = ${n.value}`);
  // A model needs a row; this one holds for every filling.
  constraints.push(` free: ${variables[0]} >= 0`);
  const solve = (sense: 'Minimize' | 'Maximize', cells: string[]): number => {
    const model = [sense, ` goal: ${cells.join(' + ')}`, 'Subject To', ...constraints, 'Bounds', ...variables.map((v) => ` ${v} >= 0`), 'Generals', ` ${variables.join(' ')}`, 'End'].join('\n');
    const result = highs.solve(model, { output_flag: false });
    if (result.Status === 'Unbounded' || result.Status === 'Primal infeasible or unbounded') return Infinity;
    if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
    return Math.round(result.ObjectiveValue);
  };
  return numbers
    .filter((n) => n.value === null)
    .map((n) => ({ what: n.what, least: solve('Minimize', n.cells), greatest: solve('Maximize', n.cells) }));
}
