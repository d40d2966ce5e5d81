import { resolve } from 'node:path';
import {
  AdapterError, AdapterKeyRefused, entityNotMapped, objectItems, AdapterScanNotSupported, AdapterUnavailable, codeOf, buildRecords, compileMapping, loadMapping,
  parseAdapterConfig, pathGetter, runBatch, type Adapter, type AdapterFactory, type ChunkResult,
  type CompiledEntity, type Deadline,
} from '../sdk/index.js';
import { createHttpAuth } from './createHttpAuth.js';
import { fetchPages } from './fetchPages.js';
import { JsonClient } from './JsonClient.js';
import { restConfig } from './restConfig.js';
import { splitByUrl } from './splitByUrl.js';

/** Room kept in the URL for a pagination parameter. */
const PAGE_PARAM_RESERVE = 256;

/**
 * `kind: rest` — an agency's JSON batch endpoint. Per chunk one keep-alive GET
 * `<baseUrl><path>?<keyParam>=k1,k2,…` (keys URL-encoded; chunks cut to `maxBatch` keys and
 * `maxUrlLength`), then, for entities with `pages:`, one GET per further page (each a backend
 * call). The answer is treated as hostile: non-2xx, invalid JSON, an oversized body or no item
 * array fails the batch (`AdapterUnavailable`, with the status but never the body); items that
 * are not objects are dropped and every value is coerced by its field spec.
 */
export const restAdapter: AdapterFactory = async (agency, rawConfig, deps) => {
  const config = parseAdapterConfig(agency, 'rest', restConfig, rawConfig);
  const auth = createHttpAuth(agency, config.auth, config.deadlineMs);
  const logger = deps.logger;
  const mapping = compileMapping(await loadMapping(resolve(deps.baseDir, config.mapping), agency, { kind: 'rest' }), {
    getter: pathGetter,
    onDroppedItem: (entity, list) => logger.warn({ entity, list }, 'dropped a list element that is not an object'),
  });
  const client = new JsonClient({ agency, baseUrl: config.baseUrl, connections: config.connections, maxResponseBytes: config.maxResponseBytes, auth });
  const itemsAt = new Map([...mapping.entities].map(([name, e]) => [name, e.spec.itemsAt ? pathGetter(e.spec.itemsAt) : null]));

  const firstPath = (entity: CompiledEntity, keys: readonly string[]): string => {
    const { path, keyParam } = entity.spec;
    return `${path!}${path!.includes('?') ? '&' : '?'}${encodeURIComponent(keyParam!)}=${keys.map(encodeURIComponent).join(',')}`;
  };
  /** Characters of the URL left for the comma-joined keys of one entity. */
  const keyBudget = (entity: CompiledEntity): number =>
    config.maxUrlLength - client.prefix.length - firstPath(entity, []).length - (entity.spec.pages ? PAGE_PARAM_RESERVE : 0);

  const fetchChunk = async (entity: CompiledEntity, keys: string[], deadline: Deadline): Promise<ChunkResult> => {
    const { spec } = entity;
    const at = itemsAt.get(spec.entity);
    const items = await fetchPages({
      agency, entity: spec.entity, first: firstPath(entity, keys), origin: client.origin, prefix: client.prefix, spec: spec.pages,
      get: (path) => {
        deps.onBackendCall(spec.entity);
        return client.request({ method: 'GET', path, signal: deadline.signal, what: spec.entity });
      },
      itemsOf: (body) => {
        const list = at ? at(body) : body;
        if (!Array.isArray(list)) throw new AdapterUnavailable(agency, `${agency}: ${spec.entity}: response has no item array${spec.itemsAt ? ` at ${spec.itemsAt}` : ''}`, { transient: false });
        return list;
      },
    });
    return buildRecords(entity, objectItems(items, logger, spec.entity));
  };

  const adapter: Adapter = {
    agency,
    kind: 'rest',
    entities: new Set(mapping.entities.keys()),
    deadlineMs: config.deadlineMs,
    load(entity, keys, call) {
      const compiled = mapping.entities.get(entity);
      if (!compiled) return Promise.reject(entityNotMapped(agency, entity));
      const maxBatch = compiled.spec.maxBatch ?? config.maxBatch;
      const budget = keyBudget(compiled);
      return runBatch({
        agency, entity, keys, call,
        deadlineMs: config.deadlineMs,
        maxBatch,
        concurrency: Math.min(4, config.connections),
        many: compiled.spec.many,
        refuse: (key) => (encodeURIComponent(key).length > budget ? new AdapterKeyRefused(agency, `${agency}: ${entity}: a key is longer than the agency's URL limit`) : null),
        split: (unique) => splitByUrl(unique, maxBatch, budget),
        fetch: (chunk, deadline) => fetchChunk(compiled, chunk, deadline),
        failure: (error) => new AdapterUnavailable(agency, `${agency}: ${entity} request failed${codeOf(error)}`, { cause: error }),
      });
    },
    ...(config.listKeys ? {
      async listKeys(entity, page, call) {
        const listing = config.listKeys!;
        if (!mapping.entities.has(entity)) throw entityNotMapped(agency, entity);
        if (entity === 'personByNationalId') throw new AdapterScanNotSupported(agency, `${agency}: national ids are not listed`);
        const query = new URLSearchParams({ limit: String(page.limit), ...(page.after === null ? {} : { after: page.after }) });
        const release = await call.backendSlots?.acquire(call.signal);
        try {
          deps.onBackendCall(entity);
          const body = await client.request({ method: 'GET', path: `${listing.path}${listing.path.includes('?') ? '&' : '?'}${query}`, signal: call.signal, what: `${entity} keys` });
          const list = listing.itemsAt ? pathGetter(listing.itemsAt)(body) : body;
          if (!Array.isArray(list)) throw new AdapterUnavailable(agency, `${agency}: the key listing has no item array`, { transient: false });
          return list.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number').map(String);
        } catch (error) {
          if (error instanceof AdapterError) throw error;
          throw new AdapterUnavailable(agency, `${agency}: listing ${entity} failed${codeOf(error)}`, { cause: error });
        } finally {
          release?.();
        }
      },
    } : {}),
    async ready() {
      const probe = await client.probe(config.healthPath, config.deadlineMs);
      if (probe.ok) return { ok: true };
      return { ok: false, detail: probe.status === undefined ? `health check failed${probe.code ? ` (${probe.code})` : ''}` : `health check answered HTTP ${probe.status}` };
    },
    close: () => client.close(),
  };
  return adapter;
};
