import { z } from 'zod';
import type { EntityName, EntityRecordMap } from './model.js';
import { arrayOf, chars, format, integer, matching, nullable, oneOf, optional, refined, strictRecord, type Shape } from './recordShape.js';

/**
 * The common records of `model.ts` as run-time shapes (a zod schema and a predicate that agrees with it, see
 * `recordShape.ts`), for distrusting adapter output: required
 * fields, enumeration values, date formats, string length caps and list shapes. Objects are
 * strict (an unknown key is a wrong shape). The caps are far above any legitimate value and
 * well below what could hurt a client: an agency that sends a megabyte "name" has a bug.
 */

/** Caps, in code points as zod 4 counts string lengths (a surrogate pair is one, so 200 emoji fit `short`). */
export const RECORD_LIMITS = { id: 100, short: 200, text: 2000, listItems: 1000 } as const;

/** The number the ASCII digits `s[from..to)` spell, or -1 if one of them is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * `YYYY-MM-DD` naming a real day of the (proleptic Gregorian) calendar. Parsed by hand because it runs for every date of
 * every record, and a regex match plus a `Date` cost more than the rest of the record. Years 0000–0099 are refused: the
 * first version read the date back through `Date.UTC`, which takes them for 1900–1999, and the accepted set stays as it was.
 */
function validDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  return day <= DAYS_IN_MONTH[month - 1]! + (month === 2 && isLeap(year) ? 1 : 0);
}

const id = chars(1, RECORD_LIMITS.id);
const short = chars(0, RECORD_LIMITS.short);
const text = chars(0, RECORD_LIMITS.text, { lines: true });
const date = refined(validDate, 'not a YYYY-MM-DD date');
const instant = format(z.iso.datetime({ offset: true }));
const agency = matching(/^[a-z][a-z0-9_-]{1,31}$/);
const count = integer(0, 100_000);
const list = <S extends z.ZodType>(item: Shape<S>) => arrayOf(item, RECORD_LIMITS.listItems);
const asOf = optional(nullable(instant));

const NEED_DOMAINS = ['HOUSING', 'EMPLOYMENT', 'EDUCATION', 'FAMILY', 'BENEFITS', 'IDENTITY_DOCUMENTS', 'HEALTH'] as const;
const needDomain = oneOf(NEED_DOMAINS);
const actionDomain = oneOf([...NEED_DOMAINS, 'SUPERVISION', 'OTHER']);

const person = strictRecord({
  ref: id,
  nationalId: nullable(strictRecord({
    scheme: oneOf(['JMBG', 'EMBG', 'KOSOVO_PN', 'AL_NID']),
    value: id,
    country: matching(/^[A-Z]{2}$/),
  })),
  givenName: short,
  familyName: short,
  script: nullable(oneOf(['LATIN', 'CYRILLIC'])),
  dateOfBirth: nullable(date),
  sex: nullable(oneOf(['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'])),
  municipality: nullable(short),
  asOf,
});

const custody = strictRecord({
  ref: id,
  establishment: short,
  status: oneOf(['REMAND', 'SENTENCED', 'RELEASED', 'TRANSFERRED']),
  admissionDate: nullable(date),
  sentence: nullable(strictRecord({
    lengthMonths: nullable(count),
    startDate: nullable(date),
    offences: list(strictRecord({ code: short, description: nullable(text), legalArticle: nullable(text) })),
  })),
  earliestReleaseDate: nullable(date),
  expectedReleaseDate: nullable(date),
  paroleEligibilityDate: nullable(date),
  asOf,
});

const riskAssessment = strictRecord({
  ref: id,
  tool: short,
  toolVersion: nullable(short),
  assessedOn: nullable(date),
  status: oneOf(['COMPLETED', 'IN_PROGRESS', 'OVERDUE']),
  judgement: nullable(short),
  assessorRole: nullable(short),
  nextReviewOn: nullable(date),
  asOf,
});

const programme = strictRecord({
  ref: id,
  programme: short,
  provider: short,
  type: oneOf(['EDUCATION', 'VOCATIONAL', 'PSYCHOSOCIAL', 'MENTORING', 'FAMILY', 'DISENGAGEMENT', 'OTHER']),
  startDate: nullable(date),
  endDate: nullable(date),
  sessionsPlanned: nullable(count),
  sessionsAttended: nullable(count),
  completion: oneOf(['ONGOING', 'COMPLETED', 'DROPPED_OUT', 'NOT_STARTED']),
  asOf,
});

