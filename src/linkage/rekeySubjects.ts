import type { Store } from '../store/index.js';

/** One person's `person`-domain pseudonym under the current key and under each earlier key (newest first). */
export interface SubjectMove {
  to: string;
  from: readonly string[];
}

/**
 * The gateway's access metadata keyed by the person pseudonym, and when a row under an old
 * pseudonym clashes with one already under the new (`t` the old row, `n` the new): that row is
 * dropped and the current one stands. Consents have their own ids, so they always move.
 */
const KEYED_TABLES: ReadonlyArray<{ table: string; clash: string }> = [
  { table: 'reintegra.consent', clash: 'FALSE' },
  { table: 'reintegra.coordination_case', clash: 'TRUE' },
  { table: 'reintegra.case_team', clash: 'n.agency = t.agency AND n.sub = t.sub' },
  { table: 'reintegra.identity_link', clash: "n.agency = t.agency AND (n.agency_ref = t.agency_ref OR (n.state = 'CONFIRMED' AND t.state = 'CONFIRMED'))" },
];

/**
 * Re-keys on touch after a pseudonym key rotation: moves the consents, case teams and identity
 * links stored under a person's earlier pseudonyms to the current one, in one transaction. The
 * gateway cannot do this for everyone at once (a pseudonym cannot be reversed to the identifier
 * it came from), so it happens when the person is next looked up or changed by identifier.
 * Where a row exists under both (written after the rotation, before the touch), the current
 * one stands. Costs one indexed query when nothing is left under an earlier key. The audit
 * log is never re-keyed (it is append-only); the privacy-officer API searches it under every key.
 */
export async function rekeySubjects(store: Pick<Store, 'query' | 'transaction'>, moves: readonly SubjectMove[]): Promise<number> {
  const old = moves.flatMap((m) => m.from);
  if (old.length === 0) return 0;
  const probe = KEYED_TABLES.map((t) => `SELECT subject FROM ${t.table} WHERE subject = ANY($1::text[])`).join(' UNION ');
  const { rows } = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${probe}) AS stale`, [old]);
  if (Number(rows[0]?.n ?? 0) === 0) return 0;
  let moved = 0;
  const generations = Math.max(...moves.map((m) => m.from.length));
  await store.transaction(async (tx) => {
    // One key generation at a time: each maps one old pseudonym to one new, so no two rows of a
    // statement can land on the same key.
    for (let g = 0; g < generations; g++) {
      const pairs = moves.filter((m) => m.from[g] !== undefined);
      const from = pairs.map((m) => m.from[g]!);
      const to = pairs.map((m) => m.to);
      for (const { table, clash } of KEYED_TABLES) {
        const { rows: updated } = await tx.query(
          `UPDATE ${table} AS t SET subject = m.new_subject
             FROM unnest($1::text[], $2::text[]) AS m(old_subject, new_subject)
            WHERE t.subject = m.old_subject
              AND NOT EXISTS (SELECT 1 FROM ${table} AS n WHERE n.subject = m.new_subject AND (${clash}))
           RETURNING 1`,
          [from, to],
        );
        moved += updated.length;
        await tx.query(`DELETE FROM ${table} WHERE subject = ANY($1::text[])`, [from]);
      }
    }
  });
  return moved;
}
