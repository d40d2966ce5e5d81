import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { LIST_ENTITIES, type AdapterCall, type EntityName } from '../../adapters/sdk/index.js';
import { normaliseNationalId } from '../linkage/index.js';
import type { SourceRegistry } from './SourceRegistry.js';

/**
 * The per-request window onto the agencies: one DataLoader per (agency, entity), so a query for
 * 100 people makes one backend call per agency and entity, not 100. Records are cached only for
 * the life of the request. Every record coming back is checked to belong to the key asked for:
 * an adapter bug must not become a leak, so a stray record is dropped and logged.
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

  /** Loads one key; rejects with the adapter's error when the agency failed for this key or batch. */
  load(agency: string, entity: EntityName, key: string): Promise<unknown> {
    return this.loaderFor(agency, entity).load(key);
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
          const values = await adapter.load(entity, keys, this.call);
          if (values.length !== keys.length) throw new Error(`adapter ${agency} returned ${values.length} values for ${keys.length} keys`);
          return values.map((value, i) => this.owned(agency, entity, keys[i]!, value));
        },
        { maxBatchSize: 10_000 },
      );
      this.loaders.set(id, loader);
    }
    return loader;
  }

  /** Keeps only what belongs to `key`; anything else is dropped and logged (never its contents). */
  private owned(agency: string, entity: EntityName, key: string, value: unknown): unknown {
    if (value === null || value === undefined || value instanceof Error) return value ?? null;
    if (LIST_ENTITIES.has(entity)) {
      if (!Array.isArray(value)) return this.stray(agency, entity, 'not a list', []);
      const own = value.filter((r) => isObject(r) && r.ref === key);
      return own.length === value.length ? value : this.stray(agency, entity, 'record for another person', own);
    }
    if (!isObject(value)) return this.stray(agency, entity, 'not a record', null);
    if (entity === 'personByNationalId') {
      const id = value.nationalId;
      const matches = isObject(id) && typeof id.value === 'string' && normaliseNationalId(id.value) === key;
      return matches ? value : this.stray(agency, entity, 'record for another person', null);
    }
    return value.ref === key ? value : this.stray(agency, entity, 'record for another person', null);
  }

  private stray<T>(agency: string, entity: EntityName, problem: string, replacement: T): T {
    this.logger.warn({ agency, entity, problem }, 'dropped a record an adapter returned for the wrong key');
    return replacement;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
