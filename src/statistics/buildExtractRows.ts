import type {
  CustodyRecord, NationalIdRecord, PersonRecord, ProgrammeEnrolmentRecord, SupervisionRecord, WelfareCaseRecord,
} from '../../adapters/sdk/index.js';
import { personKey, type Sourced } from './CountTable.js';

export type ExtractDataset = 'CUSTODY' | 'PROGRAMMES' | 'SUPERVISION' | 'WELFARE';

/** One pseudonymous row (schema `ExtractRow`): coarse attributes only, never names, ids or refs. */
export interface ExtractRow {
  pseudonym: string;
  agency: string;
  yearOfBirth: number | null;
  sex: PersonRecord['sex'];
  municipality: string | null;
  establishment?: string;
  custodyStatus?: CustodyRecord['status'];
  admissionYear?: number | null;
  expectedReleaseYear?: number | null;
  programmeType?: ProgrammeEnrolmentRecord['type'];
  programme?: string;
  completion?: ProgrammeEnrolmentRecord['completion'];
  orderType?: SupervisionRecord['orderType'];
  complianceStatus?: string | null;
  welfareStatus?: WelfareCaseRecord['status'];
  needDomains?: string[];
}

export interface ExtractInput {
  dataset: ExtractDataset;
  /** The dataset's records (custody, programmes, supervision or welfareCase) of the agencies allowed. */
  records: readonly Sourced<{ ref: string }>[];
  /** The same agencies' person records, for the pseudonym and the coarse attributes. */
  people: readonly Sourced<PersonRecord>[];
  /** The project-domain pseudonym of a national identifier. */
  pseudonym(id: NationalIdRecord): string;
  /** Agencies whose LOCATION may be used (municipality); HEALTH (the health need domain). */
  locationFrom: ReadonlySet<string>;
  healthFrom: ReadonlySet<string>;
}

const year = (date: string | null): number | null => (date ? Number(date.slice(0, 4)) : null);

/**
 * Rows of a pseudonymous extract: one per record of the dataset (per enrolment for PROGRAMMES),
 * keyed by the project pseudonym of the person's national identifier. Records of people whose
 * agency records no national identifier are left out (they cannot be given a stable pseudonym).
 * Dates are cut to years; nothing identifying (name, identifier, agency reference, case number,
 * officer, free text) is copied.
 */
export function buildExtractRows(input: ExtractInput): ExtractRow[] {
  const people = new Map(input.people.map((p) => [personKey(p), p.record]));
  const rows: ExtractRow[] = [];
  for (const s of input.records) {
    const person = people.get(personKey(s));
    if (!person?.nationalId) continue;
    const base: ExtractRow = {
      pseudonym: input.pseudonym(person.nationalId),
      agency: s.agency,
      yearOfBirth: year(person.dateOfBirth),
      sex: person.sex,
      municipality: input.locationFrom.has(s.agency) ? person.municipality : null,
    };
    rows.push({ ...base, ...attributes(input.dataset, s.record, input.healthFrom.has(s.agency)) });
  }
  // No order that could follow the agencies' own reference order.
  return rows.sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0));
}

function attributes(dataset: ExtractDataset, record: unknown, health: boolean): Partial<ExtractRow> {
  switch (dataset) {
    case 'CUSTODY': {
      const c = record as CustodyRecord;
      return { establishment: c.establishment, custodyStatus: c.status, admissionYear: year(c.admissionDate), expectedReleaseYear: year(c.expectedReleaseDate) };
    }
    case 'PROGRAMMES': {
      const p = record as ProgrammeEnrolmentRecord;
      return { programmeType: p.type, programme: p.programme, completion: p.completion };
    }
    case 'SUPERVISION': {
      const o = record as SupervisionRecord;
      return { orderType: o.orderType, complianceStatus: o.compliance?.status ?? null };
    }
    case 'WELFARE': {
      const w = record as WelfareCaseRecord;
      const domains = new Set(w.needs.filter((n) => (n.level === 'MEDIUM' || n.level === 'HIGH') && (health || n.domain !== 'HEALTH')).map((n) => n.domain));
      return { welfareStatus: w.status, needDomains: [...domains].sort() };
    }
  }
}
