import type { Store } from '../store/index.js';
import { eventWhere } from './AuditEventFilter.js';
import { allEvents } from './eventRows.js';

export interface CallerVolume {
  agency: string;
  sub: string;
  /** Distinct people whose data the caller touched in the period. */
  people: number;
  events: number;
  first: string;
  last: string;
  /** `people` is at least `minimum` and at least `factor` × the median over all callers. */
  unusual: boolean;
}

/**
 * Volume per caller in a period, most people first (at most 200 callers), each flagged when
 * unusual: a caller who looks at many more people than their peers is worth a question. The
 * median, not the mean, so that one heavy caller does not hide themself.
 */
export async function callerVolume(
  store: Pick<Store, 'query'>,
  scopeAgency: string,
  options: { from?: string | null; to?: string | null; factor: number; minimum: number },
): Promise<CallerVolume[]> {
  const params: unknown[] = [];
  const where = eventWhere(scopeAgency, { from: options.from ?? null, to: options.to ?? null }, params);
  const { rows } = await store.query<{ agency: string; sub: string; people: string | number; events: string | number; first: Date | string; last: Date | string; median: string | number | null }>(
    `WITH per AS (
       SELECT caller_agency AS agency, caller_sub AS sub, count(DISTINCT subject) AS people, count(*) AS events, min(at) AS first, max(at) AS last
         FROM ${allEvents('caller_agency, caller_sub, subject, at', `${where.events} AND subject IS NOT NULL`, where.requests, { events: false })} AS e
        GROUP BY caller_agency, caller_sub
     ), med AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY people) AS median FROM per)
     SELECT per.*, med.median FROM per, med ORDER BY people DESC, events DESC, agency, sub LIMIT 200`,
    params,
  );
  const median = Number(rows[0]?.median ?? 0);
  return rows.map((r) => {
    const people = Number(r.people);
    return {
      agency: r.agency,
      sub: r.sub,
      people,
      events: Number(r.events),
      first: new Date(r.first).toISOString(),
      last: new Date(r.last).toISOString(),
      unusual: people >= options.minimum && people >= options.factor * median,
    };
  });
}
