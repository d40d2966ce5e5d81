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
 * The audit log a request to a row (src/audit/README.md, "Tables"): one row holds the events a
 * request appended, as the dictionary of their distinct member texts (`members`, a JSON array
 * of strings) and each event as the indexes of its members (`specs`), with the leaf hashes the
 * gateway computed (32 bytes per event, in order), what every event of the request shares as
 * columns, and what differs from event to event and is searched by (subject, outcome, whether
 * the caller was on the case team, the agencies read: ` a b `, agency ids between spaces) as
 * arrays in event order; `agencies` holds every agency any of them read. Storing and indexing
 * each event as a row of its own cost the database more CPU than the rest of the request
 * (BENCHMARKS.md). The
 * rows written before stay in `audit_event_row` (renamed); `audit_event` becomes the view of
 * every event, one row each, with the columns the table had, for reading by hand (the gateway's
 * own queries read the tables, src/audit/eventRows.ts). `audit_request_seq_seq` continues the
 * old sequence, so that row order stays increasing across the change.
 * `audit_request_event` rebuilds one event from a row's member texts and the event's member
 * indexes: what was hashed, parsed.
 */
const AUDIT_REQUEST_ROWS: Migration = {
  id: 300,
  statements: [
    'ALTER TABLE reintegra.audit_event RENAME TO audit_event_row',
    `CREATE TABLE reintegra.audit_request (
       seq           bigserial NOT NULL UNIQUE,
       first_leaf    bigint PRIMARY KEY CHECK (first_leaf >= 0),
       count         integer NOT NULL CHECK (count > 0),
       at            timestamptz NOT NULL,
       request_id    text NOT NULL,
       caller_agency text NOT NULL,
       caller_sub    text NOT NULL,
       purpose       text,
       break_glass   boolean NOT NULL,
       subjects      text[] NOT NULL,
       outcomes      text[] NOT NULL,
       on_case_team  boolean[] NOT NULL,
       event_agencies text[] NOT NULL,
       agencies      text[] NOT NULL,
       members       jsonb NOT NULL,
       specs         json NOT NULL,
       leaf_hashes   bytea NOT NULL,
       CHECK (cardinality(subjects) = count AND cardinality(outcomes) = count AND cardinality(on_case_team) = count AND cardinality(event_agencies) = count
         AND json_array_length(specs) = count AND octet_length(leaf_hashes) = 32 * count AND jsonb_typeof(members) = 'array')
     )`,
    "SELECT setval('reintegra.audit_request_seq_seq', (SELECT coalesce(max(seq), 0) + 1 FROM reintegra.audit_event_row), false)",
    'CREATE INDEX audit_request_subjects ON reintegra.audit_request USING gin (subjects)',
    'CREATE INDEX audit_request_caller ON reintegra.audit_request (caller_agency, caller_sub, at)',
    'CREATE INDEX audit_request_at ON reintegra.audit_request (at)',
    'CREATE INDEX audit_request_agencies ON reintegra.audit_request USING gin (agencies)',
    'CREATE INDEX audit_request_break_glass ON reintegra.audit_request (at) WHERE break_glass',
    `CREATE TRIGGER audit_request_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON reintegra.audit_request
       FOR EACH STATEMENT EXECUTE FUNCTION reintegra.audit_refuse_change()`,
    `CREATE FUNCTION reintegra.audit_request_event(members text[], spec json) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
       SELECT ('{' || coalesce(string_agg(members[k.i::integer + 1], ',' ORDER BY k.pos), '') || '}')::jsonb
         FROM json_array_elements_text(spec) WITH ORDINALITY AS k(i, pos)
     $$`,
    `CREATE VIEW reintegra.audit_event AS
       SELECT seq, leaf_index, at, request_id, subject, event, leaf_hash, caller_agency, caller_sub, purpose, outcome, break_glass, on_case_team
         FROM reintegra.audit_event_row
       UNION ALL
       SELECT r.seq, r.first_leaf + e.ord - 1, r.at, r.request_id, e.subject, reintegra.audit_request_event(r.member_texts, e.spec),
              substring(r.leaf_hashes FROM (e.ord::integer - 1) * 32 + 1 FOR 32), r.caller_agency, r.caller_sub, r.purpose, e.outcome,
              r.break_glass, e.on_case_team
         FROM (SELECT q.*, ARRAY(SELECT jsonb_array_elements_text(q.members)) AS member_texts FROM reintegra.audit_request q OFFSET 0) r
         CROSS JOIN LATERAL ROWS FROM (unnest(r.subjects), unnest(r.outcomes), unnest(r.on_case_team), json_array_elements(r.specs))
           WITH ORDINALITY AS e(subject, outcome, on_case_team, spec, ord)`,
  ],
};

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
  for (const m of [...MIGRATIONS, IDENTITY_LINKS, AUDIT_REQUEST_ROWS]) {
    if (applied.has(m.id)) continue;
    await store.transaction(async (tx) => {
      const statements = 'statements' in m ? m.statements : m.sql.split(';').map((s) => s.trim()).filter(Boolean);
      for (const statement of statements) await tx.query(statement);
      await tx.query('INSERT INTO reintegra.migration (id) VALUES ($1)', [m.id]);
    });
  }
}
