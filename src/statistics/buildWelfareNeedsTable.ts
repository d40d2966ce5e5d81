import type { NeedDomain, WelfareCaseRecord } from '../../adapters/sdk/index.js';
import { crossTabulate } from './crossTabulate.js';
import { personKey, type CountTable, type Sourced } from './CountTable.js';

export const NEED_DOMAINS: readonly NeedDomain[] = ['HOUSING', 'EMPLOYMENT', 'EDUCATION', 'FAMILY', 'BENEFITS', 'IDENTITY_DOCUMENTS', 'HEALTH'];
export const NEED_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
const RANK: Record<string, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * People with an open or waiting welfare case by need domain (rows) and level (columns): each
 * person counts once per domain, at the highest level assessed. The HEALTH domain (a special
 * category) is counted only for agencies in `healthFrom`, and its row is left out when there are
 * none.
 */
export function buildWelfareNeedsTable(cases: readonly Sourced<WelfareCaseRecord>[], healthFrom: ReadonlySet<string>): CountTable {
  const highest = new Map<string, { person: string; row: string; level: number }>();
  for (const c of cases) {
    if (c.record.status === 'CLOSED') continue;
    for (const need of c.record.needs) {
      if (need.level === 'NONE' || (need.domain === 'HEALTH' && !healthFrom.has(c.agency))) continue;
      const key = `${personKey(c)}\u0000${need.domain}`;
      const level = RANK[need.level]!;
      if ((highest.get(key)?.level ?? -1) < level) highest.set(key, { person: personKey(c), row: need.domain, level });
    }
  }
  const tallies = [...highest.values()].map((h) => ({ person: h.person, row: h.row, column: NEED_LEVELS[h.level - 1]! }));
  const domains = healthFrom.size > 0 ? NEED_DOMAINS : NEED_DOMAINS.filter((d) => d !== 'HEALTH');
  return {
    id: 'welfareNeeds',
    title: 'Welfare needs by domain and level',
    unit: 'people with an open or waiting welfare case',
    categories: healthFrom.size > 0 ? ['WELFARE', 'HEALTH'] : ['WELFARE'],
    layout: 'grid',
    rowDimension: 'need domain',
    columnDimension: 'level',
    ...crossTabulate(tallies, { rows: domains, columns: NEED_LEVELS, mergeBelow: 0 }),
  };
}
