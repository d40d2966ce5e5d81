import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { AuditCollector } from '../audit/index.js';
import { parseIntent } from '../auth/index.js';
import { CaseTeamStore } from '../coordination/index.js';
import type { GatewayContext } from '../context/index.js';
import { RateLimited, ReintegraError, Unauthenticated } from '../errors/index.js';
import { RequestAccess, RequestFacts } from '../policy/index.js';
import { RequestSources } from '../sources/index.js';
import type { Gateway } from './createGateway.js';
import { isAuditPagePath, serveAuditPage } from './auditPage/index.js';
import { isDashboardPath, serveDashboard } from './dashboard/index.js';
import { isGraphiqlAssetPath, serveGraphiql, wantsGraphiql } from './graphiql/index.js';
import { readBody } from './readBody.js';
import { readiness } from './readiness.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** What a caller is told of any authentication failure; the reason goes to the operational log only. */
const NOT_AUTHENTICATED = 'The bearer token is missing or was not accepted.';
/** Benchmark harness only (GatewayOptions.skipFacts): facts nobody reads. */
const NO_FACTS = { prefetch: () => undefined, load: async () => ({ assigned: null, consents: null }), confirmedLinks: async () => [] } as unknown as RequestFacts;

/**
 * The HTTP surface (contracts in DESIGN.md): `/graphql` (GET and POST), `/healthz`, `/readyz`,
 * `/metrics`, the privacy officers' page `/audit`, the example statistics dashboard `/dashboard`, and GraphiQL for browsers (`server.graphiql`). Authentication and the purpose header are settled before GraphQL runs; a request
 * that fails them never reaches the schema.
 */
export function createRequestHandler(gateway: Gateway): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, logger } = gateway;
  return (req, res) => {
    const supplied = req.headers['x-request-id'];
    const requestId = typeof supplied === 'string' && REQUEST_ID.test(supplied) ? supplied : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const route = url.pathname;
    const handled =
      route === '/graphql' ? (config.server.graphiql && wantsGraphiql(req, url) ? serveGraphiql(req, res, route) : graphql(gateway, req, res, url, requestId))
      : route === '/healthz' && req.method === 'GET' ? send(res, 200, 'application/json', '{"status":"ok"}')
      : route === '/readyz' && req.method === 'GET' ? readiness(gateway).then((r) => send(res, r.ready ? 200 : 503, 'application/json', JSON.stringify(r)))
      : route === '/metrics' && req.method === 'GET' ? gateway.metrics.registry.metrics().then((m) => send(res, 200, gateway.metrics.registry.contentType, m))
      : isAuditPagePath(route) ? serveAuditPage(req, res, route)
      : isDashboardPath(route) ? serveDashboard(req, res, route)
      : config.server.graphiql && isGraphiqlAssetPath(route) ? serveGraphiql(req, res, route)
      : send(res, 404, 'application/json', JSON.stringify({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] }));
    Promise.resolve(handled).catch((error: unknown) => {
      logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'Internal error.', 'INTERNAL_SERVER_ERROR');
      else res.destroy();
    });
  };

  async function graphql(gw: Gateway, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const started = process.hrtime.bigint();
    const log = logger.child({ requestId });
    // Every answer of /graphql is counted by its status, refusals before GraphQL ran included.
    const observe = () => gw.metrics.requests.observe({ outcome: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
    const refuse = (status: number, message: string, code: string) => {
      sendError(res, status, message, code);
      observe();
    };
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      return refuse(405, 'Use GET or POST.', 'METHOD_NOT_ALLOWED');
    }
    let context: GatewayContext;
    let body: unknown;
    try {
      const text = req.method === 'POST' ? await readBody(req, config.server.bodyLimitBytes) : '';
      // A proxy in front may have checked another of several credentials: none is chosen here.
      const authorization = req.headersDistinct.authorization;
      if (authorization !== undefined && authorization.length > 1) throw new Unauthenticated('several Authorization headers');
      const principal = await gw.verifyToken(authorization?.[0]);
      const wait = gw.rateLimiter.take(`${principal.agency}/${principal.sub}`);
      if (wait > 0) throw new RateLimited(`rate limit exceeded; retry in ${Math.ceil(wait / 1000)} s`, Math.ceil(wait / 1000));
      const intent = parseIntent(header(req, 'x-purpose-of-use'), header(req, 'x-break-glass'));
      body = req.method === 'POST' ? parseJsonBody(text, header(req, 'content-type')) : undefined;
      // One signal for the request: aborted by its time limit, or when the client goes away
      // before the answer. The timer ends with the response (an AbortSignal.timeout would fire
      // for every request long after it was answered).
      const controller = new AbortController();
      const timeLimit = setTimeout(() => controller.abort(new DOMException(`the request took longer than ${config.server.requestTimeoutMs} ms`, 'TimeoutError')), config.server.requestTimeoutMs);
      res.on('close', () => {
        clearTimeout(timeLimit);
        if (!res.writableFinished) controller.abort();
      });
      const signal = controller.signal;
      const audit = new AuditCollector(gw.auditLog);
      const sources = new RequestSources(gw.registry, { signal, purpose: intent.purpose ?? 'NONE', logger: log }, log);
      const caseTeams = new CaseTeamStore(gw.store);
      context = {
        requestId,
        principal,
        intent,
        audit,
        sources,
        access: new RequestAccess(gw.decide, principal, intent, audit, new Date()),
        caseTeams,
        facts: gw.skipFacts ? NO_FACTS : new RequestFacts(principal, gw.store, sources),
        consents: gw.consents,
        store: gw.store,
        notices: [],
        config,
        pseudonymize: gw.pseudonymize,
        agencies: config.agencies,
        logger: log,
      };
    } catch (error) {
      if (error instanceof ReintegraError) {
        log.warn({ code: error.code, reason: error.message, cause: (error.cause as Error | undefined)?.message }, 'request refused');
        if (error instanceof Unauthenticated) {
          // RFC 6750: `invalid_token` once a credential was sent, nothing more about why.
          res.setHeader('WWW-Authenticate', req.headers.authorization === undefined ? 'Bearer' : 'Bearer error="invalid_token"');
          return refuse(error.status, NOT_AUTHENTICATED, error.publicCode);
        }
        if (error instanceof RateLimited) res.setHeader('Retry-After', String(error.retryAfterSeconds));
        return refuse(error.status, error.message, error.publicCode);
      }
      throw error;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await gw.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
      context: async () => context,
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = legacyJsonStatus(result.status ?? 200, result.headers.get('content-type'), result.body);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
    observe();
  }
}

const REQUEST_ERRORS = /"code":"(GRAPHQL_PARSE_FAILED|GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)"/;

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (not the newer
 * `application/graphql-response+json`) SHOULD get 200 for a document that fails to parse or
 * validate, or variables that fail coercion; the error is in the body. Apollo answers 400.
 */
function legacyJsonStatus(status: number, contentType: string | undefined, body: { kind: string; string?: string }): number {
  if (status !== 400 || !contentType?.startsWith('application/json') || body.kind !== 'complete') return status;
  const text = body.string ?? '';
  return !text.includes('"data"') && REQUEST_ERRORS.test(text) ? 200 : status;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** JSON bodies are parsed here; other content types go to Apollo unparsed, which refuses them. */
function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (!contentType || !/^application\/(graphql-response\+)?json\b/i.test(contentType) || text === '') return text || undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(body);
}

function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
