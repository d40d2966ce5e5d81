import type { DecisionInput, RuleResult } from '../Decision.js';

/** The role that reads the audit log (see audit/PrivacyOfficerView.ts): it confers no access to records. */
const PRIVACY_OFFICER_ROLE = 'privacy_officer';

/**
 * LED 2016/680 Art. 25 / need to know: access is granted to roles, never to a bare identity; and
 * the privacy officer's role exists to verify lawfulness from the log (Art. 25(2)), not to read records.
 */
export function noRoleRule({ principal }: DecisionInput): RuleResult {
  if (principal.roles.length === 0) return { effect: 'deny', reason: 'NO_ROLE', trace: 'caller has no role known to its agency' };
  if (principal.roles.every((r) => r === PRIVACY_OFFICER_ROLE)) return { effect: 'deny', reason: 'NO_ROLE', trace: 'the privacy officer role reads the audit log, not agency records' };
  return { effect: 'abstain', trace: `caller roles: ${principal.roles.join(', ')}` };
}
