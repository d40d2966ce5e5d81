import type { DataCategory } from '../config/index.js';
import type { Principal, RequestIntent } from '../auth/index.js';
import type { AuditCollector } from '../audit/index.js';
import type { PersonNode } from '../context/index.js';
import type { DecideFn, Decision, PersonFacts } from './Decision.js';

const UNAVAILABLE: PersonFacts = { assigned: null, consents: null };
/** The facts of an aggregate (see `decideAggregate`). */
const AGGREGATE: PersonFacts = { assigned: true, consents: [] };

/**
 * The per-request face of the policy. Decides once per (person, category, providing agency)
 * and remembers it, so a 50-person answer with hundreds of fields costs a few dozen decisions
 * and otherwise map look-ups. Feeds every release and withholding to the audit collector.
 */
export class RequestAccess {
  /** person → category → provider ('' for the gateway's own metadata): no key strings to build per look-up. */
  private readonly memo = new Map<PersonNode, Map<DataCategory, Map<string, Decision>>>();
  /** Decisions for facts without consents, by category, provider and assignment (see `decide`). */
  private readonly shared = new Map<string, Decision>();

  constructor(
    private readonly decideFn: DecideFn,
    private readonly principal: Principal,
    private readonly intent: RequestIntent,
    private readonly audit: AuditCollector,
    private readonly now: Date,
  ) {}

  /**
   * Forgets the decisions taken so far, and with them the people they were taken for (and those
   * people's records), once the answer is complete (see `RequestSources.release`). A later
   * question is decided afresh.
   */
  release(): void {
    this.memo.clear();
    this.shared.clear();
  }

  decide(person: PersonNode, category: DataCategory, provider: string | null): Decision {
    let byCategory = this.memo.get(person);
    if (!byCategory) this.memo.set(person, (byCategory = new Map()));
    let byProvider = byCategory.get(category);
    if (!byProvider) byCategory.set(category, (byProvider = new Map()));
    let decision = byProvider.get(provider ?? '');
    if (!decision) {
      const facts = person.facts ?? UNAVAILABLE;
      // People whose facts are alike (same assignment, no consents on file) get the same answer:
      // the rules read the person only through the facts. Decided once per request, then shared.
      const alike = facts.consents === null || facts.consents.length === 0 ? `${category}\u0000${provider ?? ''}\u0000${facts.assigned}\u0000${facts.consents === null}` : null;
      decision = alike === null ? undefined : this.shared.get(alike);
      if (!decision) {
        const purpose = this.intent.purpose;
        decision = purpose === null
          ? { allow: false, reason: 'NO_PURPOSE', trace: ['no X-Purpose-Of-Use declared'] }
          : this.decideFn({ principal: this.principal, intent: this.intent, purpose, person: person.id, category, provider, facts, at: this.now });
        if (alike !== null) this.shared.set(alike, decision);
      }
      byProvider.set(provider ?? '', decision);
    }
    return decision;
  }

  /**
   * For counts and pseudonymous extracts, where no one person is in view: may the caller use
   * `category` held by `provider`? Decided by the same rules with the facts of an aggregate:
   * need to know (`assigned`) is about one person's case and is taken as met; consent cannot be
   * met for a whole population, so agreements requiring it never allow (the agency's data is left
   * out of the table, reason NO_CONSENT). Not recorded here: statistics record one event per query.
   */
  decideAggregate(category: DataCategory, provider: string): Decision {
    const purpose = this.intent.purpose;
    if (purpose === null) return { allow: false, reason: 'NO_PURPOSE', trace: ['no X-Purpose-Of-Use declared'] };
    return this.decideFn({ principal: this.principal, intent: this.intent, purpose, person: '', category, provider, facts: AGGREGATE, at: this.now });
  }

  /**
   * May the caller know this person exists? Only when some agency that knows them would release
   * their IDENTITY to this caller for this purpose. Otherwise the person is `null`, exactly like a
   * person nobody knows, so callers cannot probe who is in prison. The refusal is audited.
   */
  mayKnow(person: PersonNode): boolean {
    let visible = false;
    for (const agency of person.links.keys()) {
      const decision = this.decide(person, 'IDENTITY', agency);
      if (decision.allow) visible = true;
      else this.audit.withheld(person.id, 'IDENTITY', agency, 'Query.person', decision.reason);
    }
    return visible;
  }

  /** For a field of one record group: allowed or not, recorded either way. */
  check(person: PersonNode, category: DataCategory, provider: string | null, field: string): Decision {
    const decision = this.decide(person, category, provider);
    if (decision.allow) this.audit.released(person.id, category, provider, field);
    else this.audit.withheld(person.id, category, provider, field, decision.reason);
    return decision;
  }

  /**
   * For a field that gathers from several agencies: which of `candidates` may be read. The
   * candidates are every agency providing the entity, known to hold this person or not, so the
   * answer never reveals where a person is known. Withholdings are recorded here; releases are
   * recorded by the caller once it knows which agencies contributed (`released`).
   */
  releasable(person: PersonNode, category: DataCategory, candidates: readonly string[], field: string): { agencies: string[]; denied: Decision | null } {
    const agencies: string[] = [];
    let denied: Decision | null = null;
    for (const agency of candidates) {
      const decision = this.decide(person, category, agency);
      if (decision.allow) agencies.push(agency);
      else {
        denied ??= decision;
        this.audit.withheld(person.id, category, agency, field, decision.reason);
      }
    }
    return { agencies, denied };
  }

  /** Records that `provider` actually contributed data to a field (allowed is not yet released). */
  released(person: PersonNode, category: DataCategory, provider: string | null, field: string): void {
    this.audit.released(person.id, category, provider, field);
  }
}
