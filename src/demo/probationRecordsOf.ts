/**
 * Derives the probation service's JSON for a person: the client, the current supervision order
 * and the sentence/reintegration plan. The API speaks its own dialect — camelCase, nested
 * objects, kebab-case codes, English field names, Latin names with diacritics — which the
 * mapping file translates. Pure and deterministic per person.
 *
 * Who has what: parolees and community sanctions have an order; people releasing from prison
 * soon have a pre-release plan (draft or active) but no order yet; parolees and most community
 * cases have an active plan.
 *
 * Document types include KOS-PN, issued in Kosovo* (country XKX).
 * *This designation is without prejudice to positions on status, and is in line with
 * UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.
 */
import { dayToIso, lastUpdated } from './dates.js';
import { officerFor } from './probationStaff.js';
import { mixSeed, Rng } from './rng.js';
import type { World, WorldPerson } from './types.js';

export interface ProbationClient {
  clientId: string;
  identity: {
    firstName: string;
    lastName: string;
    birthDate: string;
    gender: 'male' | 'female';
    document: { type: string; number: string; issuingCountry: string };
  };
  address: { municipality: string };
  caseStatus: 'pre-release' | 'active' | 'closed';
  lastModified: string;
}

export interface ProbationOrder {
  orderId: string;
  clientId: string;
  orderType: 'parole' | 'probation' | 'suspended-sentence' | 'community-work' | 'security-measure';
  period: { from: string; to: string | null };
  conditions: Array<{ kind: string; text: string }>;
  officer: { id: string; displayName: string; office: string } | null;
  compliance: { rating: 'green' | 'amber' | 'red' | 'recalled'; lastContact: string | null; missedAppointments: number };
  lastModified: string;
}

export interface ProbationPlan {
  planId: string;
  clientId: string;
  state: 'draft' | 'active' | 'closed';
  leadAgency: string;
  created: string;
  nextReview: string | null;
  actions: Array<{ title: string; area: string; owner: string; due: string | null; progress: string }>;
  lastModified: string;
}

export const PROBATION_DOCUMENT_TYPES = { JMBG: 'JMBG', EMBG: 'EMBG', KOSOVO_PN: 'KOS-PN', AL_NID: 'ALB-NID' } as const;
export const PROBATION_COUNTRIES = { RS: 'SRB', BA: 'BIH', ME: 'MNE', MK: 'MKD', XK: 'XKX', AL: 'ALB' } as const;

const CONDITIONS: readonly (readonly [string, string])[] = [
  ['reporting', 'Javljanje povereniku jednom u dve nedelje'],
  ['residence', 'Boravak na prijavljenoj adresi'],
  ['curfew', 'Zabrana napuštanja stana od 22 do 6 časova'],
  ['no-contact', 'Zabrana kontakta sa licima iz predmeta'],
  ['treatment', 'Psihosocijalni tretman u centru za mentalno zdravlje'],
  ['programme', 'Učešće u programu dezangažovanja'],
  ['travel-ban', 'Zabrana napuštanja zemlje bez odobrenja'],
  ['employment', 'Aktivno traženje zaposlenja'],
  ['other', 'Redovno obaveštavanje o promeni telefona'],
];

function rngFor(world: World, p: WorldPerson, salt: number): Rng {
  return new Rng(mixSeed(world.seed, p.index, salt));
}

export function probationClientOf(world: World, p: WorldPerson): ProbationClient | null {
  if (p.refs.probation === null) return null;
  const rng = rngFor(world, p, 0x434c);
  const since = p.story === 'RELEASE_SOON' ? world.todayDay - 150 : (p.releaseDay ?? world.todayDay - 900);
  return {
    clientId: p.refs.probation,
    identity: {
      firstName: p.givenName,
      lastName: p.familyName,
      birthDate: p.dateOfBirth,
      gender: p.sex === 'MALE' ? 'male' : 'female',
      document: { type: PROBATION_DOCUMENT_TYPES[p.nationalId.scheme], number: p.nationalId.value, issuingCountry: PROBATION_COUNTRIES[p.nationalId.country] },
    },
    address: { municipality: p.municipality },
    caseStatus: p.story === 'RELEASE_SOON' ? 'pre-release' : 'active',
    lastModified: lastUpdated(rng, since, world.todayDay),
  };
}

