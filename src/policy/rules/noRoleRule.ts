import type { DecisionInput, RuleResult } from '../Decision.js';

/** LED 2016/680 Art. 25 / need to know: access is granted to roles, never to a bare identity. */
export function noRoleRule({ principal }: DecisionInput): RuleResult {
  return principal.roles.length === 0
    ? { effect: 'deny', reason: 'NO_ROLE', trace: 'caller has no role known to its agency' }
    : { effect: 'abstain', trace: `caller roles: ${principal.roles.join(', ')}` };
}
