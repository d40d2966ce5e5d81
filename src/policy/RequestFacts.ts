import DataLoader from 'dataloader';
import type { SupervisionRecord } from '../../adapters/sdk/index.js';
import type { Principal } from '../auth/index.js';
import type { PersonNode } from '../context/index.js';
import type { RequestSources } from '../sources/index.js';
import type { Store } from '../store/index.js';
import type { PersonFacts } from './Decision.js';
import { loadFactRows, type ConfirmedLink } from './loadFactRows.js';

/**
 * Fetches, per request and in one batch, the facts the policy decides on: whether the caller is
 * assigned to the person (on the case team held by the gateway, or on the caseload their own
 * agency's system reports: the responsible officer of a supervision order) and the person's
 * consents. A fact that cannot be fetched is `null`, and the rules needing it then deny.
 */
export class RequestFacts {
  private readonly stored: DataLoader<string, { onTeam: boolean; consents: PersonFacts['consents']; confirmedLinks: ConfirmedLink[] } | null>;

  constructor(
    private readonly principal: Principal,
    store: Pick<Store, 'query'>,
    private readonly sources: RequestSources,
  ) {
    // The batch goes out after this turn's agency calls (setImmediate): their answers take longest,
    // and the facts are read only after linking. With DataLoader's default schedule the driver,
    // which submits on process.nextTick, wrote the query ahead of the agencies' requests
    // (fan-out: the four requests left 0.3 ms later).
    this.stored = new DataLoader(async (subjects) => {
      try {
        const rows = await loadFactRows(store, subjects, principal.agency, principal.sub);
        return subjects.map((s) => ({ onTeam: rows.onTeam.has(s), consents: rows.consents.get(s) ?? [], confirmedLinks: rows.confirmedLinks.get(s) ?? [] }));
      } catch {
        return subjects.map(() => null);
      }
    }, { batchScheduleFn: (dispatch) => setImmediate(dispatch) });
  }

  /** Starts fetching the stored facts of a person (batched with every other prefetch of this turn). */
  prefetch(personId: string): void {
    void this.stored.load(personId);
  }

  /**
   * The agency records coordinators confirmed as this person's (fetched with the facts), or
   * null when the store could not be read.
   */
  async confirmedLinks(personId: string): Promise<ConfirmedLink[] | null> {
    return (await this.stored.load(personId))?.confirmedLinks ?? null;
  }

  async load(person: PersonNode): Promise<PersonFacts> {
    const stored = await this.stored.load(person.id);
    if (stored === null) return { assigned: null, consents: null };
    if (stored.onTeam) return { assigned: true, consents: stored.consents };
    const caseload = await this.onCaseload(person);
    return { assigned: caseload, consents: stored.consents };
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
