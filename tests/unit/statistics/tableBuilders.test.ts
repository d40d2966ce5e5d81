import { describe, expect, it } from 'vitest';
import type { CustodyRecord, PersonRecord, ProgrammeEnrolmentRecord, SupervisionRecord, WelfareCaseRecord } from '../../../adapters/sdk/index.js';
import {
  buildCustodyTable, buildMonthlySeries, buildProgrammeTable, buildReleasesTable, buildSupervisionTable, buildWelfareNeedsTable,
  crossTabulate, lastCompleteMonths, releaseWindowOf, type Sourced,
} from '../../../src/statistics/index.js';

const custody = (ref: string, establishment: string, status: CustodyRecord['status'], expectedReleaseDate: string | null = null, admissionDate: string | null = null): Sourced<CustodyRecord> => ({
  agency: 'prison',
  record: { ref, establishment, status, admissionDate, sentence: null, earliestReleaseDate: null, expectedReleaseDate, paroleEligibilityDate: null },
});
const person = (ref: string, municipality: string | null): Sourced<PersonRecord> => ({
  agency: 'prison', record: { ref, nationalId: null, givenName: 'X', familyName: 'Y', script: null, dateOfBirth: null, sex: null, municipality },
});

describe('crossTabulate', () => {
  it('counts a person once per cell however often they are tallied', () => {
    const t = crossTabulate([{ person: 'a', row: 'r' }, { person: 'a', row: 'r' }, { person: 'b', row: 'r' }], { rows: ['r'], mergeBelow: 0 });
    expect(t.counts).toEqual([[2]]);
  });

  it('merges observed labels rarer than k into OTHER so their presence reveals nothing', () => {
    const tallies = [...'abcde'].map((p) => ({ person: p, row: 'Big' })).concat([{ person: 'f', row: 'Rare1' }, { person: 'g', row: 'Rare2' }]);
    expect(crossTabulate(tallies, { rows: 'observed', mergeBelow: 5 })).toEqual({ rows: ['Big', 'OTHER'], columns: [], counts: [[5], [2]] });
  });

  it('keeps every label of a fixed list, zeros included', () => {
    expect(crossTabulate([], { rows: ['A', 'B'], columns: ['x'], mergeBelow: 5 }).counts).toEqual([[0], [0]]);
  });
});

describe('table builders', () => {
  it('counts people in custody by establishment and the municipality the prison records', () => {
    const records = [...Array(6)].map((_, i) => custody(`${i}`, 'KPZ', 'SENTENCED')).concat([custody('9', 'KPZ', 'RELEASED')]);
    const people = [...Array(6)].map((_, i) => person(`${i}`, i < 5 ? 'Niš' : null));
    const t = buildCustodyTable(records, people, 5);
    expect(t.rows).toEqual(['KPZ']);
    expect(t.columns).toEqual(['Niš', 'OTHER']);
    expect(t.counts).toEqual([[5, 1]]);
  });

  it('puts expected releases in the fixed window they fall in, and nowhere past a year', () => {
    expect([0, 30, 31, 90, 91, 180, 181, 365, 366, -1].map(releaseWindowOf)).toEqual([
      'DAYS_0_30', 'DAYS_0_30', 'DAYS_31_90', 'DAYS_31_90', 'DAYS_91_180', 'DAYS_91_180', 'DAYS_181_365', 'DAYS_181_365', null, null]);
    const t = buildReleasesTable([custody('1', 'KPZ', 'SENTENCED', '2026-12-01'), custody('2', 'KPZ', 'REMAND', '2028-01-01'), custody('3', 'OZ', 'SENTENCED', null)], '2026-11-25', 1);
    // Everyone in custody is counted: no date, or beyond a year, is LATER_OR_UNKNOWN.
    expect(t.rows).toEqual(['KPZ', 'OZ']);
    expect(t.columns).toEqual(['DAYS_0_30', 'DAYS_31_90', 'DAYS_91_180', 'DAYS_181_365', 'LATER_OR_UNKNOWN']);
    expect(t.counts).toEqual([[1, 0, 0, 0, 1], [0, 0, 0, 0, 1]]);
  });

  it('counts a person once per programme with their latest enrolment', () => {
    const e = (ref: string, completion: ProgrammeEnrolmentRecord['completion'], startDate: string): Sourced<ProgrammeEnrolmentRecord> => ({
      agency: 'prison', record: { ref, programme: 'P', provider: 'prison', type: 'EDUCATION', startDate, endDate: null, sessionsPlanned: null, sessionsAttended: null, completion },
    });
    const t = buildProgrammeTable([e('1', 'DROPPED_OUT', '2024-01-01'), e('1', 'COMPLETED', '2025-01-01'), e('2', 'ONGOING', '2025-01-01')], 1);
    expect(t.columns).toEqual(['NOT_STARTED', 'ONGOING', 'COMPLETED', 'DROPPED_OUT']);
    expect(t.counts).toEqual([[0, 1, 1, 0]]);
  });

  it('counts current supervision orders by type and compliance', () => {
    const o = (ref: string, endDate: string | null, status: 'COMPLIANT' | null): Sourced<SupervisionRecord> => ({
      agency: 'probation', record: { ref, orderType: 'PAROLE', startDate: '2025-01-01', endDate, conditions: [], officer: null, compliance: status ? { status, lastContactDate: null, missedAppointments: null } : null },
    });
    const t = buildSupervisionTable([o('1', null, 'COMPLIANT'), o('2', '2025-06-01', 'COMPLIANT'), o('3', '2027-01-01', null)], '2026-11-25');
    expect(t.counts[0]).toEqual([1, 0, 0, 0, 1]);
  });

  it('counts welfare needs at the highest level per domain and leaves health out unless allowed', () => {
    const w: Sourced<WelfareCaseRecord> = {
      agency: 'welfare',
      record: { ref: '1', caseNumber: 'C', centre: null, status: 'OPEN', openedOn: null, services: [], needs: [
        { domain: 'HOUSING', level: 'LOW', assessedOn: null }, { domain: 'HOUSING', level: 'HIGH', assessedOn: null }, { domain: 'HEALTH', level: 'HIGH', assessedOn: null }] },
    };
    const without = buildWelfareNeedsTable([w], new Set());
    expect(without.rows).not.toContain('HEALTH');
    expect(without.counts[0]).toEqual([0, 0, 1]);
    const withHealth = buildWelfareNeedsTable([w], new Set(['welfare']));
    expect(withHealth.counts[withHealth.rows.indexOf('HEALTH')]).toEqual([0, 0, 1]);
    expect(withHealth.categories).toEqual(['WELFARE', 'HEALTH']);
  });

  it('builds a series over the twelve complete months before today', () => {
    expect(lastCompleteMonths('2026-01-15')).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    const t = buildMonthlySeries('CUSTODY_ADMISSIONS', [{ person: 'a', date: '2025-12-31' }, { person: 'b', date: '2026-01-02' }, { person: 'c', date: '2024-12-31' }], '2026-01-15');
    expect(t.counts.flat()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(t.layout).toBe('series');
  });
});
