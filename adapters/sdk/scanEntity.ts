import { AdapterBadRecord, AdapterScanNotSupported } from './errors.js';
import { LIST_ENTITIES, type EntityName } from './model.js';
import type { Adapter, AdapterCall } from './types.js';

/** Keys per page when scanning: one `listKeys` call and one `load` batch each. */
export const SCAN_PAGE_SIZE = 500;

/** The most keys one scan takes from an agency: beyond it, the agency's listing is not believed. */
export const MAX_SCAN_KEYS = 5_000_000;

/**
 * The whole population of one entity at one agency, page by page, without a copy: each page is
 * one `listKeys` call then one `load` of those keys (so the per-call deadline, retries and circuit
 * of `resilientAdapter` apply to every page). Yields the records found on each page (list
 * entities flattened; keys the agency answers `null` or with an `Error` are left out, and the
 * count of such errors is passed to `onKeyError`). Throws `AdapterScanNotSupported` when the
 * adapter cannot list, and whatever `listKeys` or `load` reject with. An agency whose listing
 * does not move on (a key listed twice: the cursor is ignored) or never ends (more than
 * `MAX_SCAN_KEYS`) fails the scan with `AdapterBadRecord`, rather than making it loop until the
 * request's time runs out.
 */
export async function* scanEntity(
  adapter: Adapter,
  entity: EntityName,
  call: AdapterCall,
  options: { pageSize?: number; onKeyError?: (error: Error) => void } = {},
): AsyncGenerator<unknown[]> {
  if (!adapter.listKeys) throw new AdapterScanNotSupported(adapter.agency, `${adapter.agency}: a ${adapter.kind} adapter cannot list its records`);
  if (!adapter.entities.has(entity)) return;
  const limit = options.pageSize ?? SCAN_PAGE_SIZE;
  let after: string | null = null;
  const listed = new Set<string>();
  for (;;) {
    const keys: string[] = await adapter.listKeys(entity, { after, limit }, call);
    if (keys.length === 0) return;
    for (const key of keys) {
      if (listed.has(key)) throw new AdapterBadRecord(adapter.agency, `${adapter.agency}: listing ${entity} gave a key twice: its cursor does not move on`);
      listed.add(key);
    }
    if (listed.size > MAX_SCAN_KEYS) throw new AdapterBadRecord(adapter.agency, `${adapter.agency}: listing ${entity} gave more than ${MAX_SCAN_KEYS} keys`);
    const values = await adapter.load(entity, keys, call);
    const records: unknown[] = [];
    for (const value of values) {
      if (value === null || value === undefined) continue;
      if (value instanceof Error) options.onKeyError?.(value);
      else if (LIST_ENTITIES.has(entity) && Array.isArray(value)) records.push(...value);
      else records.push(value);
    }
    yield records;
    if (keys.length < limit) return;
    after = keys[keys.length - 1]!;
  }
}
