import type { Adapter, EntityName } from '../../adapters/sdk/index.js';

/**
 * The connected agencies' adapters, in config order (the order that decides, e.g., which agency's
 * date of birth is shown first), and which of them provide each entity.
 */
export class SourceRegistry {
  readonly adapters: ReadonlyMap<string, Adapter>;
  private readonly providers = new Map<EntityName, readonly string[]>();

  constructor(adapters: readonly Adapter[]) {
    this.adapters = new Map(adapters.map((a) => [a.agency, a]));
    for (const adapter of adapters) {
      for (const entity of adapter.entities) {
        this.providers.set(entity, [...(this.providers.get(entity) ?? []), adapter.agency]);
      }
    }
  }

  /** Agencies whose mapping provides `entity`, in config order. */
  providersOf(entity: EntityName): readonly string[] {
    return this.providers.get(entity) ?? [];
  }

  get(agency: string): Adapter | undefined {
    return this.adapters.get(agency);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.adapters.values()].map((a) => a.close()));
  }
}
