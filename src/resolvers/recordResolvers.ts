import type { WelfareCaseRecord } from '../../adapters/sdk/index.js';
import { OWNER, type GatewayContext, type Owned } from '../context/index.js';

/** Where a record group came from: its agency, the agency's own timestamp, and when it was read. */
function provenance(record: Owned<{ asOf?: string | null }>, _: unknown, ctx: GatewayContext) {
  const { agency, entity } = record[OWNER];
  return {
    agency,
    asOf: record.asOf ?? null,
    fetchedAt: agency && entity ? ctx.sources.fetchedAtOf(agency, entity) : new Date().toISOString(),
  };
}

const withSource = { source: provenance };

export const recordResolvers = {
  Custody: withSource,
  RiskAssessment: withSource,
  ProgrammeEnrolment: withSource,
  Supervision: withSource,
  ReintegrationPlan: withSource,
  Referral: withSource,
  WelfareCase: {
    ...withSource,
    // Health needs are a special category: split from the others so each has its own decision.
    needs: (c: WelfareCaseRecord) => c.needs.filter((n) => n.domain !== 'HEALTH'),
    healthNeeds: (c: WelfareCaseRecord) => c.needs.filter((n) => n.domain === 'HEALTH'),
  },
};
