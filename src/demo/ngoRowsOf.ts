/**
 * Derives the NGO's spreadsheet rows for a person: the participant line and their programme
 * enrolments with an attendance summary. The NGO ("Novi Korak" Association, a civil-society
 * reintegration and prevention provider) keeps its own words for everything: English headers,
 * country names, free-text programme types and statuses. The national identifier is recorded
 * only for participants who consented to linking (`ngoLinked`); the rest are unlinkable.
 *
 * Country names include "Kosovo*".
 * *This designation is without prejudice to positions on status, and is in line with
 * UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.
 */
import { dayToIso, lastUpdated } from './dates.js';
import { mixSeed, Rng } from './rng.js';
import type { World, WorldPerson } from './types.js';

export const NGO_NAME = 'Novi Korak Association';

export const PARTICIPANT_HEADER = ['Participant code', 'Given name', 'Family name', 'ID number', 'ID type', 'Country', 'Born', 'Gender', 'Town', 'Referred by', 'Updated'] as const;
export const ENROLMENT_HEADER = ['Participant code', 'Programme', 'Programme type', 'Start', 'End', 'Sessions planned', 'Sessions attended', 'Status', 'Updated'] as const;

export type ParticipantRow = Record<(typeof PARTICIPANT_HEADER)[number], string>;
export type EnrolmentRow = Record<(typeof ENROLMENT_HEADER)[number], string>;

export const NGO_ID_TYPES = { JMBG: 'JMBG', EMBG: 'EMBG', KOSOVO_PN: 'Kosovo* ID', AL_NID: 'Albanian ID card' } as const;
export const NGO_COUNTRIES = { RS: 'Serbia', BA: 'Bosnia and Herzegovina', ME: 'Montenegro', MK: 'North Macedonia', XK: 'Kosovo*', AL: 'Albania' } as const;

/** [programme, type in the NGO's words, sessions planned]; some names need CSV quoting. */
const PROGRAMMES: readonly (readonly [string, string, number])[] = [
  ['Mentoring "Second Chance"', 'Mentoring', 20],
  ['Pre-release mentoring', 'Mentoring', 12],
  ['Welding and metalwork; certified course', 'Vocational training', 40],
  ['Digital skills for work', 'Vocational training', 24],
  ['Family circle: parents, partners & children', 'Family support', 10],
  ['Exit programme (one-to-one)', 'Disengagement', 24],
  ['Youth resilience workshops', 'Education', 8],
  ['Peer support group', 'Psychosocial support', 16],
];

const REFERRED_BY: Readonly<Record<WorldPerson['story'], string>> = {
  RELEASE_SOON: 'prison', CUSTODY: 'prison', REMAND: 'prison', PAROLE: 'probation service', RELEASED: 'self',
  COMMUNITY: 'probation service', WELFARE: 'social work centre', PREVENTION: 'community',
};

export function ngoRowsOf(world: World, p: WorldPerson): { participant: ParticipantRow; enrolments: EnrolmentRow[] } | null {
  if (p.refs.ngo === null) return null;
  const rng = new Rng(mixSeed(world.seed, p.index, 0x4e47));
  const today = world.todayDay;
  const code = p.refs.ngo;
  const firstContact = p.story === 'RELEASE_SOON' || p.story === 'CUSTODY' ? Math.max(p.admissionDay! + 30, today - rng.int(30, 400)) : today - rng.int(30, 1500);

  const enrolments: EnrolmentRow[] = [];
  const taken = new Set<number>();
  for (let k = rng.int(1, 3); k > 0; k--) {
    // Disengagement and mentoring for people from prison/probation; prevention work for the rest.
    const choice = p.story === 'PREVENTION' || p.story === 'WELFARE' ? rng.pick([0, 2, 3, 4, 6, 7]) : rng.pick([0, 1, 2, 3, 4, 5, 5, 7]);
    if (taken.has(choice)) continue;
    taken.add(choice);
    const [programme, type, planned] = PROGRAMMES[choice]!;
    const start = Math.min(today, firstContact + rng.int(0, 90));
    const weeks = Math.floor((today - start) / 7);
    const status = start > today - 14 && rng.chance(0.5) ? 'waiting list' : weeks >= planned ? rng.weighted([['completed', 75], ['dropped out', 25]] as const) : rng.chance(0.9) ? 'active' : 'dropped out';
    const attended = status === 'waiting list' ? 0 : status === 'completed' ? planned - rng.int(0, 3) : Math.min(planned, Math.floor(weeks * (0.5 + 0.5 * rng.next())));
    enrolments.push({
      'Participant code': code,
      Programme: programme,
      'Programme type': type,
      Start: status === 'waiting list' ? '' : dayToIso(start),
      End: status === 'completed' ? dayToIso(start + planned * 7) : status === 'dropped out' ? dayToIso(Math.min(today, start + rng.int(7, planned * 7))) : '',
      'Sessions planned': String(planned),
      'Sessions attended': String(attended),
      Status: status,
      Updated: lastUpdated(rng, start, today),
    });
  }

  const linked = p.ngoLinked;
  const participant: ParticipantRow = {
    'Participant code': code,
    'Given name': p.givenName,
    'Family name': p.familyName,
    'ID number': linked ? p.nationalId.value : '',
    'ID type': linked ? NGO_ID_TYPES[p.nationalId.scheme] : '',
    Country: linked ? NGO_COUNTRIES[p.nationalId.country] : '',
    Born: rng.chance(0.9) ? p.dateOfBirth : '',
    Gender: p.sex === 'MALE' ? 'm' : 'f',
    Town: p.municipality,
    'Referred by': REFERRED_BY[p.story],
    Updated: lastUpdated(rng, firstContact, today),
  };
  return { participant, enrolments };
}
