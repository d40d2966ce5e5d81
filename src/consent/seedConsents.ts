import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { ConsentInput } from './ConsentStore.js';

/** Bulk-loads consents (the demo's, or a migration from an agency's paper register), in one transaction. */
export async function seedConsents(store: Store, consents: readonly ConsentInput[], recordedBy: string): Promise<void> {
  await store.transaction(async (tx) => {
    for (let i = 0; i < consents.length; i += 500) {
      const chunk = consents.slice(i, i + 500);
      const params: unknown[] = [];
      const rows = chunk.map((c, j) => {
        params.push(randomUUID(), c.subject, c.provider, c.recipients, c.categories, c.purposes, c.validFrom, c.validUntil, c.evidenceRef, recordedBy);
        const b = j * 10;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10})`;
      });
      await tx.query(
        `INSERT INTO reintegra.consent (id, subject, provider, recipients, categories, purposes, valid_from, valid_until, evidence_ref, recorded_by) VALUES ${rows.join(', ')}`,
        params,
      );
    }
  });
}
