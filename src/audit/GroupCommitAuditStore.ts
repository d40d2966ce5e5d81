import type { Store } from '../store/index.js';
import type { AuditEvent } from './AuditEvent.js';
import type { AppendReceipt, AuditStore } from './AuditStore.js';
import { AuditWriteFailed } from './auditErrors.js';
import { ID_PATTERN } from '../config/index.js';
import { CanonicalMemberBatch, joinMembers, mergeRuns, storableString } from './canonicalJson.js';
import { bodyLeafHash } from './encodeLeaf.js';

export interface GroupCommitOptions {
  /** Most events in one group (a request's events are never split). Default 5000. */
  maxGroupEvents?: number;
  /** A group not committed within this time fails its requests (fail closed). Default 5000 ms. */
  commitTimeoutMs?: number;
}

/**
 * A run of a request's events that share what the log's request row holds once (time, request
 * id, caller, purpose, break-glass): as its row will be stored, less where it lands. The events
 * travel as a dictionary of their distinct members (`CanonicalMemberBatch`): a 50-person
 * request's events share their caller, operation, time and field lists, and the dictionary is a
 * quarter of the bytes of the events' texts. `bodies` are the events' canonical texts, hashed
 * into leaves once the leaf indexes are known.
 */
interface EncodedRun {
  count: number;
  bodies: string[];
  /** The row's members as JSON object text without the braces, less `first_leaf` and `leaf_hashes`. */
  fields: string;
}

interface EncodedEvents {
  count: number;
  runs: EncodedRun[];
}

/** What a request row holds once for all its events: events that differ in it go to rows of their own. */
function sameRow(a: AuditEvent, b: AuditEvent): boolean {
  return a.at === b.at && a.requestId === b.requestId && a.caller.agency === b.caller.agency && a.caller.sub === b.caller.sub && a.purpose === b.purpose && a.breakGlass === b.breakGlass;
}

/**
 * Encodes a request's events for the log. Checked here, so that one malformed request fails
 * alone rather than its whole group: throws `AuditWriteFailed`.
 */
function encodeEvents(events: readonly AuditEvent[]): EncodedEvents {
  try {
    const runs: EncodedRun[] = [];
    for (let start = 0; start < events.length;) {
      let end = start + 1;
      while (end < events.length && sameRow(events[start]!, events[end]!)) end++;
      runs.push(encodeRun(events.slice(start, end)));
      start = end;
    }
    return { count: events.length, runs };
  } catch (error) {
    throw new AuditWriteFailed('An audit event could not be encoded.', { cause: error });
  }
}

function encodeRun(events: readonly AuditEvent[]): EncodedRun {
  const head = events[0]!;
  if (Number.isNaN(Date.parse(head.at))) throw new TypeError(`event time ${JSON.stringify(head.at)} is not ISO 8601`);
  const batch = new CanonicalMemberBatch();
  const indexes = events.map((e) => batch.add(e));
  const { members, objects } = mergeRuns(batch.members, indexes);
  const agencies = new Set<string>();
  for (const e of events) for (const a of e.agencies) agencies.add(storableString(a));
  const text = (value: string) => JSON.stringify(storableString(value));
  const fields =
    `"count":${events.length},"at":${JSON.stringify(head.at)},"request_id":${text(head.requestId)},` +
    `"caller_agency":${text(head.caller.agency)},"caller_sub":${text(head.caller.sub)},"purpose":${head.purpose === null ? 'null' : text(head.purpose)},` +
    `"break_glass":${head.breakGlass !== null},"subjects":${JSON.stringify(events.map((e) => (e.subject === null ? null : storableString(e.subject))))},` +
    `"outcomes":${JSON.stringify(events.map((e) => storableString(e.outcome)))},"on_case_team":${JSON.stringify(events.map((e) => e.onCaseTeam ?? null))},` +
    `"event_agencies":${JSON.stringify(events.map((e) => agencyList(e.agencies)))},` +
    `"agencies":${JSON.stringify([...agencies].sort())},"members":${JSON.stringify(members)},"specs":${JSON.stringify(objects)}`;
  // mergeRuns gives indexes into `members` by construction; a text hashed with a member missing
  // could never be read back as it was hashed, so a broken encoding fails the request here.
  for (const o of objects) for (const k of o) if (members[k] === undefined) throw new RangeError(`member ${k} is not in the dictionary`);
  return { count: events.length, bodies: objects.map((o) => joinMembers(members, o)), fields };
}

/** An event's agencies as the request row lists them: agency ids between spaces (` prison welfare `). */
function agencyList(agencies: readonly string[]): string {
  for (const a of agencies) if (!ID_PATTERN.test(a)) throw new TypeError(`agency ${JSON.stringify(a)} is not an agency id`);
  return ` ${agencies.join(' ')} `;
}

/**
 * The leaf hashes of `bodies` placed from leaf `first` on (encodeLeaf.ts), as the base64 of
 * their concatenation.
 */
function leafHashes(bodies: readonly string[], first: number): string {
  const hashes = bodies.map((body, i) => bodyLeafHash(body, first + i));
  return Buffer.concat(hashes).toString('base64');
}

