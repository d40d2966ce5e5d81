import type { CountTable } from './CountTable.js';
import { suppressTable, type Cell } from './suppressTable.js';

/** A table as `schema/statistics.graphql` returns it: suppressed, labelled, with its sources. */
export interface StatisticsTableResult {
  id: string;
  title: string;
  unit: string;
  categories: string[];
  sources: string[];
  withheldSources: string[];
  rowDimension: string;
  columnDimension: string | null;
  columns: string[];
  rows: Array<{ label: string; cells: Cell[]; total: Cell }>;
  columnTotals: Cell[] | null;
  total: Cell | null;
  suppressedCells: number;
}

/** Applies small-cell suppression (`k`) and shapes the table for the API. Only suppressed numbers leave. */
export function toStatisticsTable(table: CountTable, k: number, sources: string[], withheldSources: string[]): StatisticsTableResult {
  const s = suppressTable(table.layout, table.counts, k);
  return {
    id: table.id,
    title: table.title,
    unit: table.unit,
    categories: table.categories,
    sources,
    withheldSources,
    rowDimension: table.rowDimension,
    columnDimension: table.columnDimension,
    columns: table.columns,
    rows: table.rows.map((label, r) => ({ label, cells: s.cells[r]!, total: s.rowTotals[r]! })),
    columnTotals: s.columnTotals,
    total: s.total,
    suppressedCells: s.suppressed,
  };
}
