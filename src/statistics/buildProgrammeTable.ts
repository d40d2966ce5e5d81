import type { ProgrammeEnrolmentRecord } from '../../adapters/sdk/index.js';
import { crossTabulate } from './crossTabulate.js';
import { personKey, type CountTable, type Sourced } from './CountTable.js';

export const COMPLETIONS: readonly ProgrammeEnrolmentRecord['completion'][] = ['NOT_STARTED', 'ONGOING', 'COMPLETED', 'DROPPED_OUT'];

/**
 * Programme participation and completion: programme (rows) by completion (columns). A person
 * enrolled in one programme more than once counts once, with their latest enrolment's outcome
 * (by start date), so a row total is the distinct people in that programme.
 */
export function buildProgrammeTable(enrolments: readonly Sourced<ProgrammeEnrolmentRecord>[], k: number): CountTable {
  const latest = new Map<string, Sourced<ProgrammeEnrolmentRecord>>();
  for (const e of enrolments) {
    const key = `${personKey(e)}\u0000${e.record.programme}`;
    const seen = latest.get(key);
    if (!seen || (e.record.startDate ?? '') > (seen.record.startDate ?? '')) latest.set(key, e);
  }
  const tallies = [...latest.values()].map((e) => ({ person: personKey(e), row: e.record.programme, column: e.record.completion }));
  return {
    id: 'programmeParticipation',
    title: 'Programme participation and completion',
    unit: 'people enrolled (latest enrolment per programme)',
    categories: ['INTERVENTION'],
    layout: 'grid',
    rowDimension: 'programme',
    columnDimension: 'completion',
    ...crossTabulate(tallies, { rows: 'observed', columns: COMPLETIONS, mergeBelow: k }),
  };
}
