/**
 * Hostile HTTP clients and operations against a gateway configured like a deployment
 * (introspection off, limits on, persisted operations logged). Each case: a clear coded error,
 * the right status, no stack trace or internal detail, nothing released, and the attempt in the
 * operational log.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../support/logCapture.js';
import { backendCalls, gql, startTestGateway, tokenFor } from '../support/embedded.js';

const KNOWN_OPERATION = '{ me { agency } }';
let gw: Awaited<ReturnType<typeof startTestGateway>>;
/** Refusals before execution are 400 for clients of the current media type (200 under plain application/json). */
const MODERN = { accept: 'application/graphql-response+json' };
const NOT_AUTHENTICATED = 'The bearer token is missing or was not accepted.';
let token: string;
const logs = captureLogs('warn');

beforeAll(async () => {
  const manifest = join(process.env.TMPDIR ?? '/tmp', `reintegra-ops-${process.pid}.json`);
  writeFileSync(manifest, JSON.stringify({ 'case-system': { [createHash('sha256').update(KNOWN_OPERATION).digest('hex')]: KNOWN_OPERATION } }));
  gw = await startTestGateway({
    logger: logs.logger,
    configure: (c) => {
      c.server.introspection = false;
      c.server.graphiql = false; // GraphiQL needs introspection (the config check refuses one without the other)
      c.server.headersTimeoutMs = 1000;
      c.server.bodyLimitBytes = 64 * 1024;
      c.server.limits = { maxDepth: 4, maxAliases: 5, maxDirectives: 5, maxTokens: 800, maxCost: 100 };
      c.server.rateLimit = { requestsPerMinute: 60, burst: 100 };
      c.persistedOperations = { mode: 'log', manifest };
    },
  });
  token = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-po-07');
});

afterAll(async () => {
  await gw?.close();
});

function code(res: Awaited<ReturnType<typeof gql>>) {
  return res.body.errors?.[0]?.extensions?.code;
}