export function probationOrderOf(world: World, p: WorldPerson): ProbationOrder | null {
  if (p.refs.probation === null || p.story === 'RELEASE_SOON') return null;
  const rng = rngFor(world, p, 0x4f52);
  const today = world.todayDay;
  let type: ProbationOrder['orderType'];
  let from: number;
  let to: number | null;
  if (p.story === 'PAROLE' && p.releaseDay !== null && p.admissionDay !== null && p.sentenceMonths !== null) {
    type = 'parole';
    from = p.releaseDay;
    to = p.admissionDay + Math.round(p.sentenceMonths * 30.4375);
  } else {
    type = rng.weighted([['probation', 40], ['suspended-sentence', 30], ['community-work', 20], ['security-measure', 10]] as const);
    from = today - rng.int(30, 900);
    to = type === 'security-measure' && rng.chance(0.3) ? null : from + rng.int(180, 1460);
  }
  const conditions = [CONDITIONS[0]!];
  for (const c of CONDITIONS.slice(1)) if (rng.chance(type === 'community-work' ? 0.1 : 0.3)) conditions.push(c);
  const rating = rng.weighted([['green', 70], ['amber', 18], ['red', 8], ['recalled', type === 'parole' ? 4 : 0]] as const);
  const officer = officerFor(world.seed, p.index);
  return {
    orderId: `NZ-${dayToIso(from).slice(0, 4)}-${p.refs.probation.slice(3)}`,
    clientId: p.refs.probation,
    orderType: type,
    period: { from: dayToIso(from), to: to === null ? null : dayToIso(to) },
    conditions: conditions.map(([kind, text]) => ({ kind, text })),
    officer: rng.chance(0.97) ? { id: officer.staffRef, displayName: officer.name, office: officer.office } : null,
    compliance: {
      rating,
      lastContact: dayToIso(Math.max(from, today - rng.int(0, rating === 'green' ? 21 : 60))),
      missedAppointments: rating === 'green' ? rng.int(0, 1) : rating === 'amber' ? rng.int(1, 3) : rng.int(3, 8),
    },
    lastModified: lastUpdated(rng, from, today),
  };
}

export function probationPlanOf(world: World, p: WorldPerson): ProbationPlan | null {
  if (p.refs.probation === null) return null;
  const rng = rngFor(world, p, 0x504c);
  const today = world.todayDay;
  if (p.story === 'COMMUNITY' && rng.chance(0.2)) return null;
  const preRelease = p.story === 'RELEASE_SOON';
  const created = preRelease ? Math.min(today - 1, p.releaseDay! - rng.int(60, 170)) : Math.min(today - 1, (p.releaseDay ?? today - rng.int(30, 700)) + rng.int(0, 20));
  const state: ProbationPlan['state'] = preRelease ? (rng.chance(0.4) ? 'draft' : 'active') : rng.chance(0.1) ? 'closed' : 'active';
  const progressFor = (due: number): string =>
    state === 'closed' ? rng.weighted([['done', 85], ['cancelled', 15]] as const)
    : due < today ? rng.weighted([['done', 60], ['overdue', 30], ['cancelled', 10]] as const)
    : rng.chance(0.5) ? 'in-progress' : 'not-started';
  const actions: ProbationPlan['actions'] = [];
  const add = (title: string, area: string, owner: string, due: number): void => {
    actions.push({ title, area, owner, due: dayToIso(due), progress: progressFor(due) });
  };
  const anchor = preRelease ? p.releaseDay! : created;
  // Before release the first steps fall due before the release day; afterwards, after the plan was made.
  const early = (from: number, to: number): number => (preRelease ? anchor - rng.int(from, to) : anchor + rng.int(from, to));
  add('Obezbediti smeštaj nakon otpusta', 'housing', 'SOCIAL_WORK_CENTRE', early(0, 30));
  if (rng.chance(0.7)) add('Pribaviti ličnu kartu i zdravstvenu knjižicu', 'documents', 'SOCIAL_WORK_CENTRE', early(10, 40));
  add('Prijava na evidenciju nezaposlenih', 'employment', rng.chance(0.5) ? 'NGO_PARTNER' : 'SOCIAL_WORK_CENTRE', anchor + rng.int(7, 60));
  add('Prvi razgovor sa poverenikom', 'supervision', 'PROBATION', anchor + rng.int(1, 7));
  if (preRelease) add('Završiti program u zavodu pre otpusta', 'other', 'PRISON', anchor - rng.int(5, 30));
  if (p.refs.ngo !== null) add('Porodično savetovanje i mentorstvo', 'family', 'NGO_PARTNER', anchor + rng.int(14, 90));
  if (rng.chance(0.3)) add('Pregled u centru za mentalno zdravlje', 'health', 'SOCIAL_WORK_CENTRE', anchor + rng.int(14, 120));
  return {
    planId: `PL-${p.refs.probation.slice(3)}`,
    clientId: p.refs.probation,
    state,
    leadAgency: 'PROBATION',
    created: dayToIso(created),
    nextReview: state === 'closed' ? null : dayToIso(Math.max(today + 1, created + rng.int(60, 120))),
    actions,
    lastModified: lastUpdated(rng, created, today),
  };
}
