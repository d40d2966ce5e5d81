import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { AdapterBadRecord, checkRecord, LIST_ENTITIES, scanEntity, type AdapterCall, type EntityName } from '../../adapters/sdk/index.js';
import { normaliseNationalId } from '../linkage/index.js';
import type { SourceRegistry } from './SourceRegistry.js';

/**
 * The per-request window onto the agencies: one DataLoader per (agency, entity), so a query for
 * 100 people makes one backend call per agency and entity, not 100. Records are cached only for
 * the life of the request. Every record coming back is checked to belong to the key asked for
 * and to fit its common type: an adapter bug must not become a leak, so a stray or malformed
 * record is dropped and logged.
 */
export class RequestSources {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();
  /** When each (agency, entity) was read in this request, for provenance. */
  private readonly fetchedAt = new Map<string, string>();

  constructor(
    private readonly registry: SourceRegistry,
    private readonly call: AdapterCall,
    private readonly logger: Logger,
  ) {}

  providersOf(entity: EntityName): readonly string[] {
    return this.registry.providersOf(entity);
  }

  providersOfAgency(agency: string): ReadonlySet<EntityName> {
    return this.registry.get(agency)?.entities ?? new Set();
  }

  /**
   * Drops the records this request read (its loaders and their caches), once its answer is
   * complete: a request then waits for its audit commit without holding them, and the young
   * generation's collections that run meanwhile need not copy them. A later load asks the agency
   * again.
   */
  release(): void {
    this.loaders.clear();
  }

  /** Loads one key; rejects with the adapter's error when the agency failed for this key or batch. */
  load(agency: string, entity: EntityName, key: string): Promise<unknown> {
    return this.loaderFor(agency, entity).load(key);
  }

  /** Loads many keys in one batch: each key's value, or its `Error` when the agency failed for it or the batch. */
  loadMany(agency: string, entity: EntityName, keys: readonly string[]): Promise<Array<unknown>> {
    return this.loaderFor(agency, entity).loadMany(keys);
  }

  /**
   * Every record of `entity` the agency holds, page by page (`scanEntity`: the adapter lists its
   * keys, then loads them), for statistics computed without a central copy. Each record is checked
   * like a loaded one; a malformed record fails the scan with `AdapterBadRecord` (a count from a
   * silently shortened population would be wrong). Nothing is cached beyond what the caller keeps.
   */
  async *scan(agency: string, entity: EntityName): AsyncGenerator<unknown[]> {
    const adapter = this.registry.get(agency);
    if (!adapter || !adapter.entities.has(entity)) throw new Error(`agency ${agency} does not provide ${entity}`);
    for await (const page of scanEntity(adapter, entity, this.call)) {
      for (const record of page) {
        const problem = !isObject(record) ? 'not a record' : checkRecord(entity, record);
        if (problem !== null) throw this.dropped(agency, entity, problem);
      }
      yield page;
    }
  }

  fetchedAtOf(agency: string, entity: EntityName): string {
    return this.fetchedAt.get(`${agency}\u0000${entity}`) ?? new Date().toISOString();
  }

  private loaderFor(agency: string, entity: EntityName): DataLoader<string, unknown> {
    const id = `${agency}\u0000${entity}`;
    let loader = this.loaders.get(id);
    if (!loader) {
      const adapter = this.registry.get(agency);
      if (!adapter || !adapter.entities.has(entity)) throw new Error(`agency ${agency} does not provide ${entity}`);
      loader = new DataLoader<string, unknown>(
        async (keys) => {
          this.fetchedAt.set(id, new Date().toISOString());
          let values: unknown[];
          try {
            values = await adapter.load(entity, keys, this.call);
          } catch (error) {
            // The failure is each key's answer for the rest of the request (DataLoader keeps an
            // Error value, but forgets a rejected batch): asked again (the policy's caseload
            // check, then the field), the agency is not called twice, nor its deadline waited for twice.
            const failure = error instanceof Error ? error : new Error(String(error));
            return keys.map(() => failure);
          }
          if (values.length !== keys.length) throw new Error(`adapter ${agency} returned ${values.length} values for ${keys.length} keys`);
          return values.map((value, i) => this.owned(agency, entity, keys[i]!, value));
        },
        { maxBatchSize: 10_000 },
      );
      this.loaders.set(id, loader);
    }
    return loader;
  }

  /**
   * Lets through only what belongs to `key` and fits its common type (`checkRecord`: required
   * fields, enum values, dates, length caps, list shapes). Anything else — a record for another
   * person, of the wrong shape, or a list with one such record — is dropped and logged (never its
   * contents) and the key's value becomes an `AdapterBadRecord`: the caller then gets the
   * agency's SOURCE_UNAVAILABLE rather than a silently shortened answer.
   */
  private owned(agency: string, entity: EntityName, key: string, value: unknown): unknown {
    if (value === null || value === undefined || value instanceof Error) return value ?? null;
    const records = LIST_ENTITIES.has(entity) ? value : [value];
    if (!Array.isArray(records)) return this.dropped(agency, entity, 'not a list');
    for (const record of records) {
      const problem = !isObject(record) ? 'not a record' : !belongsTo(entity, key, record) ? 'record for another person' : checkRecord(entity, record);
      if (problem !== null) return this.dropped(agency, entity, problem);
    }
    return value;
  }

  private dropped(agency: string, entity: EntityName, problem: string): AdapterBadRecord {
    this.logger.warn({ agency, entity, problem }, 'dropped an adapter answer: wrong person or wrong shape');
    return new AdapterBadRecord(agency, `${agency}: ${entity}: answer dropped (${problem})`);
  }
}

/** Whether a record answers for `key`: the national id or date of birth for lookups by them, else the agency's ref. */
function belongsTo(entity: EntityName, key: string, record: Record<string, unknown>): boolean {
  if (entity === 'personByDateOfBirth') return record.dateOfBirth === key;
  if (entity !== 'personByNationalId') return record.ref === key;
  const id = record.nationalId;
  return isObject(id) && typeof id.value === 'string' && normaliseNationalId(id.value) === key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
