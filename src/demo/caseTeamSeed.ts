/**
 * Demo staff and case teams: which staff member (`sub`, the login subject) of which agency is
 * assigned to which person. Data only — for seeding the gateway's case-team store and for
 * access-control demos later. Staff are invented; probation officers are the ones on the
 * supervision orders, so a probation officer's case team matches the orders they hold.
 */
import { PROBATION_OFFICERS, officerFor } from './probationStaff.js';
import type { AgencyId, World } from './types.js';

export interface DemoStaff {
  sub: string;
  agency: AgencyId;
  role: string;
  /** The agency's own staff reference where it has one (probation officers). */
  staffRef: string | null;
}

export interface CaseTeamAssignment {
  agency: AgencyId;
  sub: string;
  role: string;
  /** The person, by national identifier and by the agency's own reference. */
  nationalId: string;
  ref: string;
}

const numbered = (prefix: string, agency: AgencyId, role: string, count: number): DemoStaff[] =>
  Array.from({ length: count }, (_, i) => ({ sub: `${prefix}-${String(i + 1).padStart(2, '0')}`, agency, role, staffRef: null }));

const PRISON_CASE_MANAGERS = numbered('prison-cm', 'prison', 'prison_case_manager', 12);
const PRISON_PSYCHOLOGISTS = numbered('prison-psy', 'prison', 'prison_psychologist', 6);
const SOCIAL_WORKERS = numbered('welfare-sw', 'welfare', 'social_worker', 10);
const PROGRAMME_WORKERS = numbered('ngo-pw', 'ngo', 'programme_worker', 4);

/** Every demo staff member, including roles with no individual caseload (officers, managers, coordinators). */
export const DEMO_STAFF: readonly DemoStaff[] = [
  ...numbered('prison-officer', 'prison', 'prison_officer', 4),
  ...PRISON_CASE_MANAGERS,
  ...PRISON_PSYCHOLOGISTS,
  ...PROBATION_OFFICERS.map((o) => ({ sub: o.sub, agency: 'probation' as const, role: 'probation_officer', staffRef: o.staffRef })),
  ...numbered('probation-mgr', 'probation', 'probation_manager', 2),
  ...SOCIAL_WORKERS,
  ...numbered('welfare-coord', 'welfare', 'case_coordinator', 2),
  ...PROGRAMME_WORKERS,
];

/**
 * One assignment per person per agency that knows them (two at the prison for people serving
 * a sentence: case manager and psychologist). Linear in the world size.
 */
export function caseTeamSeed(world: World): CaseTeamAssignment[] {
  const out: CaseTeamAssignment[] = [];
  for (const p of world.people) {
    const id = p.nationalId.value;
    const { prison, probation, welfare, ngo } = p.refs;
    if (prison !== null) {
      const cm = PRISON_CASE_MANAGERS[p.index % PRISON_CASE_MANAGERS.length]!;
      out.push({ agency: 'prison', sub: cm.sub, role: cm.role, nationalId: id, ref: prison });
      if (p.story === 'RELEASE_SOON' || p.story === 'CUSTODY') {
        const psy = PRISON_PSYCHOLOGISTS[p.index % PRISON_PSYCHOLOGISTS.length]!;
        out.push({ agency: 'prison', sub: psy.sub, role: psy.role, nationalId: id, ref: prison });
      }
    }
    if (probation !== null) out.push({ agency: 'probation', sub: officerFor(world.seed, p.index).sub, role: 'probation_officer', nationalId: id, ref: probation });
    if (welfare !== null) {
      const sw = SOCIAL_WORKERS[p.index % SOCIAL_WORKERS.length]!;
      out.push({ agency: 'welfare', sub: sw.sub, role: sw.role, nationalId: id, ref: welfare });
    }
    if (ngo !== null) {
      const pw = PROGRAMME_WORKERS[p.index % PROGRAMME_WORKERS.length]!;
      out.push({ agency: 'ngo', sub: pw.sub, role: pw.role, nationalId: id, ref: ngo });
    }
  }
  return out;
}
