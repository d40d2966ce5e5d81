import type { SupervisionRecord } from '../../adapters/sdk/index.js';
import { crossTabulate } from './crossTabulate.js';
import { personKey, type CountTable, type Sourced } from './CountTable.js';

export const ORDER_TYPES: readonly SupervisionRecord['orderType'][] = ['PAROLE', 'PROBATION', 'SUSPENDED_SENTENCE', 'COMMUNITY_SERVICE', 'SECURITY_MEASURE'];
export const COMPLIANCE: readonly string[] = ['COMPLIANT', 'MINOR_BREACH', 'SERIOUS_BREACH', 'RECALLED', 'NOT_RECORDED'];

/**
 * People under supervision on `today` (order started, not ended) by order type (rows) and
 * compliance status (columns; `NOT_RECORDED` when the order has no compliance record).
 */
export function buildSupervisionTable(orders: readonly Sourced<SupervisionRecord>[], today: string): CountTable {
  const tallies = orders
    .filter((o) => (o.record.startDate ?? '') <= today && (o.record.endDate === null || o.record.endDate >= today))
    .map((o) => ({ person: personKey(o), row: o.record.orderType, column: o.record.compliance?.status ?? 'NOT_RECORDED' }));
  return {
    id: 'supervisionCompliance',
    title: 'Supervision compliance by order type',
    unit: 'people under supervision',
    categories: ['SUPERVISION'],
    layout: 'grid',
    rowDimension: 'order type',
    columnDimension: 'compliance status',
    ...crossTabulate(tallies, { rows: ORDER_TYPES, columns: COMPLIANCE, mergeBelow: 0 }),
  };
}
