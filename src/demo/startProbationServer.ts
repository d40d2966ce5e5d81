/**
 * The probation service's REST API over the world, on loopback (node:http, no framework).
 *
 *   GET /health                                  → { status: "ok", clients }   (no auth)
 *   GET /api/v1/clients?nationalIds=a,b,…        → { data: ProbationClient[], meta }
 *   GET /api/v1/clients?ids=KL-…,KL-…            → { data: ProbationClient[], meta }
 *   GET /api/v1/orders?clientIds=KL-…,…          → { data: ProbationOrder[], meta }  (conditions nested)
 *   GET /api/v1/plans?clientIds=KL-…,…           → { data: ProbationPlan[], meta }   (actions nested)
 *   GET /api/v1/client-ids?after=KL-…&limit=n    → { data: string[], meta }  (client ids in ascending
 *                                                   order after `after`; at most min(n, maxKeys))
 *
 * Contract: keys are comma-joined; unknown keys are simply absent from `data` (order follows the
 * request, duplicates answered once); `meta` = { requested, returned, maxKeys }. Errors are JSON
 * `{ error: { code, message } }`: 400 for a missing/empty/malformed key list or more than
 * `maxKeys` keys, 401 without the configured bearer token, 404 unknown path, 405 other methods.
 * Lookups are O(1) per key (Maps built once at start); records are derived per request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probationClientOf, probationOrderOf, probationPlanOf } from './probationRecordsOf.js';
import type { World, WorldPerson } from './types.js';

export interface ProbationServerOptions {
  port?: number;
  host?: string;
  /** When set, every /api request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Keys per request before a 400 (default 500). */
  maxKeys?: number;
}

export interface ProbationServer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Requests answered so far (all paths). */
  requests(): number;
  close(): Promise<void>;
}

const KEY_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export async function startProbationServer(world: World, options: ProbationServerOptions = {}): Promise<ProbationServer> {
  const maxKeys = options.maxKeys ?? 500;
  const byNationalId = new Map<string, WorldPerson>();
  const byClientId = new Map<string, WorldPerson>();
  for (const p of world.people) {
    if (p.refs.probation === null) continue;
    byNationalId.set(p.nationalId.value, p);
    byClientId.set(p.refs.probation, p);
  }
  const sortedClientIds = [...byClientId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const expectedAuth = options.token === undefined ? null : `Bearer ${options.token}`;
  let served = 0;

  /** Reads exactly one key-list parameter among `allowed`, validated. */
  function keysFrom(url: URL, allowed: readonly string[]): { param: string; keys: string[] } {
    const present = allowed.filter((name) => url.searchParams.has(name));
    if (present.length !== 1) throw new HttpError(400, 'BAD_QUERY', `exactly one of ${allowed.join(', ')} is required`);
    const param = present[0]!;
    const raw = url.searchParams.getAll(param).join(',');
    const keys = raw.split(',').map((k) => k.trim()).filter((k) => k.length > 0);
    if (keys.length === 0) throw new HttpError(400, 'BAD_QUERY', `${param} is empty`);
    if (keys.length > maxKeys) throw new HttpError(400, 'TOO_MANY_KEYS', `at most ${maxKeys} keys per request, got ${keys.length}`);
    const bad = keys.find((k) => !KEY_PATTERN.test(k));
    if (bad !== undefined) throw new HttpError(400, 'BAD_KEY', `malformed key: ${bad.slice(0, 40)}`);
    return { param, keys };
  }

  function lookup(keys: string[], index: Map<string, WorldPerson>, derive: (p: WorldPerson) => unknown): unknown[] {
    const seen = new Set<string>();
    const data: unknown[] = [];
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      const person = index.get(key);
      const record = person === undefined ? null : derive(person);
      if (record !== null) data.push(record);
    }
    return data;
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    served++;
    const url = new URL(req.url ?? '/', 'http://probation.local');
    const routes = ['/health', '/api/v1/clients', '/api/v1/orders', '/api/v1/plans', '/api/v1/client-ids'];
    if (!routes.includes(url.pathname)) throw new HttpError(404, 'NOT_FOUND', `no such resource: ${url.pathname}`);
    if (req.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'only GET is supported');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok', clients: byClientId.size });
    if (expectedAuth !== null && req.headers.authorization !== expectedAuth) throw new HttpError(401, 'UNAUTHORIZED', 'a valid bearer token is required');

    let data: unknown[];
    let requested: number;
    if (url.pathname === '/api/v1/client-ids') {
      const after = url.searchParams.get('after');
      const limit = Number(url.searchParams.get('limit') ?? maxKeys);
      if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'BAD_QUERY', 'limit must be a positive integer');
      if (after !== null && !KEY_PATTERN.test(after)) throw new HttpError(400, 'BAD_KEY', 'malformed after');
      const from = after === null ? 0 : sortedClientIds.findIndex((id) => id > after);
      data = from < 0 ? [] : sortedClientIds.slice(from, from + Math.min(limit, maxKeys));
      requested = limit;
    } else if (url.pathname === '/api/v1/clients') {
      const { param, keys } = keysFrom(url, ['nationalIds', 'ids']);
      requested = keys.length;
      data = lookup(keys, param === 'ids' ? byClientId : byNationalId, (p) => probationClientOf(world, p));
    } else {
      const { keys } = keysFrom(url, ['clientIds']);
      requested = keys.length;
      const derive = url.pathname === '/api/v1/orders' ? probationOrderOf : probationPlanOf;
      data = lookup(keys, byClientId, (p) => derive(world, p));
    }
    send(res, 200, { data, meta: { requested, returned: data.length, maxKeys } });
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, 'INTERNAL', 'internal error');
      send(res, e.status, { error: { code: e.code, message: e.message } });
    }
  });
  server.keepAliveTimeout = 30_000; // benchmark clients reuse connections
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    requests: () => served,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
