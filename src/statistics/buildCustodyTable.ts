import type { CustodyRecord, PersonRecord } from '../../adapters/sdk/index.js';
import { crossTabulate } from './crossTabulate.js';
import { personKey, type CountTable, type Sourced } from './CountTable.js';

/** Custody statuses that mean the person is held now. */
export const IN_CUSTODY: ReadonlySet<CustodyRecord['status']> = new Set(['REMAND', 'SENTENCED']);
/** The label for a person whose municipality the prison does not record. */
export const NOT_RECORDED = 'NOT_RECORDED';

/**
 * People in custody by establishment (rows) and municipality (columns). The municipality is the
 * one the same prison system records for the person (matched by the agency's own reference).
 * Rare establishments and municipalities (fewer than `k` people) are merged into `OTHER`.
 */
export function buildCustodyTable(custody: readonly Sourced<CustodyRecord>[], people: readonly Sourced<PersonRecord>[], k: number): CountTable {
  const municipality = new Map(people.map((p) => [personKey(p), p.record.municipality]));
  const tallies = custody
    .filter((c) => IN_CUSTODY.has(c.record.status))
    .map((c) => ({ person: personKey(c), row: c.record.establishment, column: municipality.get(personKey(c)) ?? NOT_RECORDED }));
  return {
    id: 'custodyByEstablishment',
    title: 'People in custody by establishment and municipality',
    unit: 'people in custody (remand or sentenced)',
    categories: ['CUSTODY', 'LOCATION'],
    layout: 'grid',
    rowDimension: 'establishment',
    columnDimension: 'municipality',
    ...crossTabulate(tallies, { rows: 'observed', columns: 'observed', mergeBelow: k }),
  };
}
