import { responsePathAsArray, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { PersonRecord, ReferralRecord } from '../../adapters/sdk/index.js';
import { OWNER, type GatewayContext, type ScopedPerson } from '../context/index.js';
import { sourceError } from '../sources/index.js';
import { loadRecords } from './loadRecords.js';

/**
 * The person records of the released agencies, in config order. An agency whose look-up failed is
 * named in a notice at the field's path and the others' records are answered, as for record
 * fields (loadRecords); the field fails with that agency's error only when no agency answered.
 */
function releasedLinks(scoped: ScopedPerson, ctx: GatewayContext, info: GraphQLResolveInfo): Array<[string, PersonRecord]> {
  const out: Array<[string, PersonRecord]> = [];
  const failures: GraphQLError[] = [];
  for (const agency of scoped.agencies) {
    const error = scoped.node.linkErrors.get(agency);
    if (error !== undefined) {
      failures.push(sourceError(error, agency));
      continue;
    }
    const record = scoped.node.links.get(agency);
    if (record) {
      ctx.audit.read(scoped.node.id, agency);
      out.push([agency, record]);
    }
  }
  if (failures.length > 0) {
    if (out.length === 0) throw failures[0];
    const path = responsePathAsArray(info.path);
    for (const f of failures) ctx.notices.push({ message: f.message, path, extensions: f.extensions });
  }
  return out;
}

function first<K extends keyof PersonRecord>(scoped: ScopedPerson, ctx: GatewayContext, info: GraphQLResolveInfo, key: K): PersonRecord[K] | null {
  for (const [, record] of releasedLinks(scoped, ctx, info)) if (record[key] !== null && record[key] !== undefined) return record[key];
  return null;
}

/**
 * Person fields. Thin: each maps to the linked records or a loader. The parent is a
 * `ScopedPerson` (see policy/enforceCategories.ts): only released agencies are visible here.
 */
export const personResolvers = {
  Person: {
    id: (person: { id: string }) => person.id,
    identifiers: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) =>
      releasedLinks(scoped, ctx, info).flatMap(([agency, r]) => (r.nationalId ? [{ ...r.nationalId, agency }] : [])),
    names: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) =>
      releasedLinks(scoped, ctx, info).map(([agency, r]) => ({ givenName: r.givenName, familyName: r.familyName, script: r.script, agency, agencyRef: r.ref })),
    dateOfBirth: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => first(scoped, ctx, info, 'dateOfBirth'),
    sex: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => first(scoped, ctx, info, 'sex'),
    municipality: (scoped: ScopedPerson, _: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => first(scoped, ctx, info, 'municipality'),
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
