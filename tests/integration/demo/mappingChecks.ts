/**
 * Test helpers: what a mapping file names must exist in the agency's system, every code value the
 * system holds must be covered by the mapping's code tables, and every record path and mapped
 * enumeration value must belong to the common model (adapters/sdk/model.ts).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type FieldSpec = string | { from?: string; const?: unknown; map?: Record<string, unknown>; default?: unknown; type?: string };
export interface ListSpec {
  source?: string;
  key?: string;
  orderBy?: string;
  from?: string;
  file?: string;
  fields: Record<string, FieldSpec>;
}
export interface EntitySpec {
  source?: string;
  path?: string;
  keyParam?: string;
  itemsAt?: string;
  file?: string;
  delimiter?: string;
  key: string;
  keyType?: string;
  many?: boolean;
  fields: Record<string, FieldSpec>;
  lists?: Record<string, ListSpec>;
}

export function loadMapping(path: string): Record<string, EntitySpec> {
  return (parse(readFileSync(path, 'utf8')) as { entities: Record<string, EntitySpec> }).entities;
}

export const fromOf = (spec: FieldSpec): string | null => (typeof spec === 'string' ? spec : spec.from ?? null);

const PERSON = ['ref', 'nationalId.scheme', 'nationalId.value', 'nationalId.country', 'givenName', 'familyName', 'script', 'dateOfBirth', 'sex', 'municipality'];

/** Record paths of each entity (lists as `list.field`); `asOf` is optional everywhere. */
export const COMMON_PATHS: Record<string, string[]> = {
  personByNationalId: PERSON,
  person: PERSON,
  personByDateOfBirth: PERSON,
  custody: ['ref', 'establishment', 'status', 'admissionDate', 'sentence.lengthMonths', 'sentence.startDate', 'sentence.offences.code', 'sentence.offences.description', 'sentence.offences.legalArticle', 'earliestReleaseDate', 'expectedReleaseDate', 'paroleEligibilityDate'],
  riskAssessments: ['ref', 'tool', 'toolVersion', 'assessedOn', 'status', 'judgement', 'assessorRole', 'nextReviewOn'],
  programmes: ['ref', 'programme', 'provider', 'type', 'startDate', 'endDate', 'sessionsPlanned', 'sessionsAttended', 'completion'],
  supervision: ['ref', 'orderType', 'startDate', 'endDate', 'conditions.category', 'conditions.description', 'officer.staffRef', 'officer.name', 'officer.office', 'compliance.status', 'compliance.lastContactDate', 'compliance.missedAppointments'],
  welfareCase: ['ref', 'caseNumber', 'centre', 'status', 'openedOn', 'needs.domain', 'needs.level', 'needs.assessedOn', 'services.type', 'services.domain', 'services.provider', 'services.startDate', 'services.endDate', 'services.status'],
  plan: ['ref', 'status', 'ownerAgency', 'createdOn', 'reviewOn', 'actions.title', 'actions.domain', 'actions.ownerAgency', 'actions.dueDate', 'actions.status'],
  referrals: ['ref', 'fromAgency', 'toAgency', 'domain', 'referredOn', 'status'],
};

const DOMAINS = ['HOUSING', 'EMPLOYMENT', 'EDUCATION', 'FAMILY', 'BENEFITS', 'IDENTITY_DOCUMENTS', 'HEALTH'];
const AGENCIES = ['prison', 'probation', 'welfare', 'ngo'];
const PERSON_ENUMS = { 'nationalId.scheme': ['JMBG', 'EMBG', 'KOSOVO_PN', 'AL_NID'], 'nationalId.country': ['RS', 'BA', 'ME', 'MK', 'XK', 'AL'], script: ['LATIN', 'CYRILLIC'], sex: ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] };

