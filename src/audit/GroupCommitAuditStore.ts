import type { Store } from '../store/index.js';
import type { AuditEvent } from './AuditEvent.js';
import type { AppendReceipt, AuditStore } from './AuditStore.js';
import { AuditWriteFailed } from './auditErrors.js';
import { CanonicalMemberBatch, mergeRuns, storableString } from './canonicalJson.js';
import { LEAF_HASH_SQL } from './encodeLeaf.js';

export interface GroupCommitOptions {
  /** Most events in one group (a request's events are never split). Default 5000. */
  maxGroupEvents?: number;
  /** A group not committed within this time fails its requests (fail closed). Default 5000 ms. */
  commitTimeoutMs?: number;
}

/**
 * A request's events, encoded for the log, each part as a JSON array text the group commit joins
 * with the other requests' into its statement parameters. The events travel as a dictionary of
 * their distinct members (`CanonicalMemberBatch`): a 50-person request's events share their
 * caller, operation, time and field lists, and the dictionary is a quarter of the bytes of the
 * events' texts, which the gateway would otherwise build, copy and write for every request.
 */
interface EncodedEvents {
  count: number;
  /** The distinct member texts (`"key":value`), as a JSON array of strings. */
  members: string;
  memberCount: number;
  /** Each event as the indexes of its members in `members`, in canonical order: a JSON array of arrays. */
  specs: string;
  /** The indexed columns as JSON arrays, sent alongside so the database need not parse each event for them. */
  at: string;
  requestIds: string;
  subjects: string;
}

/**
 * Encodes a request's events for the log. Checked here, so that one malformed request fails
 * alone rather than its whole group: throws `AuditWriteFailed`.
 */
function encodeEvents(events: readonly AuditEvent[]): EncodedEvents {
  try {
    // A request's events share one time: each distinct one is checked once.
    let checkedAt: string | null = null;
    for (const e of events) {
      if (e.at === checkedAt) continue;
      if (Number.isNaN(Date.parse(e.at))) throw new TypeError(`event time ${JSON.stringify(e.at)} is not ISO 8601`);
      checkedAt = e.at;
    }
    const batch = new CanonicalMemberBatch();
    const indexes = events.map((e) => batch.add(e));
    const { members, objects } = mergeRuns(batch.members, indexes);
    return {
      count: events.length,
      members: JSON.stringify(members),
      memberCount: members.length,
      specs: JSON.stringify(objects),
      at: JSON.stringify(events.map((e) => e.at)),
      requestIds: JSON.stringify(events.map((e) => storableString(e.requestId))),
      subjects: JSON.stringify(events.map((e) => (e.subject === null ? null : storableString(e.subject)))),
    };
  } catch (error) {
    throw new AuditWriteFailed('An audit event could not be encoded.', { cause: error });
  }
}

/**
 * The parameters of a group of `count` events. Each part travels as one JSON array text: the driver sends it as is,
 * where a text[] parameter would be escaped element by element in JavaScript (a tenth of a busy
 * gateway's CPU, measured with --cpu-prof). The parts are JSON already, so they are joined, not
 * quoted. A request's member indexes count from its own first member: `offsets` gives, for each
 * event, where its request's members start in the group's dictionary.
 */
function groupParameters(group: readonly EncodedEvents[], count: number): unknown[] {
  const joined = (part: (p: EncodedEvents) => string) => {
    const pieces: string[] = [];
    for (const p of group) {
      const text = part(p);
      if (text.length > 2) pieces.push(text.slice(1, -1));
    }
    return `[${pieces.join(',')}]`;
  };
  const offsets: string[] = [];
  let base = 0;
  for (const p of group) {
    const text = String(base);
    for (let i = 0; i < p.count; i++) offsets.push(text);
    base += p.memberCount;
  }
  return [joined((p) => p.members), count, joined((p) => p.at), joined((p) => p.requestIds), joined((p) => p.subjects), joined((p) => p.specs), `[${offsets.join(',')}]`];
}

interface Pending extends EncodedEvents {
  resolve(receipt: AppendReceipt): void;
  reject(error: Error): void;
}

/**
 * One statement appends a whole group: it takes the next leaf indexes from the single head row
 * (the row lock serialises writers — every gateway process — so indexes are contiguous and
 * commit in index order), rebuilds each event's canonical text from the dictionary, inserts the
 * events and computes each leaf hash (encodeLeaf.ts) in the same implicit transaction. One round
 * trip per group. The dictionary is one `jsonb` array (its elements are found by position
 * without scanning the array), and `->>` gives each member's text exactly as the gateway wrote
 * it. The texts are rebuilt in one pass over every (event, member) pair, grouped by event: a
 * subquery per event cost the database a fifth more time than the statement that took whole
 * texts. An event with no members is `{}`. A member index that finds nothing makes the event's
 * text NULL, and so do lists of events and of their members that are not of one length: the
 * row breaks the log's NOT NULL check and the whole group fails rather than store an event with
 * a member missing; that check is a scalar subquery, computed once. The dictionary is named
 * once only, in the pass that rebuilds the texts: a CTE named twice is materialised, and read
 * through the copy a 1,000-person request's append took 7.3 s on PGlite instead of 0.6 s (a test
 * checks the plan). The indexed columns come as JSON arrays of their own (parsing each event for
 * them cost the database twice the time); the verifier checks they match the event. The answer
 * is one row, how many events were inserted and the first leaf index, not a row per event.
 */
