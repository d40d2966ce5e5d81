import type { GatewayContext } from '../context/index.js';
import { resolveByAgencyRef, resolvePeople, type IdentifierInput } from './resolvePeople.js';

export const queryResolvers = {
  Query: {
    agencies: (_: unknown, __: unknown, ctx: GatewayContext) =>
      ctx.agencies.map((a) => ({
        id: a.id,
        name: a.name,
        type: a.type,
        provides: [...(ctx.sources.providersOfAgency(a.id))],
      })),
    me: (_: unknown, __: unknown, ctx: GatewayContext) => ({ ...ctx.principal, purpose: ctx.intent.purpose }),
    person: async (_: unknown, args: { identifier: IdentifierInput }, ctx: GatewayContext) => (await resolvePeople(ctx, [args.identifier]))[0] ?? null,
    people: (_: unknown, args: { identifiers: IdentifierInput[] }, ctx: GatewayContext) => resolvePeople(ctx, args.identifiers),
    personByAgencyRef: (_: unknown, args: { agency: string; ref: string }, ctx: GatewayContext) => resolveByAgencyRef(ctx, args.agency, args.ref),
  },
};
