import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { openPrivacyOfficerView, type AuditFilterInput, type AuditPersonInput, type PrivacyOfficerView } from '../audit/index.js';
import type { GatewayContext } from '../context/index.js';

function toSafeInt(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new GraphQLError('SafeInt must be a non-negative integer up to 2^53 − 1', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

const SafeIntScalar = new GraphQLScalarType({
  name: 'SafeInt',
  serialize: toSafeInt,
  parseValue: toSafeInt,
  parseLiteral: (ast) => (ast.kind === Kind.INT ? toSafeInt(Number(ast.value)) : toSafeInt(null)),
});

interface Range { from?: string | null; to?: string | null }
type Anomalies = { view: PrivacyOfficerView; range: { from: string | null; to: string | null } };

/**
 * The privacy-officer API (schema/audit.graphql). Thin: the role and purpose check, scoping and
 * the logging of every read live in one place, `openPrivacyOfficerView` (src/audit).
 */
export const auditResolvers = {
  SafeInt: SafeIntScalar,
  Query: {
    auditLog: (_: unknown, __: unknown, ctx: GatewayContext) => openPrivacyOfficerView(ctx),
  },
  Mutation: {
    createAuditCheckpoint: (_: unknown, __: unknown, ctx: GatewayContext) => openPrivacyOfficerView(ctx).createCheckpoint(),
  },
  AuditLog: {
    events: (v: PrivacyOfficerView, a: { filter?: AuditFilterInput | null; first: number; after?: string | null }) => v.events(a.filter, a.first, a.after),
    event: (v: PrivacyOfficerView, a: { leafIndex: number }) => v.event(a.leafIndex),
    subjectAccessReport: (v: PrivacyOfficerView, a: Range & { person: AuditPersonInput; withStaffIdentities: boolean }) =>
      v.subjectAccessReport(a.person, a.from, a.to, a.withStaffIdentities),
    anomalies: (view: PrivacyOfficerView, a: Range): Anomalies => ({ view, range: { from: a.from ?? null, to: a.to ?? null } }),
    size: (v: PrivacyOfficerView) => v.size(),
    checkpoints: (v: PrivacyOfficerView, a: { first: number }) => v.checkpoints(a.first),
    signingKey: (v: PrivacyOfficerView) => v.signingKey(),
    inclusionProof: (v: PrivacyOfficerView, a: { leafIndex: number; treeSize?: number | null }) => v.inclusionProof(a.leafIndex, a.treeSize),
    consistencyProof: (v: PrivacyOfficerView, a: { firstSize: number; secondSize?: number | null }) => v.consistencyProof(a.firstSize, a.secondSize),
    verify: (v: PrivacyOfficerView) => v.verify(),
  },
  AuditAnomalies: {
    breakGlass: ({ view, range }: Anomalies, a: { first: number; after?: string | null }) => view.breakGlass(range, a.first, a.after),
    outsideCaseTeam: ({ view, range }: Anomalies, a: { first: number; after?: string | null }) => view.outsideCaseTeam(range, a.first, a.after),
    volume: ({ view, range }: Anomalies, a: { factor: number; minimum: number }) => view.volume(range, a.factor, a.minimum),
  },
};
