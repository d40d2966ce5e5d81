import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { IdentifierScheme } from '../../adapters/sdk/index.js';
import type { GatewayContext } from '../context/index.js';
import { ReintegraError } from '../errors/index.js';
import { checkNationalId, type Pseudonymizer } from '../linkage/index.js';
import type { AuditLogRead } from './AuditEvent.js';
import type { AuditCollector } from './AuditCollector.js';
import type { AuditEventFilter } from './AuditEventFilter.js';
import { allEvents } from './eventRows.js';
import type { AuditLog } from './AuditLog.js';
import { AuditAccessDenied } from './auditErrors.js';
import { callerVolume } from './callerVolume.js';
import { MAX_PAGE, searchEvents, toLogged } from './searchEvents.js';
import { subjectAccessReport } from './subjectAccessReport.js';
import { toAuditApi } from './toAuditApi.js';

export const PRIVACY_OFFICER_ROLE = 'privacy_officer';

export interface AuditPersonInput {
  identifier?: { scheme: IdentifierScheme; value: string } | null;
  subject?: string | null;
}

export type AuditFilterInput = Omit<AuditEventFilter, 'subject'> & { person?: AuditPersonInput | null };

/**
 * THE ONE CHECK for the privacy-officer API: the caller holds the role `privacy_officer` and
 * declared purpose AUDIT. Every audit-log field is reached through the view this returns, so no
 * resolver can skip it. A refusal is itself recorded (it ends up in the request's audit event).
 * @throws GraphQLError FORBIDDEN with `extensions.reason` NO_ROLE or PURPOSE_NOT_ALLOWED.
 */
export function openPrivacyOfficerView(ctx: Pick<GatewayContext, 'principal' | 'intent' | 'audit' | 'pseudonymize' | 'logger'>): PrivacyOfficerView {
  const refusal = !ctx.principal.roles.includes(PRIVACY_OFFICER_ROLE)
    ? new AuditAccessDenied('NO_ROLE', 'The audit log is open to privacy officers only.')
    : ctx.intent.purpose !== 'AUDIT'
      ? new AuditAccessDenied('PURPOSE_NOT_ALLOWED', 'Read the audit log with X-Purpose-Of-Use: AUDIT.')
      : null;
  if (refusal) {
    ctx.audit.readLog({ field: 'Query.auditLog', args: { refused: refusal.reason } });
    throw toGraphQLError(refusal);
  }
  if (!ctx.audit.log) throw new GraphQLError('The audit log is unavailable.', { extensions: { code: 'AUDIT_UNAVAILABLE' } });
  return new PrivacyOfficerView(ctx.principal.agency, ctx.audit.log, ctx.audit, ctx.pseudonymize, ctx.logger);
}

/**
 * The audit log as one privacy officer may see it: scoped to their agency (AuditEventFilter.ts),
 * every read recorded in the request's audit events, answers in the API's shapes.
 */
export class PrivacyOfficerView {
  constructor(
    readonly agency: string,
    private readonly log: AuditLog,
    private readonly collector: AuditCollector,
    private readonly pseudonymize: Pseudonymizer,
    private readonly logger: Logger,
  ) {}

  async events(input: AuditFilterInput | null | undefined, first: number, after: string | null | undefined) {
    const filter = this.filterOf(input ?? {});
    this.record('AuditLog.events', { ...filter }, filter.subject);
    return this.page(filter, first, after);
  }

  async event(leafIndex: number) {
    this.record('AuditLog.event', { leafIndex });
    const { rows } = await this.readable(() => this.log.store.query<Parameters<typeof toLogged>[0]>(
      // Of the request rows, only the one holding the leaf: the last to start at or before it.
      `SELECT seq, leaf_index, leaf_hash, event FROM ${allEvents(
        'seq, leaf_index, leaf_hash, event',
        "leaf_index = $1 AND (caller_agency = $2 OR (event -> 'agencies') ? $2)",
        'r.first_leaf = (SELECT max(first_leaf) FROM reintegra.audit_request WHERE first_leaf <= $1)',
      )} AS e`,
      [leafIndex, this.agency],
    ));
    return rows[0] ? toAuditApi.event(toLogged(rows[0])) : null;
  }

  subjectAccessReport(person: AuditPersonInput, from: string | null | undefined, to: string | null | undefined, withStaffIdentities: boolean) {
    const subject = this.subjectOf(person);
    this.record('AuditLog.subjectAccessReport', { subject, from: from ?? null, to: to ?? null, withStaffIdentities }, subject);
    return this.readable(() => subjectAccessReport(this.log.store, this.agency, subject, { from: from ?? null, to: to ?? null, withStaffIdentities, formerSubjects: this.formerSubjectsOf(person) }));
  }

  breakGlass(range: Range, first: number, after: string | null | undefined) {
    this.record('AuditAnomalies.breakGlass', { ...range });
    return this.page({ ...range, breakGlass: true }, first, after);
  }

  outsideCaseTeam(range: Range, first: number, after: string | null | undefined) {
    this.record('AuditAnomalies.outsideCaseTeam', { ...range });
    return this.page({ ...range, outsideCaseTeam: true }, first, after);
  }

