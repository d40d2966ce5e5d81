import type { Principal } from '../auth/index.js';
import type { GatewayConfig } from '../config/index.js';

/**
 * Statistics are for the roles an agreement in force names as recipients for purpose STATISTICS
 * (GDPR Art. 89(1): processing for statistical purposes under safeguards; a role is granted it,
 * never a bare identity). Pure. Which agencies' data a table may then count is decided per
 * agency and category by the policy (`RequestAccess.decideAggregate`).
 */
export function mayReadStatistics(config: Pick<GatewayConfig, 'agreements'>, principal: Principal, day: string): boolean {
  return config.agreements.some((a) =>
    a.purposes.includes('STATISTICS')
    && day >= a.valid.from && (a.valid.until === undefined || day <= a.valid.until)
    && a.recipients.some((r) => r.agency === principal.agency && r.roles.some((role) => principal.roles.includes(role))));
}
