/**
 * The common record types every adapter produces, whatever the agency's own data model.
 * They mirror the GraphQL types in schema/*.graphql; the gateway adds the provenance
 * (which agency, fetched when) and decides what of them a caller may see.
 *
 * Conventions: dates are ISO `YYYY-MM-DD` strings, instants ISO-8601 strings, enumerations
 * are the upper-case values of the schema's enums, and every record carries `ref`, the
 * agency's own reference of the person it is about (the key the gateway asked with).
 */

/** The closed set of entities an adapter can be asked for (`load(entity, keys)`). */
export const ENTITIES = [
  /** key: normalised national identifier → PersonRecord | null */
  'personByNationalId',
  /** key: the agency's own person reference → PersonRecord | null */
  'person',
  /**
   * key: a date of birth `YYYY-MM-DD` → PersonRecord[], every person the agency holds born that
   * day (national identifier or not). For identity-link candidates, never for linking itself.
   */
  'personByDateOfBirth',
  /** key: person ref → CustodyRecord | null */
  'custody',
  /** key: person ref → RiskAssessmentRecord[] */
  'riskAssessments',
  /** key: person ref → ProgrammeEnrolmentRecord[] */
  'programmes',
  /** key: person ref → SupervisionRecord | null */
  'supervision',
  /** key: person ref → WelfareCaseRecord | null */
  'welfareCase',
  /** key: person ref → PlanRecord | null */
  'plan',
  /** key: person ref → ReferralRecord[] */
  'referrals',
] as const;

export type EntityName = (typeof ENTITIES)[number];

/** Entities whose value per key is a list (an empty list when the agency holds nothing). */
export const LIST_ENTITIES: ReadonlySet<EntityName> = new Set(['personByDateOfBirth', 'riskAssessments', 'programmes', 'referrals']);

export type IdentifierScheme = 'JMBG' | 'EMBG' | 'KOSOVO_PN' | 'AL_NID';

export interface NationalIdRecord {
  scheme: IdentifierScheme;
  value: string;
  /** ISO 3166-1 alpha-2 of the issuing authority (XK is the user-assigned code used for Kosovo*). */
  country: string;
}

export type Sex = 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
export type Script = 'LATIN' | 'CYRILLIC';

export interface PersonRecord {
  ref: string;
  nationalId: NationalIdRecord | null;
  givenName: string;
  familyName: string;
  /** Script the agency spells the name in. */
  script: Script | null;
  dateOfBirth: string | null;
  sex: Sex | null;
  municipality: string | null;
  asOf?: string | null;
}

export interface OffenceRecord {
  code: string;
  description: string | null;
  legalArticle: string | null;
}

export interface CustodyRecord {
  ref: string;
  establishment: string;
  status: 'REMAND' | 'SENTENCED' | 'RELEASED' | 'TRANSFERRED';
  admissionDate: string | null;
  sentence: {
    lengthMonths: number | null;
    startDate: string | null;
    offences: OffenceRecord[];
  } | null;
  earliestReleaseDate: string | null;
  expectedReleaseDate: string | null;
  paroleEligibilityDate: string | null;
  asOf?: string | null;
}

export interface RiskAssessmentRecord {
  ref: string;
  tool: string;
  toolVersion: string | null;
  assessedOn: string | null;
  status: 'COMPLETED' | 'IN_PROGRESS' | 'OVERDUE';
  /** The tool's own summary judgement, as the tool states it (e.g. "HIGH", "moderate"). */
  judgement: string | null;
  assessorRole: string | null;
  nextReviewOn: string | null;
  asOf?: string | null;
}

export interface ProgrammeEnrolmentRecord {
  ref: string;
  programme: string;
  provider: string;
  type: 'EDUCATION' | 'VOCATIONAL' | 'PSYCHOSOCIAL' | 'MENTORING' | 'FAMILY' | 'DISENGAGEMENT' | 'OTHER';
  startDate: string | null;
  endDate: string | null;
  sessionsPlanned: number | null;
  sessionsAttended: number | null;
  completion: 'ONGOING' | 'COMPLETED' | 'DROPPED_OUT' | 'NOT_STARTED';
  asOf?: string | null;
}

export interface SupervisionConditionRecord {
  category: 'REPORTING' | 'RESIDENCE' | 'CURFEW' | 'CONTACT_BAN' | 'TREATMENT' | 'PROGRAMME' | 'TRAVEL' | 'EMPLOYMENT' | 'OTHER';
  description: string | null;
}

export interface SupervisionRecord {
  ref: string;
  orderType: 'PAROLE' | 'PROBATION' | 'SUSPENDED_SENTENCE' | 'COMMUNITY_SERVICE' | 'SECURITY_MEASURE';
  startDate: string | null;
  endDate: string | null;
  conditions: SupervisionConditionRecord[];
  officer: { staffRef: string; name: string | null; office: string | null } | null;
  compliance: {
    status: 'COMPLIANT' | 'MINOR_BREACH' | 'SERIOUS_BREACH' | 'RECALLED';
    lastContactDate: string | null;
    missedAppointments: number | null;
  } | null;
  asOf?: string | null;
}

export type NeedDomain = 'HOUSING' | 'EMPLOYMENT' | 'EDUCATION' | 'FAMILY' | 'BENEFITS' | 'IDENTITY_DOCUMENTS' | 'HEALTH';

export interface WelfareCaseRecord {
  ref: string;
  caseNumber: string;
  centre: string | null;
  status: 'OPEN' | 'WAITING' | 'CLOSED';
  openedOn: string | null;
  needs: Array<{ domain: NeedDomain; level: 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH'; assessedOn: string | null }>;
  services: Array<{
    type: string;
    domain: NeedDomain | null;
    provider: string | null;
    startDate: string | null;
    endDate: string | null;
    status: 'PLANNED' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
  }>;
  asOf?: string | null;
}

export interface PlanActionRecord {
  title: string;
  domain: NeedDomain | 'SUPERVISION' | 'OTHER';
  ownerAgency: string | null;
  dueDate: string | null;
  status: 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'OVERDUE' | 'CANCELLED';
}

export interface PlanRecord {
  ref: string;
  status: 'DRAFT' | 'ACTIVE' | 'COMPLETED';
  ownerAgency: string | null;
  createdOn: string | null;
  reviewOn: string | null;
  actions: PlanActionRecord[];
  asOf?: string | null;
}

export interface ReferralRecord {
  ref: string;
  fromAgency: string;
  toAgency: string;
  domain: NeedDomain | 'SUPERVISION' | 'OTHER';
  referredOn: string | null;
  status: 'SENT' | 'ACCEPTED' | 'DECLINED' | 'COMPLETED';
  asOf?: string | null;
}

export interface EntityRecordMap {
  personByNationalId: PersonRecord;
  person: PersonRecord;
  personByDateOfBirth: PersonRecord;
  custody: CustodyRecord;
  riskAssessments: RiskAssessmentRecord;
  programmes: ProgrammeEnrolmentRecord;
  supervision: SupervisionRecord;
  welfareCase: WelfareCaseRecord;
  plan: PlanRecord;
  referrals: ReferralRecord;
}
