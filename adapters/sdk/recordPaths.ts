import type {
  CustodyRecord, EntityName, OffenceRecord, PersonRecord, PlanActionRecord, PlanRecord,
  ProgrammeEnrolmentRecord, ReferralRecord, RiskAssessmentRecord, SupervisionConditionRecord,
  SupervisionRecord, WelfareCaseRecord,
} from './model.js';

/** Dotted paths of the scalar leaves of `T` (objects are walked into, arrays are not). */
export type LeafPath<T, P extends string = ''> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? never
    : NonNullable<T[K]> extends object
      ? LeafPath<NonNullable<T[K]>, `${P}${K}.`>
      : `${P}${K}`;
}[keyof T & string];

/** Dotted paths of the arrays inside `T`. */
export type ListPath<T, P extends string = ''> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? `${P}${K}`
    : NonNullable<T[K]> extends object
      ? ListPath<NonNullable<T[K]>, `${P}${K}.`>
      : never;
}[keyof T & string];

/** The record paths a mapping may target for one entity, and the item paths of its lists. */
export interface RecordShape {
  /** Scalar record paths, in the order records are built. */
  readonly fields: readonly string[];
  /** List path → scalar paths of one list item. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
}

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? unknown : { missing: Exclude<All, Listed> };

// Curried so `T` is explicit while the path tuples are inferred: the compiler then rejects
// a path that is not in the model and names any model path the table forgot.
const shapeOf =
  <T>() =>
  <const F extends readonly LeafPath<T>[]>(fields: F & Missing<LeafPath<T>, F[number]>) =>
  <const L extends { readonly [P in ListPath<T>]: readonly string[] }>(lists: L): RecordShape => ({ fields, lists });

const item =
  <T>() =>
  <const F extends readonly LeafPath<T>[]>(fields: F & Missing<LeafPath<T>, F[number]>): readonly string[] =>
    fields;

const person = shapeOf<PersonRecord>()([
  'ref', 'nationalId.scheme', 'nationalId.value', 'nationalId.country', 'givenName', 'familyName',
  'script', 'dateOfBirth', 'sex', 'municipality', 'asOf',
])({});

/** Valid record paths per entity, checked against `model.ts` at compile time. */
export const RECORD_PATHS: Readonly<Record<EntityName, RecordShape>> = {
  personByNationalId: person,
  person,
  personByDateOfBirth: person,
  custody: shapeOf<CustodyRecord>()([
    'ref', 'establishment', 'status', 'admissionDate', 'sentence.lengthMonths', 'sentence.startDate',
    'earliestReleaseDate', 'expectedReleaseDate', 'paroleEligibilityDate', 'asOf',
  ])({ 'sentence.offences': item<OffenceRecord>()(['code', 'description', 'legalArticle']) }),
  riskAssessments: shapeOf<RiskAssessmentRecord>()([
    'ref', 'tool', 'toolVersion', 'assessedOn', 'status', 'judgement', 'assessorRole', 'nextReviewOn', 'asOf',
  ])({}),
  programmes: shapeOf<ProgrammeEnrolmentRecord>()([
    'ref', 'programme', 'provider', 'type', 'startDate', 'endDate', 'sessionsPlanned', 'sessionsAttended',
    'completion', 'asOf',
  ])({}),
  supervision: shapeOf<SupervisionRecord>()([
    'ref', 'orderType', 'startDate', 'endDate', 'officer.staffRef', 'officer.name', 'officer.office',
    'compliance.status', 'compliance.lastContactDate', 'compliance.missedAppointments', 'asOf',
  ])({ conditions: item<SupervisionConditionRecord>()(['category', 'description']) }),
  welfareCase: shapeOf<WelfareCaseRecord>()(['ref', 'caseNumber', 'centre', 'status', 'openedOn', 'asOf'])({
    needs: item<WelfareCaseRecord['needs'][number]>()(['domain', 'level', 'assessedOn']),
    services: item<WelfareCaseRecord['services'][number]>()(['type', 'domain', 'provider', 'startDate', 'endDate', 'status']),
  }),
  plan: shapeOf<PlanRecord>()(['ref', 'status', 'ownerAgency', 'createdOn', 'reviewOn', 'asOf'])({
    actions: item<PlanActionRecord>()(['title', 'domain', 'ownerAgency', 'dueDate', 'status']),
  }),
  referrals: shapeOf<ReferralRecord>()(['ref', 'fromAgency', 'toAgency', 'domain', 'referredOn', 'status', 'asOf'])({}),
};

/** Record paths that are omitted (rather than set to null) when a mapping does not provide them. */
export const OPTIONAL_PATHS: ReadonlySet<string> = new Set(['asOf']);
