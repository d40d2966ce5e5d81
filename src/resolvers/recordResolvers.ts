import type { PlanRecord, SupervisionRecord, WelfareCaseRecord } from '../../adapters/sdk/index.js';
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
  // Health data inside other records is split off, each part with its own decision: a treatment
  // condition of an order, a plan's health actions, a welfare case's health needs and services.
  Supervision: {
    ...withSource,
    conditions: (s: SupervisionRecord) => s.conditions.filter((c) => c.category !== 'TREATMENT'),
    treatmentConditions: (s: SupervisionRecord) => s.conditions.filter((c) => c.category === 'TREATMENT'),
  },
  ReintegrationPlan: {
    ...withSource,
    actions: (p: PlanRecord) => p.actions.filter((a) => a.domain !== 'HEALTH'),
    healthActions: (p: PlanRecord) => p.actions.filter((a) => a.domain === 'HEALTH'),
  },
  Referral: withSource,
  WelfareCase: {
    ...withSource,
    // Health needs are a special category: split from the others so each has its own decision.
    needs: (c: WelfareCaseRecord) => c.needs.filter((n) => n.domain !== 'HEALTH'),
    healthNeeds: (c: WelfareCaseRecord) => c.needs.filter((n) => n.domain === 'HEALTH'),
    services: (c: WelfareCaseRecord) => c.services.filter((v) => v.domain !== 'HEALTH'),
    healthServices: (c: WelfareCaseRecord) => c.services.filter((v) => v.domain === 'HEALTH'),
  },
};
