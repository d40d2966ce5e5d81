import type { Principal } from '../auth/index.js';
import type { GatewayConfig } from '../config/index.js';

export type Action = 'recordConsent' | 'withdrawConsent' | 'manageCaseTeam' | 'manageLinks';

/**
 * Who may change the facts the policy decides on. Consents are recorded by the controller's own
 * listed roles (GDPR Art. 7(1): the controller must be able to demonstrate consent); case teams
 * are changed by listed coordinators, who also review identity-link candidates and confirm or
 * reject them. Pure; returns the refusal reason or null.
 */
export function authorizeAction(principal: Principal, action: Action, config: Pick<GatewayConfig, 'consent' | 'caseTeams'>): string | null {
  const list = action === 'manageCaseTeam' || action === 'manageLinks' ? config.caseTeams.coordinators : config.consent.recorders;
  const allowed = list.some((entry) => entry.agency === principal.agency && principal.roles.some((r) => entry.roles.includes(r)));
  return allowed ? null : 'ROLE_NOT_ALLOWED';
}