const APPEND_SQL = `
WITH head AS (
  UPDATE reintegra.audit_head SET size = size + $2::bigint WHERE id = 1 RETURNING size - $2::bigint AS base
), dict AS (
  SELECT $1::jsonb AS members
), texts AS (
  SELECT e.ord, CASE WHEN bool_and(m.member IS NOT NULL) THEN string_agg(m.member, ',' ORDER BY m.pos) END AS members
    FROM dict,
      ROWS FROM (json_array_elements($6::json), json_array_elements_text($7::json)) WITH ORDINALITY AS e(spec, off, ord),
      LATERAL (SELECT dict.members ->> (e.off::int + k.i::int) AS member, k.pos FROM json_array_elements_text(e.spec) WITH ORDINALITY AS k(i, pos)) AS m
    GROUP BY e.ord
), batch AS (
  SELECT head.base + t.ord - 1 AS idx, t.at, t.request_id, t.subject,
      CASE WHEN NOT (SELECT json_array_length($6::json) = json_array_length($3::json) AND json_array_length($7::json) = json_array_length($3::json)) THEN NULL WHEN texts.ord IS NULL THEN '{}' ELSE '{' || texts.members || '}' END AS body
    FROM head, ROWS FROM (json_array_elements_text($3::json), json_array_elements_text($4::json), json_array_elements_text($5::json))
      WITH ORDINALITY AS t(at, request_id, subject, ord)
    LEFT JOIN texts ON texts.ord = t.ord
), inserted AS (
  INSERT INTO reintegra.audit_event (leaf_index, at, request_id, subject, event, leaf_hash)
  SELECT idx, at::timestamptz, request_id, subject, body::jsonb, ${LEAF_HASH_SQL}
  FROM batch
  RETURNING leaf_index
)
SELECT count(*)::integer AS count, min(leaf_index) AS first FROM inserted`;

/**
 * Group commit for the audit log. Requests append concurrently; while one group is being
 * committed the next requests queue, and they are committed together as soon as it finishes.
 * A request's promise resolves only after its group committed; a failed (or timed-out) group
 * rejects exactly the requests in it, and the next group is tried afresh.
 */
export class GroupCommitAuditStore implements AuditStore {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private readonly maxGroupEvents: number;
  private readonly commitTimeoutMs: number;
  /** Committed groups and events, for the benchmark and metrics. */
  readonly stats = { groups: 0, events: 0, failedGroups: 0 };

  constructor(private readonly store: Pick<Store, 'query'>, options: GroupCommitOptions = {}) {
    this.maxGroupEvents = options.maxGroupEvents ?? 5000;
    this.commitTimeoutMs = options.commitTimeoutMs ?? 5000;
  }

  append(events: readonly AuditEvent[]): Promise<AppendReceipt> {
    if (events.length === 0) return Promise.resolve({ first: -1, count: 0 });
    let encoded: EncodedEvents;
    try {
      encoded = encodeEvents(events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ ...encoded, resolve, reject });
      // Start on the next turn, so requests finishing in the same turn share the first group.
      this.running ??= new Promise<void>((done) => setImmediate(done)).then(() => this.drainQueue());
    });
  }

  async count(): Promise<number> {
    const { rows } = await this.store.query<{ size: string | number }>('SELECT size FROM reintegra.audit_head WHERE id = 1');
    return Number(rows[0]?.size ?? 0);
  }

  /** Resolves when every event appended so far has been committed or failed. */
  async flushed(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainQueue(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commit(this.takeGroup());
    } finally {
      this.running = null;
    }
  }

  private takeGroup(): Pending[] {
    let events = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || events + this.queue[n]!.count <= this.maxGroupEvents)) {
      events += this.queue[n]!.count;
      n += 1;
    }
    return this.queue.splice(0, n);
  }

  private async commit(group: Pending[]): Promise<void> {
    const count = group.reduce((n, p) => n + p.count, 0);
    const params = groupParameters(group, count);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`group commit took longer than ${this.commitTimeoutMs} ms`)), this.commitTimeoutMs);
      });
      const { rows } = await Promise.race([this.store.query<{ count: number; first: string | number | null }>(APPEND_SQL, params, 'reintegra_audit_append'), timeout]);
      // Fewer rows than events (none when the head row is missing) must not pass as success.
      const written = Number(rows[0]?.count ?? 0);
      if (written !== count || rows[0]?.first === null || rows[0]?.first === undefined) throw new Error(`group commit wrote ${written} of ${count} events`);
      let first = Number(rows[0].first);
      this.stats.groups += 1;
      this.stats.events += count;
      for (const p of group) {
        p.resolve({ first, count: p.count });
        first += p.count;
      }
    } catch (error) {
      this.stats.failedGroups += 1;
      const failure = new AuditWriteFailed('The audit log could not be written.', { cause: error });
      for (const p of group) p.reject(failure);
    } finally {
      clearTimeout(timer);
    }
  }
}
