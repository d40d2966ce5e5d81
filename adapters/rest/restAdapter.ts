import { resolve } from 'node:path';
import { Pool } from 'undici';
import {
  AdapterConfigInvalid, AdapterError, AdapterUnavailable, buildRecords, compileMapping, loadMapping,
  parseAdapterConfig, pathGetter, runBatch, type Adapter, type AdapterFactory, type ChunkResult,
  type CompiledEntity, type Deadline,
} from '../sdk/index.js';
import { BodyRefused, readJsonBody } from './readJsonBody.js';
import { restConfig } from './restConfig.js';

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `(code)` of a network error (ECONNREFUSED, UND_ERR_…), never its message. */
const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? ` (${code})` : '';
};

function bearerToken(agency: string, token: string): string {
  if (!token.startsWith('env:')) return token;
  const value = process.env[token.slice(4)];
  if (!value) throw new AdapterConfigInvalid(agency, `${agency}: auth token variable ${token.slice(4)} is not set`);
  return value;
}

/**
 * `kind: rest` — an agency's JSON batch endpoint. Per chunk one keep-alive GET
 * `<baseUrl><path>?<keyParam>=k1,k2,…` (keys URL-encoded). The answer is treated as hostile:
 * non-2xx, invalid JSON, an oversized body or no item array fails the batch
 * (`AdapterUnavailable`, with the status but never the body); items that are not objects
 * are dropped and every value is coerced by its field spec.
 */
export const restAdapter: AdapterFactory = async (agency, rawConfig, deps) => {
  const config = parseAdapterConfig(agency, 'rest', restConfig, rawConfig);
  const token = config.auth ? bearerToken(agency, config.auth.token) : undefined;
  const logger = deps.logger;
  const mapping = compileMapping(await loadMapping(resolve(deps.baseDir, config.mapping), agency, { kind: 'rest' }), {
    getter: pathGetter,
    onDroppedItem: (entity, list) => logger.warn({ entity, list }, 'dropped a list element that is not an object'),
  });
  const base = new URL(config.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  // One keep-alive pool per origin: global fetch cost 12% CPU under load (DESIGN).
  const pool = new Pool(base.origin, { connections: config.connections, keepAliveTimeout: 10_000 });
  const headers: Record<string, string> = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const itemsAt = new Map([...mapping.entities].map(([name, e]) => [name, e.spec.itemsAt ? pathGetter(e.spec.itemsAt) : null]));
  let closing: Promise<void> | null = null;

  const fetchChunk = async (entity: CompiledEntity, keys: string[], deadline: Deadline): Promise<ChunkResult> => {
    const { spec } = entity;
    const query = `${encodeURIComponent(spec.keyParam!)}=${keys.map(encodeURIComponent).join(',')}`;
    const path = `${prefix}${spec.path!}${spec.path!.includes('?') ? '&' : '?'}${query}`;
    deps.onBackendCall(spec.entity);
    const response = await pool.request({ path, method: 'GET', headers, signal: deadline.signal });
    if (response.statusCode < 200 || response.statusCode > 299) {
      await response.body.dump().catch(() => {});
      throw new AdapterUnavailable(agency, `${agency}: ${spec.entity}: HTTP ${response.statusCode}`);
    }
    let body: unknown;
    try {
      body = await readJsonBody(response, config.maxResponseBytes);
    } catch (error) {
      if (error instanceof BodyRefused) throw new AdapterUnavailable(agency, `${agency}: ${spec.entity}: ${error.message}`);
      throw error;
    }
    const at = itemsAt.get(spec.entity);
    const items = at ? at(body) : body;
    if (!Array.isArray(items)) throw new AdapterUnavailable(agency, `${agency}: ${spec.entity}: response has no item array${spec.itemsAt ? ` at ${spec.itemsAt}` : ''}`);
    const objects = items.filter(isObject);
    if (objects.length < items.length) logger.warn({ entity: spec.entity, dropped: items.length - objects.length }, 'dropped response items that are not objects');
    return buildRecords(entity, objects);
  };

  const adapter: Adapter = {
    agency,
    kind: 'rest',
    entities: new Set(mapping.entities.keys()),
    load(entity, keys, call) {
      const compiled = mapping.entities.get(entity);
      if (!compiled) return Promise.reject(new AdapterError(agency, `${agency}: entity ${entity} is not in the mapping`));
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
        const response = await pool.request({
          path: `${prefix}${config.healthPath}`, method: 'GET', headers, signal: AbortSignal.timeout(config.deadlineMs),
        });
        await response.body.dump().catch(() => {});
        const ok = response.statusCode >= 200 && response.statusCode <= 299;
        return ok ? { ok } : { ok, detail: `health check answered HTTP ${response.statusCode}` };
      } catch (error) {
        return { ok: false, detail: `health check failed${codeOf(error)}` };
      }
    },
    close() {
      closing ??= pool.close().catch(() => pool.destroy()).then(() => undefined);
      return closing;
    },
  };
  return adapter;
};
