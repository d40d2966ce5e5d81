import type { DataCategory } from '../config/index.js';
import type { Principal, RequestIntent } from '../auth/index.js';
import type { AuditCollector } from '../audit/index.js';
import type { PersonNode } from '../context/index.js';
import type { DecideFn, Decision } from './Decision.js';

/**
 * The per-request face of the policy. Decides once per (person, category, providing agency)
 * and remembers it, so a 50-person answer with hundreds of fields costs a few dozen decisions
 * and otherwise map look-ups. Feeds every release and withholding to the audit collector.
 */
export class RequestAccess {
  private readonly memo = new Map<string, Decision>();

  constructor(
    private readonly decideFn: DecideFn,
    private readonly principal: Principal,
    private readonly intent: RequestIntent,
    private readonly audit: AuditCollector,
    private readonly now: Date,
  ) {}

  decide(person: PersonNode, category: DataCategory, provider: string | null): Decision {
    const key = `${person.id}\u0000${category}\u0000${provider ?? ''}`;
    let decision = this.memo.get(key);
    if (!decision) {
      const purpose = this.intent.purpose;
      decision = purpose === null
        ? { allow: false, reason: 'NO_PURPOSE', trace: ['no X-Purpose-Of-Use declared'] }
        : this.decideFn({ principal: this.principal, intent: this.intent, purpose, person: person.id, category, provider, at: this.now });
      this.memo.set(key, decision);
    }
    return decision;
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
   * answer never reveals where a person is known.
   */
  releasable(person: PersonNode, category: DataCategory, candidates: readonly string[], field: string): { agencies: string[]; denied: Decision | null } {
    const agencies: string[] = [];
    let denied: Decision | null = null;
    for (const agency of candidates) {
      const decision = this.check(person, category, agency, field);
      if (decision.allow) agencies.push(agency);
      else denied ??= decision;
    }
    return { agencies, denied };
  }
}
