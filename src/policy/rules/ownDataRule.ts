import type { DecisionInput, RuleResult } from '../Decision.js';

/** Controller's own processing: an agency reaches the data its own system holds, through the gateway as directly. */
export function ownDataRule({ principal, provider, category }: DecisionInput): RuleResult {
  return provider !== null && provider === principal.agency
    ? { effect: 'allow', basis: 'OWN_DATA', trace: `${category} held by the caller's own agency ${provider}` }
    : { effect: 'abstain', reason: 'NO_AGREEMENT', trace: `data held by ${provider ?? 'the gateway'}, caller from ${principal.agency}` };
}