  volume(range: Range, factor: number, minimum: number) {
    if (!(factor >= 1 && factor <= 1000) || !Number.isInteger(minimum) || minimum < 1) throw badInput('factor must be from 1 to 1000 and minimum a positive integer.');
    // The event's canonical JSON holds integers only: a fraction is recorded as its decimal text.
    this.record('AuditAnomalies.volume', { ...range, factor: Number.isInteger(factor) ? factor : String(factor), minimum });
    return this.readable(() => callerVolume(this.log.store, this.agency, { ...range, factor, minimum }));
  }

  size() {
    return this.log.size();
  }

  async checkpoints(first: number) {
    pageSize(first);
    this.record('AuditLog.checkpoints', { first });
    return (await this.log.checkpoints(first)).map(toAuditApi.checkpoint);
  }

  signingKey(): string | null {
    const signer = this.log.keys.signer;
    return signer ? JSON.stringify(signer.jwk) : null;
  }

  async inclusionProof(leafIndex: number, treeSize: number | null | undefined) {
    this.record('AuditLog.inclusionProof', { leafIndex, treeSize: treeSize ?? null });
    return toAuditApi.inclusionProof(await rangeChecked(() => this.log.inclusionProof(leafIndex, treeSize ?? undefined)));
  }

  async consistencyProof(firstSize: number, secondSize: number | null | undefined) {
    this.record('AuditLog.consistencyProof', { firstSize, secondSize: secondSize ?? null });
    return toAuditApi.consistencyProof(await rangeChecked(() => this.log.consistencyProof(firstSize, secondSize ?? undefined)));
  }

  async verify() {
    this.record('AuditLog.verify', {});
    return toAuditApi.verification(await this.log.verify());
  }

  async createCheckpoint() {
    this.record('Mutation.createAuditCheckpoint', {});
    try {
      return toAuditApi.checkpoint(await this.log.checkpoint());
    } catch (error) {
      throw error instanceof ReintegraError ? toGraphQLError(error) : error;
    }
  }

  private async page(filter: AuditEventFilter, first: number, after: string | null | undefined) {
    pageSize(first);
    if (after != null && !/^\d{1,16}$/.test(after)) throw badInput('after must be a cursor returned by this field.');
    const page = await this.readable(() => searchEvents(this.log.store, this.agency, filter, { first, after: after == null ? null : Number(after) }));
    return { ...page, events: page.events.map(toAuditApi.event) };
  }

  /**
   * Runs a read of the log's rows. When the database cannot read an entry (a data exception,
   * SQLSTATE class 22: a member text that is no longer JSON, a member index that is no longer an
   * integer), the log was altered behind the gateway's back: the privacy officer is told so, and
   * pointed to verification, rather than given an internal error; the operational log says it too.
   */
  private async readable<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('22')) throw error;
      this.logger.error({ err: error }, 'an audit log entry could not be read: the log may have been altered');
      throw new GraphQLError('An entry of the audit log could not be read: it may have been altered. auditLog { verify } (or reintegra audit verify) names it.', { extensions: { code: 'AUDIT_LOG_DAMAGED' } });
    }
  }

  private filterOf({ person, ...rest }: AuditFilterInput): AuditEventFilter {
    return { ...rest, subject: person ? this.subjectOf(person) : null, formerSubjects: person ? this.formerSubjectsOf(person) : null };
  }

  /** After a pseudonym key rotation, the events written under earlier keys are the same person's. */
  private formerSubjectsOf(person: AuditPersonInput): string[] {
    const checked = person.identifier ? checkNationalId(person.identifier.scheme, person.identifier.value) : null;
    return checked?.ok ? this.pseudonymize.previous('audit', checked.scheme, checked.value) : [];
  }

  /** The audit pseudonym: computed from a validated national identifier, or given as such. */
  private subjectOf(person: AuditPersonInput): string {
    if (person.identifier && !person.subject) {
      const checked = checkNationalId(person.identifier.scheme, person.identifier.value);
      if (!checked.ok) throw badInput(`person.identifier: ${checked.reason}.`);
      return this.pseudonymize('audit', checked.scheme, checked.value);
    }
    if (person.subject && !person.identifier && /^[A-Za-z0-9_-]{43}$/.test(person.subject)) return person.subject;
    throw badInput('person: give either an identifier or a subject (an audit pseudonym).');
  }

  /** Reading the log is itself logged: the field, its filter (pseudonyms only), and the person. */
  private record(field: string, args: Record<string, unknown>, subject?: string | null): void {
    const clean: AuditLogRead['args'] = {};
    for (const [k, v] of Object.entries(args)) {
      if (v === undefined) continue;
      clean[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    }
    this.collector.readLog({ field, args: clean }, subject ?? undefined);
  }
}

interface Range {
  from: string | null;
  to: string | null;
}

function pageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput(`first must be 1–${MAX_PAGE}.`);
}

async function rangeChecked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RangeError) throw badInput(`${error.message}.`);
    throw error;
  }
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** A coded error as the GraphQL error the API returns (public code, and the reason when there is one). */
export function toGraphQLError(error: ReintegraError): GraphQLError {
  const reason = error instanceof AuditAccessDenied ? { reason: error.reason } : {};
  return new GraphQLError(error.message, { extensions: { code: error.publicCode, ...reason } });
}
