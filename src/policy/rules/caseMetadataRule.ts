import type { DecisionInput, RuleResult } from '../Decision.js';

/** CM/Rec(2016)6 information sharing on a need-to-know basis: the case team is visible to its own members. */
export function caseMetadataRule({ provider, facts, category }: DecisionInput): RuleResult {
  if (provider !== null) return { effect: 'abstain', trace: 'agency data, not case metadata' };
  if (facts.assigned === null) return { effect: 'abstain', reason: 'FACT_UNAVAILABLE', trace: 'case team could not be read' };
  return facts.assigned
    ? { effect: 'allow', basis: 'CASE_TEAM', trace: `caller is on the case team: ${category} of the case released` }
    : { effect: 'abstain', reason: 'NOT_ASSIGNED', trace: 'caller is not on the case team' };
}
