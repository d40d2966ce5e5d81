/**
 * Types of the synthetic demo world: the people, their identifiers and which agency knows them
 * under which local reference. Everything here is invented; no record describes a real person.
 *
 * Country codes are ISO 3166-1 alpha-2; XK is the user-assigned code for Kosovo*.
 *
 * *This designation is without prejudice to positions on status, and is in line with
 * UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.
 */
import type { IdentifierScheme } from '../../adapters/sdk/model.js';

export const AGENCY_IDS = ['prison', 'probation', 'welfare', 'ngo'] as const;
export type AgencyId = (typeof AGENCY_IDS)[number];

export type Community = 'ALBANIAN' | 'BOSNIAK' | 'MACEDONIAN' | 'MONTENEGRIN' | 'SERBIAN';
export type CountryCode = 'RS' | 'BA' | 'ME' | 'MK' | 'XK' | 'AL';

/**
 * The life story that decides which agencies know a person and what they hold:
 * - RELEASE_SOON: sentenced, in custody, expected release within 180 days (pre-release plan at probation)
 * - CUSTODY: sentenced, in custody, release further away (a few TRANSFERRED)
 * - REMAND: in pre-trial detention, no sentence
 * - PAROLE: released early on parole, under a probation supervision order
 * - RELEASED: released at the end of the sentence
 * - COMMUNITY: community sanction (probation, suspended sentence, community service), never in custody
 * - WELFARE: known to the centre for social work only (families, at-risk young adults)
 * - PREVENTION: civil-society prevention participant
 */
export type Story = 'RELEASE_SOON' | 'CUSTODY' | 'REMAND' | 'PAROLE' | 'RELEASED' | 'COMMUNITY' | 'WELFARE' | 'PREVENTION';

export interface WorldNationalId {
  scheme: IdentifierScheme;
  /** Normalised value: digits, or upper-case letters and digits (AL_NID); no separators. */
  value: string;
  country: CountryCode;
}

/** The local reference of the person in each agency's system; null when the agency does not know them. */
export interface AgencyRefs {
  /** INMATE_MASTER.INM_NO (an integer, as a string). */
  prison: string | null;
  /** Probation client id, e.g. `KL-0000123`. */
  probation: string | null;
  /** csr.korisnik.id (an integer, as a string). */
  welfare: string | null;
  /** NGO participant code, e.g. `NK-000042`. */
  ngo: string | null;
}

/**
 * One synthetic person. Dates of the custody timeline are UTC day numbers (see dates.ts), null
 * when not applicable. Agency-specific detail (offences, assessments, orders, needs, enrolments)
 * is not stored here: it is derived on demand from the person and the world seed, so the world
 * stays small enough for a million people.
 */
export interface WorldPerson {
  /** Position in `World.people`; seeds the person's derived records. */
  index: number;
  nationalId: WorldNationalId;
  /** Canonical Latin spelling with diacritics (e.g. "Hodžić", "Gëzim"). */
  givenName: string;
  familyName: string;
  sex: 'MALE' | 'FEMALE';
  dateOfBirth: string;
  community: Community;
  /** Municipality of residence (Latin spelling). */
  municipality: string;
  story: Story;
  refs: AgencyRefs;
  /** The NGO recorded the national identifier (consent to link); false for some prevention participants and some community-sanction and welfare clients (the identity-link candidates). */
  ngoLinked: boolean;
  /** The centre for social work spells this person's name in Cyrillic. */
  welfareCyrillic: boolean;
  /** First day of the custody episode (prison people only). */
  admissionDay: number | null;
  /** Sentence length; null on remand or outside prison. */
  sentenceMonths: number | null;
  /** Expected release (in custody) or actual release (PAROLE, RELEASED). */
  releaseDay: number | null;
}

export interface World {
  seed: number;
  /** Reference date all life stories are relative to (`YYYY-MM-DD`). */
  today: string;
  /** `today` as a day number. */
  todayDay: number;
  people: WorldPerson[];
  /** National identifier values of the people every one of the four agencies can link. */
  knownToAll: string[];
  /** How many people each agency knows. */
  counts: Record<AgencyId, number>;
}
