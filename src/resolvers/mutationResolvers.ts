import { GraphQLError } from 'graphql';
import type { DataCategory, Purpose } from '../config/index.js';
import type { GatewayContext } from '../context/index.js';
import { addCaseTeamMember, CaseTeamStore, removeCaseTeamMember } from '../coordination/index.js';
import type { ConsentChange } from '../audit/index.js';
import type { ConsentRow } from '../consent/index.js';
import { checkNationalId, rekeyOnTouch } from '../linkage/index.js';
import { authorizeAction, type Action } from '../policy/index.js';
import { requirePurpose, type IdentifierInput } from './resolvePeople.js';

const SUB = /^[\w.@:-]{1,128}$/;

/**
 * The purposes of case work, under which its facts (case teams, consents) may be changed: not
 * under AUDIT or STATISTICS, whose callers only read, nor under EMERGENCY, whose break-glass
 * access is for reading what an emergency needs.
 */
const CASE_WORK: ReadonlySet<Purpose> = new Set(['CASE_MANAGEMENT', 'RISK_ASSESSMENT', 'RELEASE_PLANNING', 'REINTEGRATION_SUPPORT', 'SUPERVISION']);

function authorize(ctx: GatewayContext, action: Action): void {
  requirePurpose(ctx);
  if (!CASE_WORK.has(ctx.intent.purpose!)) {
    throw new GraphQLError(`Case teams and consents are changed for case work: declare one of ${[...CASE_WORK].join(', ')}.`, { extensions: { code: 'FORBIDDEN', reason: 'PURPOSE_NOT_ALLOWED' } });
  }
  const reason = authorizeAction(ctx.principal, action, ctx.config);
  if (reason) throw new GraphQLError(`Your role may not ${action === 'manageCaseTeam' ? 'change case teams' : 'record or withdraw consents'}.`, { extensions: { code: 'FORBIDDEN', reason } });
}