const supervision = strictRecord({
  ref: id,
  orderType: oneOf(['PAROLE', 'PROBATION', 'SUSPENDED_SENTENCE', 'COMMUNITY_SERVICE', 'SECURITY_MEASURE']),
  startDate: nullable(date),
  endDate: nullable(date),
  conditions: list(strictRecord({
    category: oneOf(['REPORTING', 'RESIDENCE', 'CURFEW', 'CONTACT_BAN', 'TREATMENT', 'PROGRAMME', 'TRAVEL', 'EMPLOYMENT', 'OTHER']),
    description: nullable(text),
  })),
  officer: nullable(strictRecord({ staffRef: id, name: nullable(short), office: nullable(short) })),
  compliance: nullable(strictRecord({
    status: oneOf(['COMPLIANT', 'MINOR_BREACH', 'SERIOUS_BREACH', 'RECALLED']),
    lastContactDate: nullable(date),
    missedAppointments: nullable(count),
  })),
  asOf,
});

const welfareCase = strictRecord({
  ref: id,
  caseNumber: id,
  centre: nullable(short),
  status: oneOf(['OPEN', 'WAITING', 'CLOSED']),
  openedOn: nullable(date),
  needs: list(strictRecord({ domain: needDomain, level: oneOf(['NONE', 'LOW', 'MEDIUM', 'HIGH']), assessedOn: nullable(date) })),
  services: list(strictRecord({
    type: short,
    domain: nullable(needDomain),
    provider: nullable(short),
    startDate: nullable(date),
    endDate: nullable(date),
    status: oneOf(['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED']),
  })),
  asOf,
});

const plan = strictRecord({
  ref: id,
  status: oneOf(['DRAFT', 'ACTIVE', 'COMPLETED']),
  ownerAgency: nullable(agency),
  createdOn: nullable(date),
  reviewOn: nullable(date),
  actions: list(strictRecord({
    title: text,
    domain: actionDomain,
    ownerAgency: nullable(agency),
    dueDate: nullable(date),
    status: oneOf(['PLANNED', 'IN_PROGRESS', 'DONE', 'OVERDUE', 'CANCELLED']),
  })),
  asOf,
});

const referral = strictRecord({
  ref: id,
  fromAgency: agency,
  toAgency: agency,
  domain: actionDomain,
  referredOn: nullable(date),
  status: oneOf(['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED']),
  asOf,
});

/**
 * One record's shape per entity (for list entities: one item's): the zod schema and the allocation-free predicate that
 * agrees with it, so `checkRecord` can answer the common case without zod and ask zod only why a record is refused.
 */
export const RECORD_SHAPES = {
  personByNationalId: person,
  person,
  personByDateOfBirth: person,
  custody,
  riskAssessments: riskAssessment,
  programmes: programme,
  supervision,
  welfareCase,
  plan,
  referrals: referral,
} as const satisfies { [E in EntityName]: Shape };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Schemas = { [E in EntityName]: z.ZodType<EntityRecordMap[E]> };
type SchemasOf<T extends Record<EntityName, Shape>> = { [E in EntityName]: T[E]['schema'] };

/** Each shape's zod schema, keeping each one's own type so the exactness check below sees the real output types. */
function schemasOf<T extends Record<EntityName, Shape>>(shapes: T): SchemasOf<T> {
  return Object.fromEntries(Object.entries(shapes).map(([entity, shape]) => [entity, shape.schema])) as SchemasOf<T>;
}

/** One record's schema per entity (for list entities: one item's), for the types and for why a record is refused. */
export const RECORD_SCHEMAS = schemasOf(RECORD_SHAPES) satisfies Schemas;

// Compile-time: each schema accepts exactly the model's type, so adding an enum value or a field
// to model.ts without adding it here fails the build instead of dropping valid records.
const exact: { [E in EntityName]: Same<z.output<(typeof RECORD_SCHEMAS)[E]>, EntityRecordMap[E]> } = {
  personByNationalId: true, person: true, personByDateOfBirth: true, custody: true, riskAssessments: true, programmes: true,
  supervision: true, welfareCase: true, plan: true, referrals: true,
};
void exact;
