/**
 * The life stories of the demo world (see `Story` in types.ts): how common each is, which
 * agencies know a person with that story, and the custody timeline it implies. The shares are
 * tuned so that the agencies' marginals come out at prison ≈ 60 %, probation ≈ 35 %,
 * welfare ≈ 30 %, NGO ≈ 15 % once the all-agency core (~3 %) is added.
 */
import { DAYS_PER_MONTH } from './dates.js';
import type { Rng } from './rng.js';
import type { Story } from './types.js';

/** Shares of the non-core population; the core (all four agencies) makes up the rest (~3 %). */
export const STORY_SHARES: readonly (readonly [Story, number])[] = [
  ['RELEASE_SOON', 0.075],
  ['CUSTODY', 0.225],
  ['REMAND', 0.05],
  ['PAROLE', 0.07],
  ['RELEASED', 0.15],
  ['COMMUNITY', 0.18],
  ['WELFARE', 0.15],
  ['PREVENTION', 0.07],
];

/** Probability that each agency knows a (non-core) person with this story: [prison, probation, welfare, ngo]. */
export const MEMBERSHIP: Readonly<Record<Story, readonly [number, number, number, number]>> = {
  RELEASE_SOON: [1, 1, 0.5, 0.04],
  CUSTODY: [1, 0, 0.05, 0.04],
  REMAND: [1, 0, 0.02, 0],
  PAROLE: [1, 1, 0.4, 0.1],
  RELEASED: [1, 0, 0.15, 0.08],
  COMMUNITY: [0, 1, 0.12, 0.08],
  WELFARE: [0, 0, 1, 0.12],
  PREVENTION: [0, 0, 0.05, 1],
};

export const FEMALE_SHARE: Readonly<Record<Story, number>> = {
  RELEASE_SOON: 0.08, CUSTODY: 0.08, REMAND: 0.08, PAROLE: 0.08, RELEASED: 0.08,
  COMMUNITY: 0.15, WELFARE: 0.45, PREVENTION: 0.35,
};

/**
 * Latest birth year per story, so that everyone was an adult when the custody episode began.
 * Derived from the longest look-back of each story's timeline (e.g. RELEASED: up to ~17 years
 * between admission and today) assuming `today` is 2025 or later; fixed, so identities never
 * depend on the reference date.
 */
export const LATEST_BIRTH_YEAR: Readonly<Record<Story, number>> = {
  RELEASE_SOON: 1996, CUSTODY: 1991, REMAND: 2004, PAROLE: 1995, RELEASED: 1989,
  COMMUNITY: 2004, WELFARE: 2004, PREVENTION: 2004,
};

export interface Timeline {
  admissionDay: number | null;
  sentenceMonths: number | null;
  releaseDay: number | null;
}

/** The custody timeline a story implies, relative to today. */
export function timelineFor(story: Story, rng: Rng, today: number): Timeline {
  switch (story) {
    case 'RELEASE_SOON': {
      const months = rng.int(12, 120);
      const releaseDay = today + rng.int(7, 180);
      return { admissionDay: releaseDay - Math.round(months * DAYS_PER_MONTH), sentenceMonths: months, releaseDay };
    }
    case 'CUSTODY': {
      const months = rng.int(24, 180);
      const days = Math.round(months * DAYS_PER_MONTH);
      const admissionDay = today - rng.int(30, days - 181);
      return { admissionDay, sentenceMonths: months, releaseDay: admissionDay + days };
    }
    case 'REMAND':
      return { admissionDay: today - rng.int(5, 360), sentenceMonths: null, releaseDay: null };
    case 'PAROLE': {
      // Released after serving between 2/3 and ~3/4 of the term; the rest is the parole period.
      const months = rng.int(36, 144);
      const days = Math.round(months * DAYS_PER_MONTH);
      const served = Math.round(days * (2 / 3 + rng.next() * 0.1));
      const releaseDay = today - rng.int(30, Math.min(540, days - served - 30));
      return { admissionDay: releaseDay - served, sentenceMonths: months, releaseDay };
    }
    case 'RELEASED': {
      const months = rng.int(6, 120);
      const releaseDay = today - rng.int(30, 2500);
      return { admissionDay: releaseDay - Math.round(months * DAYS_PER_MONTH), sentenceMonths: months, releaseDay };
    }
    default:
      return { admissionDay: null, sentenceMonths: null, releaseDay: null };
  }
}