function bad(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

interface Subject {
  /** The validated identifier (normalised). */
  value: string;
  /** The person's pseudonym, as the gateway's facts are keyed. */
  id: string;
}

/**
 * The person a change is about, for a validated identifier; the change is audited against that
 * person (`released` or `withheld` says whether it was made). After a key rotation, what is stored
 * under an earlier pseudonym moves to the current one first.
 */
async function subjectOf(ctx: GatewayContext, identifier: IdentifierInput): Promise<Subject> {
  const checked = checkNationalId(identifier.scheme, identifier.value);
  if (!checked.ok) throw bad(`identifier: ${checked.reason}.`);
  await rekeyOnTouch(ctx, [checked]);
  const id = ctx.pseudonymize('person', checked.scheme, checked.value);
  ctx.audit.touch(id, ctx.pseudonymize('audit', checked.scheme, checked.value));
  return { value: checked.value, id };
}

/**
 * Need to know for changing the facts the policy decides on: a case team, or the consents of the
 * caller's agency. The caller must already be on the person's case team, or their own agency's
 * system must hold a record of the person (the agency that opens the case, or whose data the
 * consent is about). Otherwise FORBIDDEN NOT_ASSIGNED, and nothing about the case is said: not
 * whether it exists, nor who is on it. An agency that cannot be asked counts as not holding the
 * person (fail closed).
 */
async function mayChange(ctx: GatewayContext, person: Subject, field: string, category: DataCategory): Promise<void> {
  const { agency, sub } = ctx.principal;
  const current = await new CaseTeamStore(ctx.store).load(person.id);
  const allowed = current.team.some((m) => m.agency === agency && m.sub === sub) || (await holds(ctx, agency, person));
  if (!allowed) {
    ctx.audit.withheld(person.id, category, null, field, 'NOT_ASSIGNED');
    throw new GraphQLError('Only a member of the person’s case team, or staff of an agency that holds a record of the person, may change this.', { extensions: { code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' } });
  }
  ctx.audit.released(person.id, category, null, field);
}

/**
 * After a case-team change: the agencies whose systems hold the person are read, so the change is
 * in their privacy officers' view too (a privacy officer sees the events that read their
 * agency's system). A member added by one agency gains need to know on every other agency's
 * data about the person; their privacy officers must be able to see who granted it. An agency
 * that cannot be asked is left out of the scope, not a reason to undo the change.
 */
async function showToHolders(ctx: GatewayContext, person: Subject): Promise<void> {
  await Promise.all(ctx.sources.providersOf('personByNationalId').map(async (agency) => {
    if (await holds(ctx, agency, person)) ctx.audit.read(person.id, agency);
  }));
}

/**
 * Whether `agency`'s system holds a record of the person, by national identifier (through the
 * request's loader, so each agency is asked once). An agency that cannot be asked, or that has
 * no look-up by identifier, does not (fail closed).
 */
async function holds(ctx: GatewayContext, agency: string, person: Subject): Promise<boolean> {
  if (!ctx.sources.providersOf('personByNationalId').includes(agency)) return false;
  try {
    const [record] = await ctx.sources.loadMany(agency, 'personByNationalId', [person.value]);
    return record !== null && record !== undefined && !(record instanceof Error);
  } catch {
    return false;
  }
}

/** What a consent change puts in the audit event: the consent as the registry holds it after the change. */
function consentChange(action: 'RECORD' | 'WITHDRAW', { subject: _pseudonym, ...consent }: ConsentRow): ConsentChange {
  return { action, consent: { ...consent, recipients: [...consent.recipients], categories: [...consent.categories], purposes: [...consent.purposes] } };
}

function knownAgency(ctx: GatewayContext, agency: string) {
  const found = ctx.config.agencies.find((a) => a.id === agency);
  if (!found) throw bad(`unknown agency ${agency}.`);
  return found;
}

interface ConsentArgs {
  identifier: IdentifierInput;
  recipients: string[];
  categories: DataCategory[];
  purposes: Purpose[];
  validFrom: string;
  validUntil?: string | null;
  evidenceRef: string;
}

/**
 * Changes to the facts the policy decides on: consents and case teams; and the consents of the
 * caller's agency, to find the one to withdraw. Authorised in one place (authorizeAction).
 */
export const mutationResolvers = {
  Query: {
    consents: async (_: unknown, { identifier }: { identifier: IdentifierInput }, ctx: GatewayContext) => {
      authorize(ctx, 'withdrawConsent');
      const subject = await subjectOf(ctx, identifier);
      await mayChange(ctx, subject, 'Query.consents', 'PLAN');
      return ctx.consents.list(subject.id, ctx.principal.agency);
    },
  },
  Mutation: {
    recordConsent: async (_: unknown, { consent }: { consent: ConsentArgs }, ctx: GatewayContext) => {
      authorize(ctx, 'recordConsent');
      if (consent.recipients.length === 0 || consent.categories.length === 0 || consent.purposes.length === 0) throw bad('recipients, categories and purposes must not be empty.');
      for (const r of consent.recipients) knownAgency(ctx, r);
      if (consent.recipients.includes(ctx.principal.agency)) throw bad(`recipients must not include ${ctx.principal.agency}: a consent lets the provider share with others.`);
      const notCaseWork = consent.purposes.filter((p) => !CASE_WORK.has(p));
      if (notCaseWork.length > 0) throw bad(`purposes: consent is a basis for case work only (${[...CASE_WORK].join(', ')}), not ${notCaseWork.join(', ')}.`);
      if (consent.validUntil && consent.validUntil < consent.validFrom) throw bad('validUntil is before validFrom.');
      if (!/^(?=.*[\p{L}\p{N}].*[\p{L}\p{N}])[\p{L}\p{N} ._:/#-]{3,200}$/u.test(consent.evidenceRef)) throw bad('evidenceRef must be 3–200 letters, digits, spaces or . _ : / # -, with at least two letters or digits: where the signed consent is kept.');
      const subject = await subjectOf(ctx, consent.identifier);
      await mayChange(ctx, subject, 'Mutation.recordConsent', 'PLAN');
      const row = await ctx.consents.record(
        {
          subject: subject.id,
          provider: ctx.principal.agency,
          recipients: [...new Set(consent.recipients)],
          categories: [...new Set(consent.categories)],
          purposes: [...new Set(consent.purposes)],
          validFrom: consent.validFrom,
          validUntil: consent.validUntil ?? null,
          evidenceRef: consent.evidenceRef,
        },
        ctx.principal.sub,
      );
      ctx.audit.consentChanged(subject.id, consentChange('RECORD', row));
      return row;
    },
    withdrawConsent: async (_: unknown, { id, identifier }: { id: string; identifier: IdentifierInput }, ctx: GatewayContext) => {
      authorize(ctx, 'withdrawConsent');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw bad('id is not a consent id.');
      const subject = await subjectOf(ctx, identifier);
      await mayChange(ctx, subject, 'Mutation.withdrawConsent', 'PLAN');
      const withdrawn = await ctx.consents.withdraw(id, subject.id, ctx.principal.agency, ctx.principal.sub);
      if (!withdrawn) throw new GraphQLError('No active consent with this id is held for this person by your agency.', { extensions: { code: 'NOT_FOUND' } });
      ctx.audit.consentChanged(subject.id, consentChange('WITHDRAW', withdrawn));
      return withdrawn;
    },
    addCaseTeamMember: async (_: unknown, args: { identifier: IdentifierInput; member: { agency: string; sub: string; role: string; since?: string | null } }, ctx: GatewayContext) => {
      authorize(ctx, 'manageCaseTeam');
      const agency = knownAgency(ctx, args.member.agency);
      if (!agency.roles.includes(args.member.role)) throw bad(`agency ${agency.id} has no role ${args.member.role}.`);
      if (!SUB.test(args.member.sub)) throw bad('sub must be 1–128 letters, digits or . _ @ : -');
      const today = new Date().toISOString().slice(0, 10);
      if (args.member.since && args.member.since > today) throw bad('since must not be in the future.');
      const person = await subjectOf(ctx, args.identifier);
      await mayChange(ctx, person, 'Mutation.addCaseTeamMember', 'STAFF');
      const row = await addCaseTeamMember(ctx.store, person.id, ctx.principal.agency, { agency: agency.id, sub: args.member.sub, role: args.member.role, since: args.member.since ?? today });
      ctx.audit.caseTeamChanged(person.id, { action: 'ADD', agency: agency.id, sub: args.member.sub, role: args.member.role });
      await showToHolders(ctx, person);
      return { leadAgency: row.leadAgency, members: row.team };
    },
    removeCaseTeamMember: async (_: unknown, args: { identifier: IdentifierInput; agency: string; sub: string }, ctx: GatewayContext) => {
      authorize(ctx, 'manageCaseTeam');
      knownAgency(ctx, args.agency);
      if (!SUB.test(args.sub)) throw bad('sub must be 1–128 letters, digits or . _ @ : -');
      const person = await subjectOf(ctx, args.identifier);
      await mayChange(ctx, person, 'Mutation.removeCaseTeamMember', 'STAFF');
      const row = await removeCaseTeamMember(ctx.store, person.id, args.agency, args.sub);
      ctx.audit.caseTeamChanged(person.id, { action: 'REMOVE', agency: args.agency, sub: args.sub, role: null });
      await showToHolders(ctx, person);
      return { leadAgency: row.leadAgency, members: row.team };
    },
  },
};
