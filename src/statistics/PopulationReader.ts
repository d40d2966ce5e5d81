import type { EntityName } from '../../adapters/sdk/index.js';
import type { RequestSources } from '../sources/index.js';
import type { Sourced } from './CountTable.js';

/**
 * One request's reads of whole populations: each (agency, entity) is scanned at most once per
 * request (several tables share the custody scan), and kept only for the request. The gateway
 * holds no copy beyond it.
 */
export class PopulationReader {
  private readonly scans = new Map<string, Promise<Sourced<unknown>[]>>();

  constructor(private readonly sources: RequestSources) {}

  /** Every record of `entity` at `agency`; rejects with the adapter's error when the scan fails. */
  read<T>(agency: string, entity: EntityName): Promise<Sourced<T>[]> {
    const key = `${agency}\u0000${entity}`;
    let scan = this.scans.get(key);
    if (!scan) {
      scan = (async () => {
        const all: Sourced<unknown>[] = [];
        for await (const page of this.sources.scan(agency, entity)) for (const record of page) all.push({ agency, record });
        return all;
      })();
      this.scans.set(key, scan);
    }
    return scan as Promise<Sourced<T>[]>;
  }
}
