import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import { ClientCredentialsToken } from '../../../adapters/rest/index.js';
import { AdapterUnavailable, type Adapter } from '../../../adapters/sdk/index.js';
import { createTempDir, type TempDir } from '../../support/tempDir.js';
import { keysOf, sendJson, startTestHttpServer, type TestHttpServer } from '../../support/testHttpServer.js';
import { testCall, testDeps } from '../../support/testDeps.js';

const MAPPING = `entities:
  person:
    path: /people
    keyParam: ids
    key: id
    fields: { ref: id, givenName: name, familyName: surname }
`;
const SECRET = 'client-secret-value';
const BASIC = `Basic ${Buffer.from(`reintegra:${SECRET}`).toString('base64')}`;

describe('rest adapter with OAuth 2.0 client credentials', () => {
  let server: TestHttpServer;
  let dir: TempDir;
  let issued = 0;
  let valid = new Set<string>();
  let ttl = 3600;
  const opened: Adapter[] = [];
  const tokenRequests = () => server.seen.filter((r) => r.path === '/oauth/token');

  const make = async (auth: Record<string, unknown> = {}): Promise<Adapter> => {
    const adapter = await createAdapter('probation', {
      kind: 'rest', baseUrl: `${server.url}/api`, mapping: 'm.yaml',
      auth: { type: 'clientCredentials', tokenUrl: `${server.url}/oauth/token`, clientId: 'reintegra', clientSecret: 'env:TEST_CLIENT_SECRET', scope: 'people.read', ...auth },
    }, testDeps(dir.path));
    opened.push(adapter);
    return adapter;
  };

  beforeAll(async () => {
    server = await startTestHttpServer();
    dir = await createTempDir();
    await dir.write('m.yaml', MAPPING);
    process.env.TEST_CLIENT_SECRET = SECRET;
  });
  beforeEach(() => {
    server.seen.length = 0;
    valid = new Set();
    ttl = 3600;
    server.routes = {
      '/oauth/token': (req, res) => {
        const form = new URLSearchParams(req.body);
        const basicOk = req.headers.authorization === BASIC;
        const postOk = form.get('client_id') === 'reintegra' && form.get('client_secret') === SECRET;
        if (form.get('grant_type') !== 'client_credentials' || !(basicOk || postOk)) return sendJson(res, { error: 'invalid_client', secret: 'leak' }, 401);
        const token = `tok-${++issued}`;
        valid.add(token);
        sendJson(res, { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: form.get('scope') });
      },
      '/api/people': (req, res) => {
        const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
        if (!valid.has(token)) return sendJson(res, { error: 'invalid_token' }, 401);
        sendJson(res, keysOf(req.url, 'ids').map((id) => ({ id, name: 'Ана', surname: 'Марковић' })));
      },
    };
  });
  afterAll(async () => {
    await Promise.allSettled(opened.map((a) => a.close()));
    await server.close();
    await dir.remove();
    delete process.env.TEST_CLIENT_SECRET;
  });

  it('fetches one token with the client credentials and reuses it for later batches', async () => {
    const adapter = await make();
    const [first] = await adapter.load('person', ['P1'], testCall());
    const both = await Promise.all([adapter.load('person', ['P2'], testCall()), adapter.load('person', ['P3'], testCall())]);
    expect(first).toMatchObject({ ref: 'P1', givenName: 'Ана' });
    expect(both.flat()).toEqual([expect.objectContaining({ ref: 'P2' }), expect.objectContaining({ ref: 'P3' })]);
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]!.headers.authorization).toBe(BASIC);
    expect(new URLSearchParams(tokenRequests()[0]!.body).get('scope')).toBe('people.read');
    expect(server.seen.filter((r) => r.path === '/api/people').every((r) => r.headers.authorization === 'Bearer tok-' + String(issued))).toBe(true);
  });

  it('sends the credentials in the form body with method post', async () => {
    const adapter = await make({ method: 'post' });
    expect(await adapter.load('person', ['P1'], testCall())).toEqual([expect.objectContaining({ ref: 'P1' })]);
    expect(tokenRequests()[0]!.headers.authorization).toBeUndefined();
  });

  it('drops a token the API refuses and retries once with a new one', async () => {
    const adapter = await make();
    await adapter.load('person', ['P1'], testCall());
    valid.clear(); // the agency revoked every token
    expect(await adapter.load('person', ['P2'], testCall())).toEqual([expect.objectContaining({ ref: 'P2' })]);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('fails the batch without quoting the token endpoint or the secret when it refuses the client', async () => {
    process.env.TEST_CLIENT_SECRET = 'wrong';
    const adapter = await make();
    process.env.TEST_CLIENT_SECRET = SECRET;
    const error = await adapter.load('person', ['P1'], testCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterUnavailable);
    expect((error as Error).message).toBe('probation: token endpoint answered HTTP 401');
    expect(JSON.stringify(error)).not.toContain('wrong');
    expect(server.seen.filter((r) => r.path === '/api/people')).toEqual([]);
  });

  it('renews the token in the background before it expires, and waits only once it has', async () => {
    let now = 1_000_000;
    ttl = 60;
    const token = new ClientCredentialsToken({
      agency: 'probation', tokenUrl: `${server.url}/oauth/token`, clientId: 'reintegra', clientSecret: SECRET,
      method: 'basic', refreshBeforeSec: 10, timeoutMs: 2000, now: () => now,
    });
    const signal = new AbortController().signal;
    const first = await token.get(signal);
    now += 49_000; // 11 s before expiry: still valid, not yet in the renewal window
    expect(await token.get(signal)).toBe(first);
    expect(tokenRequests()).toHaveLength(1);
    now += 2_000; // inside the window: the valid token is served while a new one is fetched
    expect(await token.get(signal)).toBe(first);
    // The renewal is done when its answer has been read, not when the server has seen the request.
    let renewed = first;
    for (let i = 0; i < 200 && renewed === first; i++) {
      await new Promise((r) => setTimeout(r, 5));
      renewed = await token.get(signal);
    }
    expect(renewed).not.toBe(first);
    expect(tokenRequests()).toHaveLength(2);
    now += 61_000; // past the renewed token's expiry: callers wait for a fresh one
    expect(await token.get(signal)).not.toBe(renewed);
    expect(tokenRequests()).toHaveLength(3);
  });
});
