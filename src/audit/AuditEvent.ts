import type { DataCategory, Purpose } from '../config/index.js';

/**
 * One event per request per person touched (and one for a request that touched nobody).
 * Names the person only by the audit-domain pseudonym, never by national identifier.
 */
export interface AuditEvent {
  at: string;
  requestId: string;
  caller: { sub: string; agency: string; roles: string[]; client: string | null };
  purpose: Purpose | null;
  breakGlass: string | null;
  operation: { name: string | null; documentHash: string | null };
  /** Audit-domain pseudonym of the person; null for an event that touched nobody. */
  subject: string | null;
  /** Agencies whose systems were read for this person. */
  agencies: string[];
  released: Array<{ category: DataCategory; agency: string | null; fields: string[] }>;
  withheld: Array<{ category: DataCategory; agency: string | null; fields: string[]; reason: string }>;
  outcome: 'RELEASED' | 'PARTIAL' | 'WITHHELD' | 'NONE' | 'ERROR';
}