/** Allowed values of enumerated record paths, per entity. */
export const ENUMS: Record<string, Record<string, string[]>> = {
  personByNationalId: PERSON_ENUMS,
  person: PERSON_ENUMS,
  personByDateOfBirth: PERSON_ENUMS,
  custody: { status: ['REMAND', 'SENTENCED', 'RELEASED', 'TRANSFERRED'] },
  riskAssessments: { status: ['COMPLETED', 'IN_PROGRESS', 'OVERDUE'] },
  programmes: { type: ['EDUCATION', 'VOCATIONAL', 'PSYCHOSOCIAL', 'MENTORING', 'FAMILY', 'DISENGAGEMENT', 'OTHER'], completion: ['ONGOING', 'COMPLETED', 'DROPPED_OUT', 'NOT_STARTED'] },
  supervision: {
    orderType: ['PAROLE', 'PROBATION', 'SUSPENDED_SENTENCE', 'COMMUNITY_SERVICE', 'SECURITY_MEASURE'],
    'conditions.category': ['REPORTING', 'RESIDENCE', 'CURFEW', 'CONTACT_BAN', 'TREATMENT', 'PROGRAMME', 'TRAVEL', 'EMPLOYMENT', 'OTHER'],
    'compliance.status': ['COMPLIANT', 'MINOR_BREACH', 'SERIOUS_BREACH', 'RECALLED'],
  },
  welfareCase: {
    status: ['OPEN', 'WAITING', 'CLOSED'],
    'needs.domain': DOMAINS,
    'needs.level': ['NONE', 'LOW', 'MEDIUM', 'HIGH'],
    'services.domain': DOMAINS,
    'services.status': ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'],
  },
  plan: {
    status: ['DRAFT', 'ACTIVE', 'COMPLETED'],
    ownerAgency: AGENCIES,
    'actions.domain': [...DOMAINS, 'SUPERVISION', 'OTHER'],
    'actions.ownerAgency': AGENCIES,
    'actions.status': ['PLANNED', 'IN_PROGRESS', 'DONE', 'OVERDUE', 'CANCELLED'],
  },
  referrals: { fromAgency: AGENCIES, toAgency: AGENCIES, domain: [...DOMAINS, 'SUPERVISION', 'OTHER'], status: ['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED'] },
};

/** Problems with record paths and mapped values against the common model, for one mapping. */
export function modelProblems(entities: Record<string, EntitySpec>): string[] {
  const problems: string[] = [];
  for (const [entity, spec] of Object.entries(entities)) {
    const allowed = COMMON_PATHS[entity];
    if (allowed === undefined) {
      problems.push(`unknown entity ${entity}`);
      continue;
    }
    const mapped: [string, FieldSpec][] = Object.entries(spec.fields);
    for (const [list, l] of Object.entries(spec.lists ?? {})) for (const [f, s] of Object.entries(l.fields)) mapped.push([`${list}.${f}`, s]);
    for (const [path, s] of mapped) {
      if (path !== 'asOf' && !allowed.includes(path)) problems.push(`${entity}: ${path} is not a record path`);
      const values = ENUMS[entity]?.[path];
      if (values === undefined || typeof s === 'string') continue;
      const produced = [...Object.values(s.map ?? {}), ...(s.default === undefined ? [] : [s.default]), ...(s.const === undefined ? [] : [s.const])];
      for (const v of produced) if (!values.includes(String(v))) problems.push(`${entity}: ${path} maps to ${String(v)}`);
    }
    for (const path of allowed) if (!mapped.some(([p]) => p === path)) problems.push(`${entity}: ${path} not mapped`);
    if (!mapped.some(([p]) => p === 'asOf')) problems.push(`${entity}: asOf not mapped`);
  }
  return [...new Set(problems)];
}

/** Code values a field's map does not cover (when it has no default). Empty/null values are not codes. */
export function uncovered(spec: FieldSpec, values: Iterable<unknown>): string[] {
  if (typeof spec === 'string' || spec.map === undefined || spec.default !== undefined) return [];
  const out = new Set<string>();
  for (const v of values) {
    if (v === null || v === undefined || String(v).trim() === '') continue;
    if (!(String(v).trim() in spec.map)) out.add(String(v));
  }
  return [...out];
}

/** Resolves a dotted JSON path: undefined when a segment is missing, null when it crosses a null. */
export function resolvePath(item: unknown, path: string): unknown {
  let at: unknown = item;
  for (const seg of path.split('.')) {
    if (at === null) return null;
    if (typeof at !== 'object' || at === undefined) return undefined;
    at = (at as Record<string, unknown>)[seg];
  }
  return at;
}
