import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { groupRows } from '../sdk/index.js';

export type CsvRow = Record<string, string>;

/** One parsed file, with its rows indexed lazily per key function. */
export class CsvTable {
  private readonly indexes = new Map<(row: unknown) => string | null, Map<string, CsvRow[]>>();
  constructor(readonly rows: readonly CsvRow[]) {}

  /** Rows grouped by `keyOf` (built once per table and key function). */
  index(keyOf: (row: unknown) => string | null): Map<string, CsvRow[]> {
    let index = this.indexes.get(keyOf);
    if (!index) this.indexes.set(keyOf, (index = groupRows(this.rows, keyOf)));
    return index;
  }
}

interface Entry {
  signature: string;
  table: Promise<CsvTable>;
}

/**
 * Parsed CSV files, re-read only when the file's size, modification time or inode changed
 * (partners replace files by rewriting or renaming). The header line names the columns;
 * a UTF-8 BOM is tolerated; quotes are strict (a stray quote is an error, not data).
 */
export class CsvFileCache {
  private readonly entries = new Map<string, Entry>();

  async get(file: string, delimiter: string): Promise<CsvTable> {
    const s = await stat(file);
    const signature = `${s.size}:${s.mtimeMs}:${s.ino}`;
    const key = `${delimiter}\u0000${file}`;
    const cached = this.entries.get(key);
    if (cached?.signature === signature) return cached.table;
    // Concurrent callers share one read; a failed read is not cached.
    const table = readFile(file).then((buffer) => new CsvTable(parse(buffer, {
      columns: true, bom: true, delimiter, skip_empty_lines: true, relax_quotes: false, relax_column_count: false,
    }) as CsvRow[]));
    this.entries.set(key, { signature, table });
    table.catch(() => {
      if (this.entries.get(key)?.table === table) this.entries.delete(key);
    });
    return table;
  }

  clear(): void {
    this.entries.clear();
  }
}
