import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureTables, sortedRows, type Cell, type FixtureTable } from './fixtureData.js';
import type { TempDir } from './tempDir.js';

const field = (v: Cell): string => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const csvOf = (table: FixtureTable, rows = table.rows): string => {
  const names = Object.keys(table.columns);
  return [names.join(','), ...rows.map((row) => names.map((n) => field(row[n] ?? null)).join(','))].join('\r\n') + '\r\n';
};

export interface CsvFixture {
  /** Ends every read blocked on the slow file (a FIFO with no writer yet). */
  release(): Promise<void>;
}

/**
 * Writes the conformance fixture as a partner's CSV drop into `folder` of `dir`: one file per
 * table (comma-separated, RFC 4180 quoting), child rows in `orderBy` order (a file has no
 * ORDER BY), and `SLOW.csv` as a named pipe: reading it blocks until `release()`, the csv
 * backend's "slow answer".
 */
export async function writeCsvFixture(dir: TempDir, folder: string): Promise<CsvFixture> {
  for (const table of fixtureTables({ holdsNul: true })) {
    const rows = table.name === 'DELO' ? sortedRows(table, 'OSU_ID', 'RB') : table.rows;
    await dir.write(join(folder, `${table.name}.csv`), csvOf(table, rows));
  }
  const slow = join(dir.path, folder, 'SLOW.csv');
  execFileSync('mkfifo', [slow]);
  return {
    async release() {
      // Non-blocking: with no reader waiting, opening for write fails (ENXIO) and nothing is blocked.
      const handle = await open(slow, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
      await handle?.close();
    },
  };
}
