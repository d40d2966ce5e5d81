import type { Principal } from '../auth/index.js';
import type { GatewayConfig, StatisticsProjectConfig } from '../config/index.js';

/** Whether the caller's agency and one of its roles are among the project's recipients. */
export function isProjectRecipient(project: StatisticsProjectConfig, principal: Principal): boolean {
  return project.recipients.some((r) => r.agency === principal.agency && r.roles.some((role) => principal.roles.includes(role)));
}

/** Whether the project's approval covers `day` (`YYYY-MM-DD`, both ends inclusive). */
export function isProjectInForce(project: StatisticsProjectConfig, day: string): boolean {
  return day >= project.valid.from && day <= project.valid.until;
}

/** The approved projects the caller receives extracts for, in force on `day`. */
export function projectsFor(config: Pick<GatewayConfig, 'statistics'>, principal: Principal, day: string): StatisticsProjectConfig[] {
  return config.statistics.projects.filter((p) => isProjectRecipient(p, principal) && isProjectInForce(p, day));
}

/** The project as `StatisticsProject` in the schema. */
export function toStatisticsProject(p: StatisticsProjectConfig) {
  return { id: p.id, title: p.title, approvedBy: p.approvedBy, basis: p.basis, datasets: p.datasets, validFrom: p.valid.from, validUntil: p.valid.until };
}
