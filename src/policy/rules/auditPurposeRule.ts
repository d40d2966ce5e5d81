import type { DecisionInput, RuleResult } from '../Decision.js';

/** LED 2016/680 Art. 25(2): logs serve only to verify lawfulness; the AUDIT purpose reads the log, never the records. */
export function auditPurposeRule({ purpose }: DecisionInput): RuleResult {
  return purpose === 'AUDIT'
    ? { effect: 'deny', reason: 'AUDIT_NO_RECORDS', trace: 'purpose AUDIT reads the audit log only, not agency records' }
    : { effect: 'abstain', trace: 'purpose is not AUDIT' };
}
