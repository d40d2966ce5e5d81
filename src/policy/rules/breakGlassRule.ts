import type { CompiledPolicy } from '../compilePolicy.js';
import type { DecisionInput, RuleResult } from '../Decision.js';

/** LED 2016/680 Art. 10(a) vital interests: emergency access for listed roles and categories, justified, for one request, flagged for review. */
export function breakGlassRule({ purpose, intent, principal, category }: DecisionInput, policy: CompiledPolicy): RuleResult {
  if (purpose !== 'EMERGENCY' || !intent.breakGlass) return { effect: 'abstain', trace: 'no break-glass declared' };
  if (!principal.roles.some((r) => policy.emergencyRoles.has(r))) return { effect: 'abstain', reason: 'PURPOSE_NOT_ALLOWED', trace: 'caller role may not break the glass' };
  if (!policy.emergencyCategories.has(category)) return { effect: 'abstain', reason: 'PURPOSE_NOT_ALLOWED', trace: `${category} is not released in emergencies` };
  return { effect: 'allow', basis: 'BREAK_GLASS', trace: `break-glass: ${category} released for this request, flagged for review` };
}
