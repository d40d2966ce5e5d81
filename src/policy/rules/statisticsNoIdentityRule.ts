import type { DecisionInput, RuleResult } from '../Decision.js';

/** GDPR Art. 89 / Convention 108+ Art. 11: the STATISTICS purpose never releases identity or identifiers. */
export function statisticsNoIdentityRule({ purpose, category }: DecisionInput): RuleResult {
  return purpose === 'STATISTICS' && (category === 'IDENTITY' || category === 'CONTACT' || category === 'STAFF')
    ? { effect: 'deny', reason: 'STATISTICS_NO_IDENTITY', trace: `purpose STATISTICS never releases ${category}` }
    : { effect: 'abstain', trace: 'not an identity category under STATISTICS' };
}
