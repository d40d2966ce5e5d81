import type { Store } from './Store.js';

/** `sql` is split at `;`; a migration with function bodies lists its `statements` instead. */
type Migration = { id: number; sql: string } | { id: number; statements: readonly string[] };

/**
 * The store's schema, applied in order and recorded in `reintegra.migration`. A migration is
 * never edited once released; changes are new entries.
 */
const MIGRATIONS: readonly Migration[] = [
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
  {
    // The audit log as an RFC 6962 Merkle log (src/audit/README.md). Rows from before this
    // migration keep a NULL leaf_index: they are outside the tree, and verification reports them.
    id: 2,
    statements: [
      `ALTER TABLE reintegra.audit_event
         ADD COLUMN leaf_index    bigint,
         ADD COLUMN leaf_hash     bytea,
         ADD COLUMN caller_agency text GENERATED ALWAYS AS (event #>> '{caller,agency}') STORED,
         ADD COLUMN caller_sub    text GENERATED ALWAYS AS (event #>> '{caller,sub}') STORED,
         ADD COLUMN purpose       text GENERATED ALWAYS AS (event ->> 'purpose') STORED,
         ADD COLUMN outcome       text GENERATED ALWAYS AS (event ->> 'outcome') STORED,
         ADD COLUMN break_glass   boolean GENERATED ALWAYS AS (event ->> 'breakGlass' IS NOT NULL) STORED,
         ADD COLUMN on_case_team  boolean GENERATED ALWAYS AS ((event ->> 'onCaseTeam')::boolean) STORED`,
      // NOT VALID: enforced for every new row, not for the rows that predate the log.
      `ALTER TABLE reintegra.audit_event ADD CONSTRAINT audit_event_in_log CHECK (leaf_index IS NOT NULL AND leaf_hash IS NOT NULL) NOT VALID`,
      'CREATE UNIQUE INDEX audit_event_leaf ON reintegra.audit_event (leaf_index)',
      'CREATE INDEX audit_event_caller ON reintegra.audit_event (caller_agency, caller_sub, at)',
      "CREATE INDEX audit_event_read ON reintegra.audit_event USING gin ((event -> 'agencies'))",
      'CREATE INDEX audit_event_break_glass ON reintegra.audit_event (at) WHERE break_glass',
      // The next leaf index. Its row lock serialises appends from every gateway process.
      'CREATE TABLE reintegra.audit_head (id int PRIMARY KEY CHECK (id = 1), size bigint NOT NULL CHECK (size >= 0))',
      'INSERT INTO reintegra.audit_head (id, size) VALUES (1, 0)',
      `CREATE TABLE reintegra.audit_checkpoint (
         seq       bigserial PRIMARY KEY,
         tree_size bigint NOT NULL CHECK (tree_size >= 0),
         root_hash bytea NOT NULL,
         at        timestamptz NOT NULL,
         key_id    text NOT NULL,
         jws       text NOT NULL
       )`,
      'CREATE INDEX audit_checkpoint_size ON reintegra.audit_checkpoint (tree_size)',
      // Append-only in the database itself, whatever the gateway's code does (see README, "Audit log").
      `CREATE FUNCTION reintegra.audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'reintegra: % on %.% refused: the audit log is append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
           USING ERRCODE = 'insufficient_privilege';
       END
       $$`,
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON reintegra.audit_event
         FOR EACH STATEMENT EXECUTE FUNCTION reintegra.audit_refuse_change()`,
      `CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON reintegra.audit_checkpoint
         FOR EACH STATEMENT EXECUTE FUNCTION reintegra.audit_refuse_change()`,
      `CREATE FUNCTION reintegra.audit_head_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.size >= OLD.size THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'reintegra: the audit log head only grows' USING ERRCODE = 'insufficient_privilege';
       END
       $$`,
      `CREATE TRIGGER audit_head_only_grows BEFORE UPDATE OR DELETE ON reintegra.audit_head
         FOR EACH ROW EXECUTE FUNCTION reintegra.audit_head_only_grows()`,
      `CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON reintegra.audit_head
         FOR EACH STATEMENT EXECUTE FUNCTION reintegra.audit_refuse_change()`,
    ],
  },
];

/**
 * Identity links decided by case coordinators (src/linkage): an agency's record of a person that
 * did not link by national identifier, confirmed or rejected. Access metadata keyed by the
 * person's pseudonym, never names. One confirmed record per person and agency, and an agency's
 * record confirmed for one person only (so a confirmation can never join two people).
 */
const IDENTITY_LINKS: Migration = {
  id: 200,
  sql: `
    CREATE TABLE reintegra.identity_link (
      subject           text NOT NULL,
      agency            text NOT NULL,
      agency_ref        text NOT NULL,
      state             text NOT NULL CHECK (state IN ('CONFIRMED', 'REJECTED')),
      score             real,
      decided_by        text NOT NULL,
      decided_by_agency text NOT NULL,
      decided_at        timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (subject, agency, agency_ref)
    );
    CREATE UNIQUE INDEX identity_link_one_per_agency ON reintegra.identity_link (subject, agency) WHERE state = 'CONFIRMED';
    CREATE UNIQUE INDEX identity_link_one_person ON reintegra.identity_link (agency, agency_ref) WHERE state = 'CONFIRMED'
  `,
};

export async function migrate(store: Store): Promise<void> {
  // No DDL when the schema exists: a gateway role that does not own it (so cannot disable the
  // audit log's triggers) may not run CREATE, even IF NOT EXISTS.
  const { rows: found } = await store.query<{ t: string | null }>("SELECT to_regclass('reintegra.migration')::text AS t");
  if (!found[0]?.t) {
    await store.query('CREATE SCHEMA IF NOT EXISTS reintegra');
    await store.query('CREATE TABLE IF NOT EXISTS reintegra.migration (id int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  }
  const { rows } = await store.query<{ id: number }>('SELECT id FROM reintegra.migration');
  const applied = new Set(rows.map((r) => Number(r.id)));
  for (const m of [...MIGRATIONS, IDENTITY_LINKS]) {
    if (applied.has(m.id)) continue;
    await store.transaction(async (tx) => {
      const statements = 'statements' in m ? m.statements : m.sql.split(';').map((s) => s.trim()).filter(Boolean);
      for (const statement of statements) await tx.query(statement);
      await tx.query('INSERT INTO reintegra.migration (id) VALUES ($1)', [m.id]);
    });
  }
}
