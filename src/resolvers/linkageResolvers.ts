import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { PersonRecord } from '../../adapters/sdk/index.js';
import { OWNER, type GatewayContext, type PersonNode, type ScopedPerson } from '../context/index.js';
import {
  CANDIDATE_THRESHOLD, checkNationalId, decideLink, findLinkCandidates, identityLinksOf, LinkConflict, profileOf, scoreCandidate,
  type LinkCandidate, type LinkState,
} from '../linkage/index.js';
import { authorizeAction } from '../policy/index.js';
import { personRecordByRef, requirePurpose, resolvePeople, type IdentifierInput } from './resolvePeople.js';

/** Identity links are reviewed by the config's case coordinators only (authorizeAction). */
function authorize(ctx: GatewayContext): void {
  requirePurpose(ctx);
  const reason = authorizeAction(ctx.principal, 'manageLinks', ctx.config);
  if (reason) throw new GraphQLError('Your role may not review identity links.', { extensions: { code: 'FORBIDDEN', reason } });
}

function bad(message: string, reason?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(reason ? { reason } : {}) } });
}

/** A candidate as the schema shows it; its name and date are decided per agency (IDENTITY of that agency). */
function toCandidate(node: PersonNode, c: LinkCandidate) {
  return {
    agency: c.agency,
    agencyRef: c.record.ref,
    score: c.score,
    nameScore: c.nameScore,
    dateOfBirthMatch: c.dateOfBirth,
    ambiguous: c.ambiguous,
    givenName: c.record.givenName,
    familyName: c.record.familyName,
    script: c.record.script,
    dateOfBirth: c.record.dateOfBirth,
    [OWNER]: { person: node, agency: c.agency, entity: 'personByDateOfBirth' as const },
  };
}

/**
 * The person a decision is about, as the coordinator may know them (null: NOT_FOUND, like an
 * unknown person), with the same need-to-know decision as `Person.linkCandidates`.
 */
async function personFor(ctx: GatewayContext, identifier: IdentifierInput, field: string): Promise<PersonNode> {
  const [node] = await resolvePeople(ctx, [identifier]);
  if (!node) throw new GraphQLError('No person with this identifier is known to you.', { extensions: { code: 'NOT_FOUND' } });
  const decision = ctx.access.check(node, 'IDENTITY', null, field);
  if (!decision.allow) throw new GraphQLError(`Withheld: IDENTITY not released (${decision.reason}).`, { extensions: { code: 'FORBIDDEN', reason: decision.reason, category: 'IDENTITY' } });
  return node;
}

/**
 * One answer for every record a coordinator may not decide on for this person: absent from the
 * agency, carrying a national identifier, or not matching them. Distinct answers would let a
 * coordinator learn which references exist at another agency, and which belong to someone.
 */
const notACandidate = () => bad('This record is not a candidate for this person.', 'NOT_A_CANDIDATE');

/** The agency's record by its own reference, read within the request (and audited as read). */
async function recordAt(ctx: GatewayContext, node: PersonNode, agency: string, ref: string): Promise<PersonRecord> {
  const record = await personRecordByRef(ctx, agency, ref, 'agencyRef');
  ctx.audit.read(node.id, agency);
  if (!record) throw notACandidate();
  return record;
}

async function decide(ctx: GatewayContext, args: { identifier: IdentifierInput; agency: string; agencyRef: string }, state: LinkState) {
  authorize(ctx);
  const field = state === 'CONFIRMED' ? 'Mutation.confirmLink' : 'Mutation.rejectLink';
  const node = await personFor(ctx, args.identifier, field);
  const linked = node.links.get(args.agency);
  const decided = await identityLinksOf(ctx).forPerson(node.id);
  const earlier = decided.find((l) => l.agency === args.agency && l.agencyRef === args.agencyRef);
  if (linked && !(earlier?.state === 'CONFIRMED' && linked.ref === args.agencyRef)) {
    throw bad(`The ${args.agency} system already links this person by national identifier or a confirmed record.`, 'ALREADY_LINKED');
  }
  const record = await recordAt(ctx, node, args.agency, args.agencyRef);
  // A record with a national identifier links (or not) by that, never by a coordinator.
  if (record.nationalId && checkNationalId(record.nationalId.scheme, record.nationalId.value).ok) throw notACandidate();
  const scored = scoreCandidate(profileOf(node), record);
  // Both decisions are about candidates only; a record decided on for this person before may be
  // decided again (a rejection undoing a confirmation). Rejecting anything else would answer
  // differently for references that exist, and give their score (date of birth, name likeness).
  const candidate = scored !== null && scored.score >= CANDIDATE_THRESHOLD;
  if (!candidate && !(state === 'REJECTED' && earlier)) throw notACandidate();
  if (state === 'CONFIRMED') {
    const owner = (await identityLinksOf(ctx).confirmedOwners(args.agency, [args.agencyRef])).get(args.agencyRef);
    if (owner !== undefined && owner !== node.id) throw bad('This record is confirmed for another person.', 'LINK_CONFLICT');
  }
  // Audited: `personFor` recorded the IDENTITY decision for this field, `recordAt` the agency read.
  try {
    const link = await decideLink(ctx.store, {
      subject: node.id,
      agency: args.agency,
      agencyRef: args.agencyRef,
      state,
      score: scored?.score ?? null,
      decidedBy: ctx.principal.sub,
      decidedByAgency: ctx.principal.agency,
    });
    ctx.audit.linkChanged(node.id, { state, agency: args.agency, scorePerMille: scored ? Math.round(scored.score * 1000) : null });
    return link;
  } catch (error) {
    if (error instanceof LinkConflict) throw bad(error.message, 'LINK_CONFLICT');
    throw error;
  }
}

/** Thin: candidates and decisions are linkage's; policy is enforced around these fields (enforceCategories). */
export const linkageResolvers = {
  Person: {
    linkCandidates: async (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => {
      authorize(ctx);
      const candidates = await findLinkCandidates(ctx, scoped.node, responsePathAsArray(info.path));
      return candidates.map((c) => toCandidate(scoped.node, c));
    },
    identityLinks: async (scoped: ScopedPerson, _: unknown, ctx: GatewayContext) => {
      authorize(ctx);
      return identityLinksOf(ctx).forPerson(scoped.node.id);
    },
  },
  Mutation: {
    confirmLink: (_: unknown, args: { identifier: IdentifierInput; agency: string; agencyRef: string }, ctx: GatewayContext) => decide(ctx, args, 'CONFIRMED'),
    rejectLink: (_: unknown, args: { identifier: IdentifierInput; agency: string; agencyRef: string }, ctx: GatewayContext) => decide(ctx, args, 'REJECTED'),
  },
};
