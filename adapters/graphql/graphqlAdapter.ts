import { resolve } from 'node:path';
import {
  AdapterError, AdapterUnavailable, codeOf, entityNotMapped, objectItems, buildRecords, compileMapping, loadMapping, parseAdapterConfig, pathGetter, runBatch,
  type Adapter, type AdapterFactory, type ChunkResult, type CompiledEntity, type Deadline,
} from '../sdk/index.js';
import { createHttpAuth, JsonClient } from '../rest/index.js';
import { graphqlConfig } from './graphqlConfig.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `kind: graphql` — an agency that already speaks GraphQL. Per chunk of keys one POST of the
 * entity's `query` with the keys as its list variable (`variable`, default `$keys`); the
 * items are read at `itemsAt` inside `data` and mapped by JSON paths, like rest. The answer is
 * hostile until proven otherwise: an HTTP failure, invalid JSON, any entry in `errors` (which
 * cannot be pinned to one key) or no item array fails the batch with `AdapterUnavailable`,
 * naming counts and codes but never the agency's messages.
 */
export const graphqlAdapter: AdapterFactory = async (agency, rawConfig, deps) => {
  const config = parseAdapterConfig(agency, 'graphql', graphqlConfig, rawConfig);
  const auth = createHttpAuth(agency, config.auth, config.deadlineMs);
  const logger = deps.logger;
  const mapping = compileMapping(await loadMapping(resolve(deps.baseDir, config.mapping), agency, { kind: 'graphql' }), {
    getter: pathGetter,
    onDroppedItem: (entity, list) => logger.warn({ entity, list }, 'dropped a list element that is not an object'),
  });
  const client = new JsonClient({ agency, baseUrl: config.url, connections: config.connections, maxResponseBytes: config.maxResponseBytes, auth });
  const itemsAt = new Map([...mapping.entities].map(([name, e]) => [name, pathGetter(e.spec.itemsAt!)]));

  const post = (query: string, variables: Record<string, unknown>, signal: AbortSignal, what: string): Promise<unknown> =>
    client.request({ method: 'POST', path: '', body: JSON.stringify({ query, variables }), signal, what });

  const fetchChunk = async (entity: CompiledEntity, keys: string[], deadline: Deadline): Promise<ChunkResult> => {
    const { spec } = entity;
    deps.onBackendCall(spec.entity);
    const body = await post(spec.operation!, { [spec.variable ?? 'keys']: keys }, deadline.signal, spec.entity);
    if (!isObject(body)) throw new AdapterUnavailable(agency, `${agency}: ${spec.entity}: the answer is not a GraphQL response`, { transient: false });
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const codes = [...new Set(body.errors.map((e) => (isObject(e) && isObject(e.extensions) && typeof e.extensions.code === 'string' ? e.extensions.code : 'no code')))];
      throw new AdapterUnavailable(agency, `${agency}: ${spec.entity}: the agency answered ${body.errors.length} GraphQL error(s) [${codes.slice(0, 3).join(', ')}]`, { transient: false });
    }
    const items = isObject(body.data) ? itemsAt.get(spec.entity)!(body.data) : undefined;
    if (!Array.isArray(items)) throw new AdapterUnavailable(agency, `${agency}: ${spec.entity}: response has no item array at data.${spec.itemsAt}`, { transient: false });
    return buildRecords(entity, objectItems(items, logger, spec.entity));
  };

  const adapter: Adapter = {
    agency,
    kind: 'graphql',
    entities: new Set(mapping.entities.keys()),
    deadlineMs: config.deadlineMs,
    load(entity, keys, call) {
      const compiled = mapping.entities.get(entity);
      if (!compiled) return Promise.reject(entityNotMapped(agency, entity));
      return runBatch({
        agency, entity, keys, call,
        deadlineMs: config.deadlineMs,
        maxBatch: compiled.spec.maxBatch ?? config.maxBatch,
        concurrency: Math.min(4, config.connections),
        many: compiled.spec.many,
        fetch: (chunk, deadline) => fetchChunk(compiled, chunk, deadline),
        failure: (error) => new AdapterUnavailable(agency, `${agency}: ${entity} request failed${codeOf(error)}`, { cause: error }),
      });
    },
    async ready() {
      try {
        const body = await post('query { __typename }', {}, AbortSignal.timeout(config.deadlineMs), 'readiness');
        return isObject(body) && isObject(body.data) ? { ok: true } : { ok: false, detail: 'the endpoint did not answer { __typename }' };
      } catch (error) {
        return { ok: false, detail: error instanceof AdapterError ? error.message.replace(`${agency}: `, '') : `the endpoint could not be reached${codeOf(error)}` };
      }
    },
    close: () => client.close(),
  };
  return adapter;
};
