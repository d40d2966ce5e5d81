import { GraphQLError } from 'graphql';
import type { IdentifierScheme, PersonRecord } from '../../adapters/sdk/index.js';
import type { GatewayContext, PersonNode } from '../context/index.js';
import { attachConfirmedLinks, checkNationalId, rekeyOnTouch } from '../linkage/index.js';
import { sourceError } from '../sources/index.js';

export interface IdentifierInput {
  scheme: IdentifierScheme;
  value: string;
}

/** Personal data needs a declared purpose; checked before any agency is asked. */
export function requirePurpose(ctx: GatewayContext): void {
  if (ctx.intent.purpose === null) {
    throw new GraphQLError('Declare the purpose of use in the X-Purpose-Of-Use header.', { extensions: { code: 'PURPOSE_REQUIRED' } });
  }
}

/**
 * Finds people by national identifier across every agency that indexes people by it: one batched
 * call per agency for the whole list. Identifiers are validated first (nothing invalid reaches an
 * agency; one accepted outside the standard adds a warning). Records that case coordinators
 * confirmed at agencies that did not link the person by identifier are attached too (linkage/
 * attachConfirmedLinks.ts); candidates never are. A person no agency knows is `null`.
 */
export async function resolvePeople(ctx: GatewayContext, identifiers: readonly IdentifierInput[]): Promise<Array<PersonNode | null>> {
  requirePurpose(ctx);
  const max = ctx.config.server.limits.maxPeople;
  if (identifiers.length > max) throw badInput(`At most ${max} identifiers per request.`);
  const checked = identifiers.map((id, i) => {
    const result = checkNationalId(id.scheme, id.value);
    if (!result.ok) throw badInput(`identifiers[${i}]: ${result.reason}.`);
    if (result.warning) (ctx.warnings ??= []).push({ code: 'NATIONAL_ID_NONSTANDARD', message: `identifiers[${i}]: ${result.warning}.` });
    return result;
  });
  const providers = ctx.sources.providersOf('personByNationalId');
  // Links in config order: agencies linked by identifier, and by a coordinator's confirmation.
  const order = ctx.agencies.map((a) => a.id);
  // After a pseudonym key rotation: stored facts move to the current pseudonyms before they are read.
  await rekeyOnTouch(ctx, checked);
  // The policy's stored facts are keyed by pseudonym: fetch them while the agencies link.
  const ids = checked.map(({ scheme, value }) => ctx.pseudonymize('person', scheme, value));
  for (const id of ids) ctx.facts.prefetch(id);
  // One batch per agency for the whole list (DataLoader gives each key its record or its Error).
  const values = checked.map(({ value }) => value);
  const answers = await Promise.all(providers.map((agency) => ctx.sources.loadMany(agency, 'personByNationalId', values)));
  const people = checked.map((_, i) => {
    const links = new Map<string, PersonRecord>();
    const linkErrors = new Map<string, unknown>();
    for (let a = 0; a < providers.length; a++) {
      const record = answers[a]![i] as PersonRecord | Error | null | undefined;
      if (record instanceof Error) linkErrors.set(providers[a]!, record);
      else if (record) links.set(providers[a]!, record);
    }
    return { links, linkErrors };
  });
  // Records coordinators confirmed at agencies that did not link the person by identifier.
  let unreadable = false;
  await Promise.all(
    people.map(async ({ links, linkErrors }, i) => {
      if (links.size === 0) return;
      const confirmed = await ctx.facts.confirmedLinks(ids[i]!);
      if (confirmed === null) unreadable = true;
      else if (confirmed.length > 0) await attachConfirmedLinks(ctx, ids[i]!, confirmed, links, linkErrors);
    }),
  );
  if (unreadable) ctx.logger.warn('identity links could not be read; linking by national identifier only');
  const nodes = checked.map(({ scheme, value }, i) => toPersonNode(ctx, scheme, value, orderLinks(order, people[i]!.links), people[i]!.linkErrors, ids[i]));
  return Promise.all(nodes.map((node) => (node ? visibleOrNull(ctx, node) : null)));
}

/** Fetches the policy's facts, then hides a person the caller may not know about (as if unknown). */
async function visibleOrNull(ctx: GatewayContext, node: PersonNode): Promise<PersonNode | null> {
  node.facts = await ctx.facts.load(node);
  // The audit event says whether the caller was assigned (case team or caseload) to this person.
  if (node.facts.assigned !== null) ctx.audit.caseTeam(node.id, node.facts.assigned);
  return ctx.access.mayKnow(node) ? node : null;
}

/** One person by an agency's own reference, then linked to the others by national identifier. */
export async function resolveByAgencyRef(ctx: GatewayContext, agency: string, ref: string): Promise<PersonNode | null> {
  requirePurpose(ctx);
  const own = await personRecordByRef(ctx, agency, ref, 'ref');
  if (!own) return null;
  if (own.nationalId && checkNationalId(own.nationalId.scheme, own.nationalId.value).ok) {
    const [person] = await resolvePeople(ctx, [{ scheme: own.nationalId.scheme, value: own.nationalId.value }]);
    return person ?? null;
  }
  // Not linkable (no or invalid national id): the person as this agency alone knows them.
  const node = toPersonNode(ctx, 'AGENCY_REF' as IdentifierScheme, `${agency}:${ref}`, new Map([[agency, own]]), new Map());
  return node ? visibleOrNull(ctx, node) : null;
}

const AGENCY_REF = /^[\p{L}\p{N}_.\-/]{1,64}$/u;

/**
 * An agency's own person record by its reference, read within the request, or null when the
 * agency holds none. The reference's form and the agency's look-up are checked first
 * (`argument` names the argument in the message); an agency failure is its coded error.
 */
export async function personRecordByRef(ctx: GatewayContext, agency: string, ref: string, argument: string): Promise<PersonRecord | null> {
  if (!AGENCY_REF.test(ref)) throw badInput(`${argument} must be 1–64 letters, digits, or . _ - /`);
  if (!ctx.sources.providersOf('person').includes(agency)) throw badInput(`agency ${agency} offers no look-up by its own reference.`);
  let record: unknown;
  try {
    record = await ctx.sources.load(agency, 'person', ref);
  } catch (error) {
    throw sourceError(error, agency);
  }
  if (record instanceof Error) throw sourceError(record, agency);
  return (record as PersonRecord | null | undefined) ?? null;
}

function toPersonNode(ctx: GatewayContext, scheme: IdentifierScheme, value: string, links: Map<string, PersonRecord>, linkErrors: Map<string, unknown>, id = ctx.pseudonymize('person', scheme, value)): PersonNode | null {
  if (links.size === 0) {
    const [agency, error] = linkErrors.entries().next().value ?? [];
    if (agency !== undefined) throw sourceError(error, agency);
    return null;
  }
  const person: PersonNode = {
    id,
    subject: ctx.pseudonymize('audit', scheme, value),
    links,
    linkErrors,
  };
  ctx.audit.touch(person.id, person.subject);
  return person;
}

/** Links in config order, whatever order the agencies answered in. */
function orderLinks(order: readonly string[], links: Map<string, PersonRecord>): Map<string, PersonRecord> {
  const ordered = new Map<string, PersonRecord>();
  for (const agency of order) {
    const record = links.get(agency);
    if (record) ordered.set(agency, record);
  }
  return ordered;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
