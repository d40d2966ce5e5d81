import type { Store } from './Store.js';

/**
 * The store's schema, applied in order and recorded in `reintegra.migration`. A migration is
 * never edited once released; changes are new entries.
 */
const MIGRATIONS: ReadonlyArray<{ id: number; sql: string }> = [
  {
    id: 1,
    sql: `
      CREATE TABLE reintegra.audit_event (
        seq        bigserial PRIMARY KEY,
        at         timestamptz NOT NULL,
        request_id text NOT NULL,
        subject    text,
        event      jsonb NOT NULL
      );
      CREATE INDEX audit_event_subject ON reintegra.audit_event (subject, at);
      CREATE INDEX audit_event_at ON reintegra.audit_event (at);
      CREATE TABLE reintegra.coordination_case (
        subject     text PRIMARY KEY,
        lead_agency text NOT NULL,
        opened_on   date NOT NULL
      );
      CREATE TABLE reintegra.case_team (
        subject   text NOT NULL,
        agency    text NOT NULL,
        sub       text NOT NULL,
        role      text NOT NULL,
        since     date NOT NULL,
        PRIMARY KEY (subject, agency, sub)
      );
      CREATE INDEX case_team_member ON reintegra.case_team (agency, sub);
    `,
  },
  {
    id: 100,
    sql: `
      CREATE TABLE reintegra.consent (
        id           uuid PRIMARY KEY,
        subject      text NOT NULL,
        provider     text NOT NULL,
        recipients   text[] NOT NULL,
        categories   text[] NOT NULL,
        purposes     text[] NOT NULL,
        valid_from   date NOT NULL,
        valid_until  date,
        evidence_ref text NOT NULL,
        recorded_by  text NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdrawn_by text
      );
      CREATE INDEX consent_subject ON reintegra.consent (subject)
    `,
  },
];

export async function migrate(store: Store): Promise<void> {
  await store.query('CREATE SCHEMA IF NOT EXISTS reintegra');
  await store.query('CREATE TABLE IF NOT EXISTS reintegra.migration (id int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const { rows } = await store.query<{ id: number }>('SELECT id FROM reintegra.migration');
  const applied = new Set(rows.map((r) => Number(r.id)));
  for (const m of MIGRATIONS) {
    if (applied.has(m.id)) continue;
    await store.transaction(async (tx) => {
      for (const statement of m.sql.split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('INSERT INTO reintegra.migration (id) VALUES ($1)', [m.id]);
    });
  }
}