/** Writes `text` on a raw connection to the gateway: what it answered before closing, or 'still open' after 8 s. */
function rawExchange(text: string): Promise<string> {
  return new Promise<string>((resolve) => {
    const socket = connect(Number(new URL(gw.url).port), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    socket.on('close', () => resolve(answer));
    setTimeout(() => { socket.destroy(); resolve('still open'); }, 8000);
  });
}

function noInternals(res: Awaited<ReturnType<typeof gql>>) {
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/stacktrace|at [A-Za-z]+ \(|node_modules|\/src\//);
}

describe('operations', () => {
  it('refuses an operation deeper than the limit', async () => {
    const shallow = await gql(gw.url, '{ person(identifier: {scheme: KOSOVO_PN, value: "1234567890"}) { custody { status } } }', { token, purpose: 'SUPERVISION', headers: MODERN });
    expect(shallow.body.errors).toBeUndefined();
    const deep = await gql(gw.url, '{ person(identifier: {scheme: KOSOVO_PN, value: "1234567890"}) { custody { sentence { offences { code } } } } }', { token, purpose: 'SUPERVISION', headers: MODERN });
    expect(deep.status).toBe(400);
    expect(code(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.body.errors?.[0]?.message).toMatch(/Query depth limit of 4 exceeded/);
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: me { sub }`).join(' ');
    const res = await gql(gw.url, `{ ${aliases} }`, { token, headers: MODERN });
    expect(res.status).toBe(400);
    expect(code(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0]?.message).toMatch(/Aliases limit of 5 exceeded/);
  });

  it('refuses more directives than the limit', async () => {
    const res = await gql(gw.url, `{ me { sub ${'@include(if: true) '.repeat(6)} } }`, { token, headers: MODERN });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/Directives limit of 5 exceeded/);
  });

  it('refuses a document with more tokens than the limit before validating it', async () => {
    const res = await gql(gw.url, `{ me { ${'sub '.repeat(900)} } }`, { token, headers: MODERN });
    expect(res.status).toBe(400);
    expect(code(res)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.body.errors?.[0]?.message).toBe('Syntax Error: Document contains more that 800 tokens. Parsing aborted.');
  });

  it('refuses an operation whose cost exceeds the limit', async () => {
    const wide = `custody { status establishment admissionDate expectedReleaseDate earliestReleaseDate paroleEligibilityDate }
      supervision { orderType startDate endDate conditions { category description } compliance { status lastContactDate missedAppointments } }
      welfare { status caseNumber centre openedOn needs { domain level assessedOn } services { type domain provider status } }
      programmes { programme provider type startDate endDate sessionsPlanned sessionsAttended completion }`;
    const res = await gql(gw.url, `{ person(identifier: {scheme: KOSOVO_PN, value: "1234567890"}) { ${wide} } }`, { token, purpose: 'SUPERVISION', headers: MODERN });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/Query Cost limit of 100 exceeded/);
  });

  it('counts the directives of every fragment spread, its own included', async () => {
    const res = await gql(gw.url, `{ me { ${'...A @include(if: true) '.repeat(6)} } } fragment A on Principal { sub }`, { token, headers: MODERN });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/Directives limit of 5 exceeded, found 6/);
    const within = await gql(gw.url, `{ me { ${'...A @include(if: true) '.repeat(2)} } } fragment A on Principal { sub @skip(if: false) }`, { token, headers: MODERN });
    expect(within.body).toEqual({ data: { me: { sub: 'probation-po-07' } } });
  });

  it('runs nothing when operationName names no operation of the document, over POST or GET', async () => {
    const withdraw = 'mutation W { withdrawConsent(id: "00000000-0000-0000-0000-000000000000", identifier: {scheme: KOSOVO_PN, value: "1234567890"}) { id } }';
    const headers = { 'content-type': 'application/json', accept: MODERN.accept, authorization: `Bearer ${token}`, 'x-purpose-of-use': 'SUPERVISION' };
    // Run under its own name, the mutation answers (it finds no such consent): the control case.
    const named = await (await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: withdraw, operationName: 'W' }) })).json() as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(named.errors?.[0]?.extensions?.code).not.toBe('OPERATION_RESOLUTION_FAILURE');
    const post = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: withdraw, operationName: 'X' }) });
    expect(post.status).toBe(400);
    expect(await post.json()).toEqual({ errors: [{ message: 'Unknown operation named "X".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
    const get = await fetch(`${gw.url}/graphql?${new URLSearchParams({ query: withdraw, operationName: 'X' })}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    const before = await backendCalls(gw.url);
    const query = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: '{ person(identifier: {scheme: KOSOVO_PN, value: "1234567890"}) { id } }', operationName: 'X' }) });
    expect(query.status).toBe(400);
    expect(await backendCalls(gw.url)).toBe(before);
  });

  it('refuses subscriptions as invalid', async () => {
    const res = await gql(gw.url, 'subscription { me { sub } }', { token, headers: MODERN });
    expect(res.status).toBe(400);
    expect(code(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0]?.message).toBe('Subscriptions are not supported.');
  });

  it('refuses a mutation with more than one root field, counted through aliases and fragments, before anything changes', async () => {
    const withdraw = (alias: string) => `${alias}: withdrawConsent(id: "00000000-0000-0000-0000-000000000000", identifier: {scheme: KOSOVO_PN, value: "1234567890"}) { id }`;
    for (const document of [
      `mutation { ${withdraw('a')} ${withdraw('b')} }`,
      `mutation { ${withdraw('a')} ...More } fragment More on Mutation { ${withdraw('b')} }`,
      `mutation { ... on Mutation { ${withdraw('a')} } ${withdraw('b')} }`,
    ]) {
      const res = await gql(gw.url, document, { token, purpose: 'CASE_MANAGEMENT', headers: MODERN });
      expect(res.status, document).toBe(400);
      expect(code(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors?.[0]?.message).toBe('A mutation changes one thing at a time: this one has 2 root fields. Send each change as its own request.');
    }
    const one = await gql(gw.url, `mutation { __typename ${withdraw('a')} }`, { token, purpose: 'CASE_MANAGEMENT', headers: MODERN });
    expect(code(one)).not.toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses NUL characters in variables and in string literals before anything runs', async () => {
    const filter = 'query($s: String) { auditLog { events(filter: {callerSub: $s}) { hasMore } } }';
    const variable = await gql(gw.url, filter, { token, purpose: 'AUDIT', variables: { s: 'a\u0000b' }, headers: MODERN });
    expect(variable.status).toBe(400);
    expect(variable.body).toEqual({ errors: [{ message: 'Variable $s must not contain NUL characters.', extensions: { code: 'BAD_USER_INPUT' } }] });
    const literal = await gql(gw.url, '{ auditLog { events(filter: {callerSub: "a\\u0000b"}) { hasMore } } }', { token, purpose: 'AUDIT', headers: MODERN });
    expect(literal.status).toBe(400);
    expect(code(literal)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.body.errors?.[0]?.message).toBe('Strings must not contain NUL characters.');
  });

  it('reports a variable that does not coerce as BAD_USER_INPUT, under compiled execution too', async () => {
    const res = await gql(gw.url, 'query($n: Int!) { auditLog { events(first: $n) { hasMore } } }', { token, purpose: 'AUDIT', variables: { n: 1.5 }, headers: MODERN });
    expect(res.status).toBe(400);
    expect(code(res)).toBe('BAD_USER_INPUT');
    noInternals(res);
  });

  it('refuses fragment cycles', async () => {
    const res = await gql(gw.url, `{ me { ...A } } fragment A on Principal { sub ...B } fragment B on Principal { agency ...A }`, { token, headers: MODERN });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('refuses batched requests', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ me { sub } }' }, { query: '{ me { sub } }' }]),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batch/i);
  });

  it('refuses more people than the per-request limit, before asking any agency', async () => {
    const before = await backendCalls(gw.url);
    const ids = Array.from({ length: 501 }, () => ({ scheme: 'KOSOVO_PN', value: '1234567890' }));
    const res = await gql(gw.url, 'query($ids: [IdentifierInput!]!) { people(identifiers: $ids) { id } }', { token, purpose: 'SUPERVISION', variables: { ids } });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toBe('At most 500 identifiers per request.');
    expect(await backendCalls(gw.url)).toBe(before);
  });

  it('has introspection and field suggestions off outside the demo', async () => {
    const intro = await gql(gw.url, '{ __schema { types { name } } }', { token, headers: MODERN });
    expect(intro.status).toBe(400);
    expect(JSON.stringify(intro.body)).toMatch(/introspection/i);
    const typo = await gql(gw.url, '{ me { agncy } }', { token, headers: MODERN });
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    noInternals(typo);
  });

  it('logs an operation that is not in the client’s trusted list, and runs it in log mode', async () => {
    const client = await tokenFor(gw.home, 'probation', 'probation_officer', 'case-system');
    const res = await gql(gw.url, '{ me { sub } }', { token: client });
    expect(res.body.data).toEqual({ me: { sub: 'case-system' } });
    expect(logs.lines.some((l) => l.msg === 'ran an operation not in the client’s trusted list' && l.client === 'case-system')).toBe(true);
    const known = await gql(gw.url, KNOWN_OPERATION, { token: client });
    expect(known.body.data).toEqual({ me: { agency: 'probation' } });
  });
});

