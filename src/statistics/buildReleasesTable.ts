import type { CustodyRecord } from '../../adapters/sdk/index.js';
import { IN_CUSTODY } from './buildCustodyTable.js';
import { crossTabulate } from './crossTabulate.js';
import { personKey, type CountTable, type Sourced } from './CountTable.js';
import { daysBetween, LATER_OR_UNKNOWN, RELEASE_WINDOWS, releaseWindowOf } from './releaseWindows.js';

/**
 * Every person in custody, by establishment (rows) and the fixed window of the next year their
 * expected release date falls in (columns); no date, a date in the past or beyond a year is
 * `LATER_OR_UNKNOWN`. Counting everyone makes each row total equal the same establishment's total
 * in the custody table, so subtracting one table from the other reveals nothing that is not a
 * cell of this table, and its suppression covers it.
 */
export function buildReleasesTable(custody: readonly Sourced<CustodyRecord>[], today: string, k: number): CountTable {
  const tallies = [];
  const establishments = new Set<string>();
  for (const c of custody) {
    if (!IN_CUSTODY.has(c.record.status)) continue;
    establishments.add(c.record.establishment);
    const window = c.record.expectedReleaseDate === null ? null : releaseWindowOf(daysBetween(today, c.record.expectedReleaseDate));
    tallies.push({ person: personKey(c), row: c.record.establishment, column: window ?? LATER_OR_UNKNOWN });
  }
  return {
    id: 'releasesExpected',
    title: 'Releases expected in the next year, by establishment and window',
    unit: 'people in custody, by when their release is expected',
    categories: ['CUSTODY'],
    layout: 'grid',
    rowDimension: 'establishment',
    columnDimension: 'release window (days from today)',
    ...crossTabulate(tallies, { rows: 'observed', columns: [...RELEASE_WINDOWS.map((w) => w.label), LATER_OR_UNKNOWN], mergeBelow: k, rowUniverse: [...establishments] }),
  };
}
