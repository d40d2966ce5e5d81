import type { PersonRecord } from '../../adapters/sdk/index.js';
import { nameSimilarity, type PersonNameParts } from './nameSimilarity.js';

/** What the gateway knows of a person it linked by national identifier: every agency's spelling. */
export interface LinkedPersonProfile {
  names: readonly PersonNameParts[];
  /** Dates of birth the linked agencies record (usually one). */
  datesOfBirth: readonly string[];
  sex: 'FEMALE' | 'MALE' | null;
}

export type DateOfBirthMatch = 'EXACT' | 'DAY_MONTH_SWAPPED';

export interface CandidateScore {
  /** 0–1: the name similarity times the date-of-birth and sex factors. */
  score: number;
  nameScore: number;
  dateOfBirth: DateOfBirthMatch;
}

/** A candidate is proposed at or above this score. Below it, it is never shown. */
export const CANDIDATE_THRESHOLD = 0.8;
/** A date with day and month exchanged (03-04 for 04-03): a common typing error, but weaker evidence. */
export const SWAPPED_DATE_FACTOR = 0.9;
/** Both records state a sex and they differ: a data error is possible, a different person likelier. */
export const SEX_MISMATCH_FACTOR = 0.85;

/**
 * Scores one agency record as a possible record of a linked person. The date of birth must
 * match exactly, or with day and month exchanged; anything else (or a record without a date) is
 * no candidate at all (null), whatever the name. The score is then the best name similarity
 * over the person's spellings (`nameSimilarity`), times 0.9 for a swapped date and 0.85 for a
 * differing sex. A score says how alike two records are, never that they are one person: equal
 * names and dates (twins, common names) score 1 and are still only candidates.
 */
export function scoreCandidate(person: LinkedPersonProfile, record: PersonRecord): CandidateScore | null {
  const dob = record.dateOfBirth;
  if (!dob) return null;
  let dateOfBirth: DateOfBirthMatch | null = null;
  if (person.datesOfBirth.includes(dob)) dateOfBirth = 'EXACT';
  else if (person.datesOfBirth.some((d) => swapDayMonth(d) === dob)) dateOfBirth = 'DAY_MONTH_SWAPPED';
  if (dateOfBirth === null) return null;
  let nameScore = 0;
  for (const name of person.names) nameScore = Math.max(nameScore, nameSimilarity(name, record));
  const sexDiffers = person.sex !== null && (record.sex === 'MALE' || record.sex === 'FEMALE') && record.sex !== person.sex;
  const score = nameScore * (dateOfBirth === 'EXACT' ? 1 : SWAPPED_DATE_FACTOR) * (sexDiffers ? SEX_MISMATCH_FACTOR : 1);
  return { score: Math.round(score * 1000) / 1000, nameScore: Math.round(nameScore * 1000) / 1000, dateOfBirth };
}

/** `YYYY-DD-MM` of a `YYYY-MM-DD` date when that is a different real date, else null. */
export function swapDayMonth(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || m[2] === m[3]) return null;
  const [, y, mo, d] = m;
  const swapped = `${y}-${d}-${mo}`;
  const date = new Date(`${swapped}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === swapped ? swapped : null;
}
