import type { GraphQLResolveInfo } from 'graphql';
import type { PersonRecord, ReferralRecord } from '../../adapters/sdk/index.js';
import { OWNER, type GatewayContext, type ScopedPerson } from '../context/index.js';
import { sourceError } from '../sources/index.js';
import { loadRecords } from './loadRecords.js';

/** The person records of the released agencies, in config order; fails if one of them failed to link. */
function releasedLinks(scoped: ScopedPerson, ctx: GatewayContext): Array<[string, PersonRecord]> {
  const out: Array<[string, PersonRecord]> = [];
  for (const agency of scoped.agencies) {
    const error = scoped.node.linkErrors.get(agency);
    if (error !== undefined) throw sourceError(error, agency);
    const record = scoped.node.links.get(agency);
    if (record) {
      ctx.audit.read(scoped.node.id, agency);
      out.push([agency, record]);
    }
  }
  return out;
}

function first<K extends keyof PersonRecord>(scoped: ScopedPerson, ctx: GatewayContext, key: K): PersonRecord[K] | null {
  for (const [, record] of releasedLinks(scoped, ctx)) if (record[key] !== null && record[key] !== undefined) return record[key];
  return null;
}

/**
 * Person fields. Thin: each maps to the linked records or a loader. The parent is a
 * `ScopedPerson` (see policy/enforceCategories.ts): only released agencies are visible here.
 */
export const personResolvers = {
  Person: {
    id: (person: { id: string }) => person.id,
    identifiers: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext) =>
      releasedLinks(scoped, ctx).flatMap(([agency, r]) => (r.nationalId ? [{ ...r.nationalId, agency }] : [])),
    names: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext) =>
      releasedLinks(scoped, ctx).map(([agency, r]) => ({ givenName: r.givenName, familyName: r.familyName, script: r.script, agency, agencyRef: r.ref })),
    dateOfBirth: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext) => first(scoped, ctx, 'dateOfBirth'),
    sex: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext) => first(scoped, ctx, 'sex'),
    municipality: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext) => first(scoped, ctx, 'municipality'),
    custody: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => loadRecords(ctx, scoped, 'custody', info),
    riskAssessments: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => loadRecords(ctx, scoped, 'riskAssessments', info),
    programmes: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => loadRecords(ctx, scoped, 'programmes', info),
    supervision: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => loadRecords(ctx, scoped, 'supervision', info),
    welfare: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => loadRecords(ctx, scoped, 'welfareCase', info),
    plans: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => loadRecords(ctx, scoped, 'plan', info),
    // A referral in the health domain says the person needs health care: HEALTH, decided apart.
    referrals: async (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) =>
      (await loadRecords<ReferralRecord>(ctx, scoped, 'referrals', info)).filter((r) => r.domain !== 'HEALTH'),
    healthReferrals: async (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) =>
      (await loadRecords<ReferralRecord>(ctx, scoped, 'referrals', info)).filter((r) => r.domain === 'HEALTH'),
    case: async (scoped: ScopedPerson, _: unknown, ctx: GatewayContext) => {
      const row = await ctx.caseTeams.load(scoped.node.id);
      if (!row.leadAgency && row.team.length === 0) return null;
      // Gateway-held access metadata: its fields are decided with provider null.
      return { ...row, [OWNER]: { person: scoped.node, agency: null, entity: null } };
    },
  },
};
