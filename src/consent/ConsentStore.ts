import { randomUUID } from 'node:crypto';
import type { DataCategory, Purpose } from '../config/index.js';
import type { ConsentFact } from '../policy/index.js';
import { isoDay, isoInstant, type Store } from '../store/index.js';

export interface ConsentInput {
  /** The person's pseudonym (`person` domain). */
  subject: string;
  provider: string;
  recipients: readonly string[];
  categories: readonly DataCategory[];
  purposes: readonly Purpose[];
  validFrom: string;
  validUntil: string | null;
  evidenceRef: string;
}

export interface ConsentRow extends ConsentFact {
  subject: string;
  evidenceRef: string;
  recordedBy: string;
  recordedAt: string;
  withdrawnBy: string | null;
}

interface DbRow {
  id: string;
  subject: string;
  provider: string;
  recipients: string[];
  categories: string[];
  purposes: string[];
  valid_from: string | Date;
  valid_until: string | Date | null;
  evidence_ref: string;
  recorded_by: string;
  recorded_at: string | Date;
  withdrawn_at: string | Date | null;
  withdrawn_by: string | null;
}

const COLUMNS = 'id, subject, provider, recipients, categories, purposes, valid_from, valid_until, evidence_ref, recorded_by, recorded_at, withdrawn_at, withdrawn_by';

/**
 * The consent registry, in the gateway's own store: who (subject) lets which controller
 * (provider) share which categories with which recipients, for which purposes, when, on what
 * evidence, recorded by whom — and when it was withdrawn. Rows are never deleted: a withdrawal
 * is recorded, so the history stays auditable.
 */
export class ConsentStore {
  constructor(private readonly store: Store) {}

  async record(input: ConsentInput, recordedBy: string): Promise<ConsentRow> {
    const { rows } = await this.store.query<DbRow>(
      `INSERT INTO reintegra.consent (id, subject, provider, recipients, categories, purposes, valid_from, valid_until, evidence_ref, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [randomUUID(), input.subject, input.provider, input.recipients, input.categories, input.purposes, input.validFrom, input.validUntil, input.evidenceRef, recordedBy],
    );
    return toRow(rows[0]!);
  }

  /** Every consent this provider holds for the person, withdrawn ones included, oldest first. */
  async list(subject: string, provider: string): Promise<ConsentRow[]> {
    const { rows } = await this.store.query<DbRow>(
      `SELECT ${COLUMNS} FROM reintegra.consent WHERE subject = $1 AND provider = $2 ORDER BY recorded_at, id`,
      [subject, provider],
    );
    return rows.map(toRow);
  }

  /** Withdraws a consent; returns null when this person has no such active consent with this provider. */
  async withdraw(id: string, subject: string, provider: string, withdrawnBy: string): Promise<ConsentRow | null> {
    const { rows } = await this.store.query<DbRow>(
      `UPDATE reintegra.consent SET withdrawn_at = now(), withdrawn_by = $4
       WHERE id = $1 AND subject = $2 AND provider = $3 AND withdrawn_at IS NULL RETURNING ${COLUMNS}`,
      [id, subject, provider, withdrawnBy],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }
}

/** The columns the policy decides on, as a `ConsentFact` (also used by policy/loadFactRows). */
export function consentFactOf(r: Pick<DbRow, 'id' | 'provider' | 'recipients' | 'categories' | 'purposes' | 'valid_from' | 'valid_until' | 'withdrawn_at'>): ConsentFact {
  return {
    id: r.id,
    provider: r.provider,
    recipients: r.recipients,
    categories: r.categories as DataCategory[],
    purposes: r.purposes as Purpose[],
    validFrom: isoDay(r.valid_from),
    validUntil: r.valid_until === null ? null : isoDay(r.valid_until),
    withdrawnAt: r.withdrawn_at === null ? null : isoInstant(r.withdrawn_at),
  };
}

function toRow(r: DbRow): ConsentRow {
  return {
    ...consentFactOf(r),
    subject: r.subject,
    evidenceRef: r.evidence_ref,
    recordedBy: r.recorded_by,
    recordedAt: isoInstant(r.recorded_at),
    withdrawnBy: r.withdrawn_by,
  };
}