interface Pending extends EncodedEvents {
  resolve(receipt: AppendReceipt): void;
  reject(error: Error): void;
}

/**
 * One statement appends a whole group, a row per run of a request's events, at the leaf indexes
 * the writer expects: the head (`audit_head`, whose row lock serialises writers — every gateway
 * process — so indexes are contiguous and commit in index order) moves only if it still stands
 * where this writer last left it (`$2`), and the rows are inserted only if it moved. The leaf
 * hashes bind each event to its index, so they are computed for that guess, here, where the
 * events' texts are already at hand (rebuilding the texts and hashing them in SQL cost the
 * database a third of the statement).
 * When another writer moved the head meanwhile, nothing is written: the writer reads the head
 * and tries again with hashes for the new place. One round trip per group while one writer is
 * alone. The head moves by the counts of the rows themselves, and each row's count must agree
 * with its events, subjects and hashes (the table's CHECK), so the head and the rows cannot part.
 * The answer is one row: how many events were inserted.
 */
const APPEND_SQL = `
WITH head AS (
  UPDATE reintegra.audit_head SET size = size + (SELECT sum((x ->> 'count')::bigint) FROM json_array_elements($1::json) AS x)
   WHERE id = 1 AND size = $2::bigint RETURNING size
), inserted AS (
  INSERT INTO reintegra.audit_request (first_leaf, count, at, request_id, caller_agency, caller_sub, purpose, break_glass, subjects, outcomes, on_case_team, event_agencies, agencies, members, specs, leaf_hashes)
  SELECT r.first_leaf, r.count, r.at, r.request_id, r.caller_agency, r.caller_sub, r.purpose, r.break_glass, r.subjects, r.outcomes, r.on_case_team, r.event_agencies, r.agencies, r.members, r.specs,
      decode(r.leaf_hashes, 'base64')
    FROM head, json_to_recordset($1::json) AS r(first_leaf bigint, count integer, at timestamptz, request_id text, caller_agency text, caller_sub text, purpose text,
      break_glass boolean, subjects text[], outcomes text[], on_case_team boolean[], event_agencies text[], agencies text[], members jsonb, specs json, leaf_hashes text)
  RETURNING count
)
SELECT coalesce(sum(count), 0)::integer AS count FROM inserted`;

/** Tries of one group when other writers keep moving the head first. */
const MAX_TRIES = 8;

/**
 * Group commit for the audit log. Requests append concurrently; while one group is being
 * committed the next requests queue, and they are committed together as soon as it finishes.
 * A request's promise resolves only after its group committed; a failed (or timed-out) group
 * rejects exactly the requests in it, and the next group is tried afresh.
 */
export class GroupCommitAuditStore implements AuditStore {
  private queue: Pending[] = [];
  /** Where this writer expects the head (the log's size); null when it must read it first. */
  private expected: number | null = null;
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
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`group commit took longer than ${this.commitTimeoutMs} ms`)), this.commitTimeoutMs);
      });
      const first = await Promise.race([this.place(group, count), timeout]);
      this.stats.groups += 1;
      this.stats.events += count;
      let at = first;
      for (const p of group) {
        p.resolve({ first: at, count: p.count });
        at += p.count;
      }
    } catch (error) {
      // Whether the statement committed is unknown: the head is read again before the next group.
      this.expected = null;
      this.stats.failedGroups += 1;
      // A row already at the place the head names: added outside the append path (or the head
      // moved back). Every append fails until it is dealt with; say so rather than a bare key error.
      const taken = (error as { code?: unknown }).code === '23505';
      const failure = new AuditWriteFailed(
        taken ? 'The audit log could not be written: a row already holds the place its head names (added outside the append path, or the head moved back); run reintegra audit verify.' : 'The audit log could not be written.',
        { cause: error },
      );
      for (const p of group) p.reject(failure);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes the group at the head this writer expects, reading the head again when another writer moved it; resolves to its first leaf index. */
  private async place(group: readonly Pending[], count: number): Promise<number> {
    for (let tries = 1; ; tries++) {
      this.expected ??= await this.count();
      const base = this.expected;
      const rows: string[] = [];
      let at = base;
      for (const p of group) {
        for (const run of p.runs) {
          rows.push(`{"first_leaf":${at},"leaf_hashes":"${leafHashes(run.bodies, at)}",${run.fields}}`);
          at += run.count;
        }
      }
      const { rows: result } = await this.store.query<{ count: number }>(APPEND_SQL, [`[${rows.join(',')}]`, base], 'reintegra_audit_append');
      const written = Number(result[0]?.count ?? 0);
      if (written === count) {
        this.expected = base + count;
        return base;
      }
      // Nothing written: the head was not where this writer left it (another writer, or a head row gone).
      this.expected = null;
      if (written !== 0) throw new Error(`group commit wrote ${written} of ${count} events`);
      if (tries >= MAX_TRIES) throw new Error(`the log head kept moving: ${tries} tries`);
    }
  }
}
