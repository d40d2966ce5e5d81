import type { GatewayConfig } from '../config/index.js';
import { compilePolicy, type CompiledPolicy } from './compilePolicy.js';
import type { DecideFn, DecisionInput, DenyReason, RuleResult } from './Decision.js';
import { agreementRule } from './rules/agreementRule.js';
import { auditPurposeRule } from './rules/auditPurposeRule.js';
import { breakGlassRule } from './rules/breakGlassRule.js';
import { caseMetadataRule } from './rules/caseMetadataRule.js';
import { noRoleRule } from './rules/noRoleRule.js';
import { ownDataRule } from './rules/ownDataRule.js';
import { statisticsNoIdentityRule } from './rules/statisticsNoIdentityRule.js';

type Rule = (input: DecisionInput, policy: CompiledPolicy) => RuleResult;

/** Rules that can only deny; any deny overrides every allow. */
const DENY_RULES: readonly Rule[] = [noRoleRule, statisticsNoIdentityRule, auditPurposeRule];
/** Rules that can allow; the first that does decides. */
const ALLOW_RULES: readonly Rule[] = [ownDataRule, caseMetadataRule, breakGlassRule, agreementRule];

/**
 * The decision function over a config's agreements and emergency rule. Deny overrides allow; no
 * rule that allows means deny (with the reason of the rule that came closest); a fact that could
 * not be fetched makes the rules needing it deny. Pure: the same input gives the same decision.
 */
export function createDecide(config: Pick<GatewayConfig, 'agreements' | 'emergency'>): DecideFn {
  const policy = compilePolicy(config);
  return (input) => {
    const trace: string[] = [];
    for (const rule of DENY_RULES) {
      const r = rule(input, policy);
      trace.push(r.trace);
      if (r.effect === 'deny') return { allow: false, reason: r.reason, trace };
    }
    let closest: Extract<RuleResult, { effect: 'abstain' }> | null = null;
    for (const rule of ALLOW_RULES) {
      const r = rule(input, policy);
      trace.push(r.trace);
      if (r.effect === 'allow') return { allow: true, basis: r.basis, ...(r.agreement ? { agreement: r.agreement } : {}), trace };
      if (r.effect === 'abstain' && r.reason && (!closest || (r.depth ?? 0) >= (closest.depth ?? 0))) closest = r;
    }
    const reason: DenyReason = closest?.reason ?? 'NO_AGREEMENT';
    return { allow: false, reason, ...(closest?.agreement ? { agreement: closest.agreement } : {}), trace };
  };
}
