import DataLoader from 'dataloader';
import type { SupervisionRecord } from '../../adapters/sdk/index.js';
import type { Principal } from '../auth/index.js';
import type { ConsentStore } from '../consent/index.js';
import type { PersonNode } from '../context/index.js';
import type { CaseTeamStore } from '../coordination/index.js';
import type { RequestSources } from '../sources/index.js';
import type { ConsentFact, PersonFacts } from './Decision.js';

/**
 * Fetches, per request and in batches, the facts the policy decides on: whether the caller is
 * assigned to the person (on the case team held by the gateway, or on the caseload their own
 * agency's system reports: the responsible officer of a supervision order) and the person's
 * consents. A fact that cannot be fetched is `null`, and the rules needing it then deny.
 */
export class RequestFacts {
  private readonly consents: DataLoader<string, readonly ConsentFact[]>;

  constructor(
    private readonly principal: Principal,
    private readonly caseTeams: CaseTeamStore,
    consentStore: ConsentStore,
    private readonly sources: RequestSources,
  ) {
    this.consents = new DataLoader(async (subjects) => {
      const bySubject = await consentStore.forSubjects(subjects);
      return subjects.map((s) => bySubject.get(s) ?? []);
    });
  }

  async load(person: PersonNode): Promise<PersonFacts> {
    const [assigned, consents] = await Promise.all([this.assigned(person), this.consents.load(person.id).catch(() => null)]);
    return { assigned, consents };
  }

  private async assigned(person: PersonNode): Promise<boolean | null> {
    const { agency, sub } = this.principal;
    let onTeam: boolean | null;
    try {
      const row = await this.caseTeams.load(person.id);
      onTeam = row.team.some((m) => m.agency === agency && m.sub === sub);
    } catch {
      onTeam = null;
    }
    if (onTeam) return true;
    const caseload = await this.onCaseload(person);
    if (caseload) return true;
    return onTeam === null || caseload === null ? null : false;
  }

  /** The caller's own agency names them responsible officer in a supervision order of this person. */
  private async onCaseload(person: PersonNode): Promise<boolean | null> {
    const { agency, sub } = this.principal;
    const link = person.links.get(agency);
    if (!link || !this.sources.providersOf('supervision').includes(agency)) return false;
    try {
      const value = await this.sources.load(agency, 'supervision', link.ref);
      if (value instanceof Error) return null;
      const orders = (Array.isArray(value) ? value : value ? [value] : []) as SupervisionRecord[];
      return orders.some((o) => o.officer?.staffRef === sub);
    } catch {
      return null;
    }
  }
}
