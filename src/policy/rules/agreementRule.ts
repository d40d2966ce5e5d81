import type { CompiledAgreement, CompiledPolicy } from '../compilePolicy.js';
import type { ConsentFact, DecisionInput, DenyReason, RuleResult } from '../Decision.js';

/**
 * Data-sharing agreements (CM/Rec(2016)6; Convention 108+ Art. 6): released when an agreement in
 * force lists the provider, the caller's agency and role, the purpose and the category, and every
 * condition it requires holds for this person. When none does, the reason is that of the
 * agreement that came closest, so a caller learns what is missing.
 */
export function agreementRule(input: DecisionInput, policy: CompiledPolicy): RuleResult {
  if (input.provider === null) return { effect: 'abstain', trace: 'case metadata is not shared by agreement' };
  const agreements = policy.byProvider.get(input.provider) ?? [];
  let best: { depth: number; reason: DenyReason; agreement: string; trace: string } | null = null;
  for (const agreement of agreements) {
    const result = evaluate(agreement, input);
    if (result.effect === 'allow') return result;
    if (result.effect === 'deny') return result;
    if (!best || (result.depth ?? 0) > best.depth) best = { depth: result.depth ?? 0, reason: result.reason ?? 'NO_AGREEMENT', agreement: agreement.id, trace: result.trace };
  }
  if (!best) return { effect: 'abstain', reason: 'NO_AGREEMENT', trace: `no agreement has ${input.provider} as provider` };
  return { effect: 'abstain', reason: best.reason, agreement: best.agreement, trace: best.trace, depth: best.depth };
}

function evaluate(a: CompiledAgreement, { principal, purpose, category, facts, at, provider }: DecisionInput): RuleResult {
  const miss = (depth: number, reason: DenyReason, why: string): RuleResult => ({ effect: 'abstain', reason, agreement: a.id, depth, trace: `${a.id}: ${why}` });
  if (!principal.roles.some((r) => a.recipients.has(`${principal.agency}\u0000${r}`))) return miss(0, 'NO_AGREEMENT', `${principal.agency} with roles ${principal.roles.join(', ')} is not a recipient`);
  if (!a.categories.has(category)) return miss(1, 'NO_AGREEMENT', `${category} is not covered`);
  if (!a.purposes.has(purpose)) return miss(2, 'PURPOSE_NOT_ALLOWED', `purpose ${purpose} is not allowed`);
  const day = at.toISOString().slice(0, 10);
  if (day < a.from || (a.until !== null && day > a.until)) return miss(3, 'AGREEMENT_EXPIRED', `not in force on ${day} (${a.from} – ${a.until ?? 'open'})`);
  if (a.requiresAssigned) {
    if (facts.assigned === null) return miss(4, 'FACT_UNAVAILABLE', 'case team could not be read');
    if (!facts.assigned) return miss(4, 'NOT_ASSIGNED', 'caller is not on the case team or caseload');
  }
  if (a.requiresConsent) {
    if (facts.consents === null) return miss(5, 'FACT_UNAVAILABLE', 'consent registry could not be read');
    const consent = consentFor(facts.consents, provider!, principal.agency, purpose, category, at.toISOString());
    if (consent !== true) return miss(5, consent, consent === 'CONSENT_WITHDRAWN' ? 'the person withdrew consent' : 'no valid consent');
  }
  return { effect: 'allow', basis: a.basis, agreement: a.id, trace: `${a.id}: all conditions hold` };
}

/** A valid consent covering this provider, recipient, purpose and category now; else why not. Withdrawal counts from its instant. */
function consentFor(consents: readonly ConsentFact[], provider: string, recipient: string, purpose: string, category: string, now: string): true | 'NO_CONSENT' | 'CONSENT_WITHDRAWN' {
  const day = now.slice(0, 10);
  let withdrawn = false;
  for (const c of consents) {
    if (c.provider !== provider || !c.recipients.includes(recipient)) continue;
    if (!c.purposes.includes(purpose as never) || !c.categories.includes(category as never)) continue;
    if (day < c.validFrom || (c.validUntil !== null && day > c.validUntil)) continue;
    if (c.withdrawnAt !== null && c.withdrawnAt <= now) {
      withdrawn = true;
      continue;
    }
    return true;
  }
  return withdrawn ? 'CONSENT_WITHDRAWN' : 'NO_CONSENT';
}
