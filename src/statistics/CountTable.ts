import type { DataCategory } from '../config/index.js';
import type { TableLayout } from './suppressTable.js';

/** A table of counts of distinct people, before suppression. Built by the `build*` functions. */
export interface CountTable {
  id: string;
  title: string;
  unit: string;
  categories: DataCategory[];
  layout: TableLayout;
  rowDimension: string;
  columnDimension: string | null;
  rows: string[];
  /** Empty for `list` and `series`. */
  columns: string[];
  /** `counts[r][c]`; one column for `list` and `series`. */
  counts: number[][];
}

/** A record and the agency whose system holds it. */
export interface Sourced<T> {
  agency: string;
  record: T;
}

/** Distinct people are (agency, agency's own reference) pairs: the gateway links no identities for counting. */
export const personKey = (s: Sourced<{ ref: string }>): string => `${s.agency}\u0000${s.record.ref}`;