describe('HTTP', () => {
  it('refuses a body over the limit with 413 and reads no more of it', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { sub } }', variables: { pad: 'x'.repeat(70 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ errors: [{ message: 'request body exceeds 65536 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('refuses a content type that is not JSON', async () => {
    const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, body: '<q/>' });
    expect([400, 415]).toContain(res.status);
  });

  it('refuses a simple cross-site form post (CSRF)', async () => {
    const res = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ me { sub } }')}`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` }, body: '{ me { sub } }' });
    expect(res.status).toBe(400);
    const get = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ me { sub } }')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
  });

  it('never runs a mutation over GET', async () => {
    const q = encodeURIComponent('mutation { withdrawConsent(id: "00000000-0000-0000-0000-000000000000", identifier: {scheme: KOSOVO_PN, value: "1234567890"}) { id } }');
    const res = await fetch(`${gw.url}/graphql?query=${q}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true', 'x-purpose-of-use': 'SUPERVISION' } });
    expect(res.status).toBe(405);
  });

  it('answers a query over GET', async () => {
    const res = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ me { sub } }')}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { me: { sub: 'probation-po-07' } } });
  });

  it('closes the connection of a client that sends its headers too slowly', async () => {
    const closed = await rawExchange('POST /graphql HTTP/1.1\r\nHost: x\r\n');
    expect(closed).not.toBe('still open');
    expect(closed === '' || closed.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('limits each caller’s rate with 429 and Retry-After, without affecting other callers', async () => {
    const flood = await tokenFor(gw.home, 'prison', 'prison_officer', 'flooding-client');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const started = Date.now();
    for (let i = 0; i < 105; i++) {
      const res = await gql(gw.url, '{ me { sub } }', { token: flood });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect(code(res)).toBe('RATE_LIMITED');
      }
    }
    // A burst of 100, then one more request a second (60 a minute) while the loop runs.
    const refilled = Math.floor((Date.now() - started) / 1000);
    const answered = statuses.filter((s) => s === 200).length;
    expect(answered).toBeGreaterThanOrEqual(100);
    expect(answered).toBeLessThanOrEqual(100 + refilled);
    expect(statuses.filter((s) => s === 429)).toHaveLength(105 - answered);
    expect(answered).toBeLessThan(105);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await gql(gw.url, '{ me { sub } }', { token })).status).toBe(200);
    expect(logs.lines.some((l) => l.code === 'ERR_HTTP_RATE_LIMITED')).toBe(true);
  });

  it('refuses a bad token with 401 and records the attempt in the operational log without the token', async () => {
    const forged = `${token.split('.').slice(0, 2).join('.')}.AAAA`;
    const res = await gql(gw.url, '{ me { sub } }', { token: forged });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(res.body).toEqual({ errors: [{ message: NOT_AUTHENTICATED, extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(logs.lines.some((l) => l.msg === 'request refused' && l.code === 'ERR_AUTH_UNAUTHENTICATED' && l.reason === 'token did not verify')).toBe(true);
    expect(logs.text()).not.toContain(token.split('.')[2]!);
  });

  it('tells a caller nothing of why a token was refused: an unknown issuer reads as a bad signature', async () => {
    const [head, , signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const unknownIssuer = `${head}.${Buffer.from(JSON.stringify({ ...claims, iss: 'urn:nobody' })).toString('base64url')}.${signature}`;
    const forged = `${token.split('.').slice(0, 2).join('.')}.AAAA`;
    const [a, b] = await Promise.all([gql(gw.url, '{ me { sub } }', { token: unknownIssuer }), gql(gw.url, '{ me { sub } }', { token: forged })]);
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body).toEqual(b.body);
    expect(logs.lines.some((l) => l.msg === 'request refused' && l.reason === 'token from an unknown issuer')).toBe(true);
  });

  it('refuses a request carrying several Authorization headers, whichever comes first', async () => {
    for (const order of [[`Bearer ${token}`, 'Bearer junk'], ['Bearer junk', `Bearer ${token}`]]) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.setHeader('authorization', order); // sent as two header lines
        req.on('error', reject);
        req.end(JSON.stringify({ query: '{ me { sub } }' }));
      });
      expect(status).toBe(401);
    }
    expect(logs.lines.some((l) => l.msg === 'request refused' && l.reason === 'several Authorization headers')).toBe(true);
  });

  it('counts refusals before GraphQL runs in the request metrics, by status', async () => {
    const count = async () => {
      const text = await (await fetch(`${gw.url}/metrics`)).text();
      return Number(/reintegra_graphql_request_duration_seconds_count\{outcome="401"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await count();
    expect((await gql(gw.url, '{ me { sub } }')).status).toBe(401);
    expect(await count()).toBe(before + 1);
  });

  it('logs a request Node’s HTTP parser refuses (a NUL in a header) and answers it 400', async () => {
    const answer = await rawExchange('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0000b\r\n\r\n');
    expect(answer.startsWith('HTTP/1.1 400 Bad Request')).toBe(true);
    expect(logs.lines.some((l) => l.msg === 'HTTP request refused before it was read' && l.status === 400)).toBe(true);
  });
});

describe('values reaching agencies', () => {
  it.each([
    // The resolver refuses what it checks; NUL bytes are refused before the operation runs at all.
    ['an injection string', 'JMBG', "0101990710024'; DROP TABLE \"INMATE_MASTER\"; --", { person: null }],
    ['an over-long value', 'KOSOVO_PN', '1'.repeat(5000), { person: null }],
    ['a wrong check digit', 'JMBG', '0101990710025', { person: null }],
    ['NUL bytes', 'AL_NID', 'J1234\u00005678N', undefined],
  ])('turns %s in an identifier into BAD_USER_INPUT before any agency is asked', async (_, scheme, value, data) => {
    const before = await backendCalls(gw.url);
    const res = await gql(gw.url, 'query($id: IdentifierInput!) { person(identifier: $id) { id } }', { token, purpose: 'SUPERVISION', variables: { id: { scheme, value } } });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.body.data).toEqual(data);
    noInternals(res);
    expect(await backendCalls(gw.url)).toBe(before);
  });

  it('turns a hostile agency reference into BAD_USER_INPUT before the agency is asked', async () => {
    const before = await backendCalls(gw.url);
    for (const ref of ["1' OR '1'='1", 'x'.repeat(65), '../../etc/passwd\u0000']) {
      const res = await gql(gw.url, 'query($r: String!) { personByAgencyRef(agency: "prison", ref: $r) { id } }', { token, purpose: 'SUPERVISION', variables: { r: ref } });
      expect(code(res)).toBe('BAD_USER_INPUT');
    }
    expect(await backendCalls(gw.url)).toBe(before);
  });
});

describe('a gateway without trusted operations, at the default limits', () => {
  let plain: Awaited<ReturnType<typeof startTestGateway>>;
  let plainToken: string;
  const plainLogs = captureLogs('warn');

  beforeAll(async () => {
    plain = await startTestGateway({ logger: plainLogs.logger });
    plainToken = await tokenFor(plain.home, 'probation', 'probation_officer', 'probation-po-07');
  });

  afterAll(async () => {
    await plain?.close();
  });

  const post = (body: unknown) =>
    fetch(`${plain.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...MODERN, authorization: `Bearer ${plainToken}` }, body: JSON.stringify(body) });

  it('refuses an operation sent by id alone with 400 PERSISTED_QUERY_NOT_SUPPORTED, and runs one sent with its text', async () => {
    const byId = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(byId.status).toBe(400);
    expect(await byId.json()).toEqual({ errors: [{ message: 'Operations cannot be sent by id to this gateway; send the full text.', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }] });
    const query = '{ me { sub } }';
    const withText = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } });
    expect(await withText.json()).toEqual({ data: { me: { sub: 'probation-po-07' } } });
    expect(plainLogs.lines.filter((l) => l.level === 50)).toEqual([]);
  });

  it('answers a document nested deeper than the parser’s stack with a syntax error, and logs it', async () => {
    const nested = `${'['.repeat(2400)}1${']'.repeat(2400)}`;
    const res = await post({ query: `{ people(identifiers: ${nested}) { id } }` });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: 'Syntax Error: the document could not be parsed.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
    expect(plainLogs.lines.some((l) => l.msg === 'unexpected error in a request' && JSON.stringify(l.err).includes('Maximum call stack size exceeded'))).toBe(true);
    expect((await post({ query: '{ me { sub } }' })).status).toBe(200);
  });
});
