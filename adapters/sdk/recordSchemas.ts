import { z } from 'zod';
import type { EntityName, EntityRecordMap } from './model.js';

/**
 * The common records of `model.ts` as run-time schemas, for distrusting adapter output: required
 * fields, enumeration values, date formats, string length caps and list shapes. Objects are
 * strict (an unknown key is a wrong shape). The caps are far above any legitimate value and
 * well below what could hurt a client: an agency that sends a megabyte "name" has a bug.
 */

/** Caps, in UTF-16 code units. */
export const RECORD_LIMITS = { id: 100, short: 200, text: 2000, listItems: 1000 } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const validDate = (s: string): boolean => {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

const id = z.string().min(1).max(RECORD_LIMITS.id);
const short = z.string().max(RECORD_LIMITS.short);
const text = z.string().max(RECORD_LIMITS.text);
const date = z.string().refine(validDate, 'not a YYYY-MM-DD date');
const instant = z.iso.datetime({ offset: true });
const agency = z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/);
const count = z.number().int().min(0).max(100_000);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(RECORD_LIMITS.listItems);
const asOf = instant.nullable().optional();

const needDomain = z.enum(['HOUSING', 'EMPLOYMENT', 'EDUCATION', 'FAMILY', 'BENEFITS', 'IDENTITY_DOCUMENTS', 'HEALTH']);
const actionDomain = z.enum([...needDomain.options, 'SUPERVISION', 'OTHER']);

const person = z.strictObject({
  ref: id,
  nationalId: z.strictObject({
    scheme: z.enum(['JMBG', 'EMBG', 'KOSOVO_PN', 'AL_NID']),
    value: id,
    country: z.string().regex(/^[A-Z]{2}$/),
  }).nullable(),
  givenName: short,
  familyName: short,
  script: z.enum(['LATIN', 'CYRILLIC']).nullable(),
  dateOfBirth: date.nullable(),
  sex: z.enum(['FEMALE', 'MALE', 'OTHER', 'UNKNOWN']).nullable(),
  municipality: short.nullable(),
  asOf,
});

const custody = z.strictObject({
  ref: id,
  establishment: short,
  status: z.enum(['REMAND', 'SENTENCED', 'RELEASED', 'TRANSFERRED']),
  admissionDate: date.nullable(),
  sentence: z.strictObject({
    lengthMonths: count.nullable(),
    startDate: date.nullable(),
    offences: list(z.strictObject({ code: short, description: text.nullable(), legalArticle: text.nullable() })),
  }).nullable(),
  earliestReleaseDate: date.nullable(),
  expectedReleaseDate: date.nullable(),
  paroleEligibilityDate: date.nullable(),
  asOf,
});

const riskAssessment = z.strictObject({
  ref: id,
  tool: short,
  toolVersion: short.nullable(),
  assessedOn: date.nullable(),
  status: z.enum(['COMPLETED', 'IN_PROGRESS', 'OVERDUE']),
  judgement: short.nullable(),
  assessorRole: short.nullable(),
  nextReviewOn: date.nullable(),
  asOf,
});

const programme = z.strictObject({
  ref: id,
  programme: short,
  provider: short,
  type: z.enum(['EDUCATION', 'VOCATIONAL', 'PSYCHOSOCIAL', 'MENTORING', 'FAMILY', 'DISENGAGEMENT', 'OTHER']),
  startDate: date.nullable(),
  endDate: date.nullable(),
  sessionsPlanned: count.nullable(),
  sessionsAttended: count.nullable(),
  completion: z.enum(['ONGOING', 'COMPLETED', 'DROPPED_OUT', 'NOT_STARTED']),
  asOf,
});

const supervision = z.strictObject({
  ref: id,
  orderType: z.enum(['PAROLE', 'PROBATION', 'SUSPENDED_SENTENCE', 'COMMUNITY_SERVICE', 'SECURITY_MEASURE']),
  startDate: date.nullable(),
  endDate: date.nullable(),
  conditions: list(z.strictObject({
    category: z.enum(['REPORTING', 'RESIDENCE', 'CURFEW', 'CONTACT_BAN', 'TREATMENT', 'PROGRAMME', 'TRAVEL', 'EMPLOYMENT', 'OTHER']),
    description: text.nullable(),
  })),
  officer: z.strictObject({ staffRef: id, name: short.nullable(), office: short.nullable() }).nullable(),
  compliance: z.strictObject({
    status: z.enum(['COMPLIANT', 'MINOR_BREACH', 'SERIOUS_BREACH', 'RECALLED']),
    lastContactDate: date.nullable(),
    missedAppointments: count.nullable(),
  }).nullable(),
  asOf,
});

const welfareCase = z.strictObject({
  ref: id,
  caseNumber: id,
  centre: short.nullable(),
  status: z.enum(['OPEN', 'WAITING', 'CLOSED']),
  openedOn: date.nullable(),
  needs: list(z.strictObject({ domain: needDomain, level: z.enum(['NONE', 'LOW', 'MEDIUM', 'HIGH']), assessedOn: date.nullable() })),
  services: list(z.strictObject({
    type: short,
    domain: needDomain.nullable(),
    provider: short.nullable(),
    startDate: date.nullable(),
    endDate: date.nullable(),
    status: z.enum(['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED']),
  })),
  asOf,
});

const plan = z.strictObject({
  ref: id,
  status: z.enum(['DRAFT', 'ACTIVE', 'COMPLETED']),
  ownerAgency: agency.nullable(),
  createdOn: date.nullable(),
  reviewOn: date.nullable(),
  actions: list(z.strictObject({
    title: text,
    domain: actionDomain,
    ownerAgency: agency.nullable(),
    dueDate: date.nullable(),
    status: z.enum(['PLANNED', 'IN_PROGRESS', 'DONE', 'OVERDUE', 'CANCELLED']),
  })),
  asOf,
});

const referral = z.strictObject({
  ref: id,
  fromAgency: agency,
  toAgency: agency,
  domain: actionDomain,
  referredOn: date.nullable(),
  status: z.enum(['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED']),
  asOf,
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Schemas = { [E in EntityName]: z.ZodType<EntityRecordMap[E]> };

/** One record's schema per entity (for list entities: one item's). */
export const RECORD_SCHEMAS = {
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
} satisfies Schemas;

// Compile-time: each schema accepts exactly the model's type, so adding an enum value or a field
// to model.ts without adding it here fails the build instead of dropping valid records.
const exact: { [E in EntityName]: Same<z.output<(typeof RECORD_SCHEMAS)[E]>, EntityRecordMap[E]> } = {
  personByNationalId: true, person: true, personByDateOfBirth: true, custody: true, riskAssessments: true, programmes: true,
  supervision: true, welfareCase: true, plan: true, referrals: true,
};
void exact;
