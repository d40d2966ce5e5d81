import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import {
  AdapterAborted, AdapterBadRecord, AdapterConfigInvalid, AdapterTimeout, AdapterUnavailable, type Adapter,
} from '../../../adapters/sdk/index.js';
import { settlesWithin } from '../../support/adapterConformance.js';
import { createTempDir, type TempDir } from '../../support/tempDir.js';
import { testCall, testDeps, type TestDeps } from '../../support/testDeps.js';

const MAPPING = `
entities:
  personByNationalId:
    path: /people
    keyParam: ids
    key: nid.value
    itemsAt: data.items
    fields:
      ref: personId
      nationalId.scheme: { const: JMBG }
      nationalId.value: nid.value
      nationalId.country: nid.country
      givenName: name.given
      familyName: name.family
      dateOfBirth: { from: born, type: date }
  supervision:
    path: /supervision
    keyParam: refs
    key: personRef
    maxBatch: 2
    fields:
      ref: personRef
      orderType: { from: order, map: { P: PAROLE, U: PROBATION } }
      officer.staffRef: officer.id
      officer.name: officer.name
      compliance.status: { from: compliance, map: { OK: COMPLIANT } }
      compliance.missedAppointments: { from: missed, type: int }
    lists:
      conditions:
        from: conditions
        fields:
          category: { from: cat, map: { JAV: REPORTING, STAN: RESIDENCE }, default: OTHER }
          description: text
  referrals:
    path: /referrals
    keyParam: ref
    key: ref
    many: true
    fields: { ref: ref, fromAgency: { const: probation }, toAgency: to, domain: { const: OTHER }, status: { const: SENT } }
`;

const PEOPLE: Record<string, unknown> = {
  '0101990710001': { personId: 'P-1', nid: { value: '0101990710001', country: 'RS' }, name: { given: 'Марко', family: 'Петровић' }, born: '01.01.1990.' },
  '1505985715002': { personId: 'P-2', nid: { value: '1505985715002', country: 'XK' }, name: { given: 'Lirë', family: 'Çela' }, born: '1985-05-15' },
  'a b/ë,1': { personId: 'P-3', nid: { value: 'a b/ë,1' }, name: { given: 'Odd', family: 'Key' } },
  hostile: { personId: 'P-4', nid: { value: 'hostile' }, name: { given: { $gt: '' }, family: 'X' } },
};

interface Seen {
  path: string;
  keys: string[];
  auth: string | undefined;
}

type Handler = (keys: string[], res: ServerResponse) => void;

const json = (res: ServerResponse, body: unknown, status = 200): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

describe('rest adapter', () => {
  let dir: TempDir;
  let baseUrl: string;
  let server: ReturnType<typeof createServer>;
  let seen: Seen[] = [];
  let routes: Record<string, Handler> = {};
  const opened: Adapter[] = [];
  let adapter: Adapter;
  let deps: TestDeps;

  const defaultRoutes = (): Record<string, Handler> => ({
    '/api/people': (keys, res) =>
      // Unknown keys are simply absent; a non-object item and a keyless item are mixed in.
      json(res, { data: { items: [...keys.flatMap((k) => (PEOPLE[k] ? [PEOPLE[k]] : [])), 42, 'x', null, { personId: 'no-key' }] } }),
    '/api/supervision': (keys, res) =>
      json(res, keys.map((k) => ({
        personRef: k, order: 'P', officer: k === 'R1' ? { id: 'S-9', name: 'Ана' } : null, missed: k === 'R1' ? '2' : null,
        conditions: [{ cat: 'JAV', text: 'Weekly' }, 'junk', { cat: '??', text: 'Ne pij' }],
      }))),
    '/api/referrals': (keys, res) => json(res, keys.flatMap((k) => [{ ref: k, to: 'welfare' }, { ref: k, to: 'ngo' }])),
    '/api/health': (_keys, res) => json(res, { ok: true }),
  });

  const make = async (extra: Record<string, unknown> = {}, d = testDeps(dir.path)): Promise<Adapter> => {
    const a = await createAdapter('probation', { kind: 'rest', baseUrl, mapping: 'probation.yaml', healthPath: '/health', ...extra }, d);
    opened.push(a);
    return a;
  };

  beforeAll(async () => {
    dir = await createTempDir();
    await dir.write('probation.yaml', MAPPING);
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x');
      // Split the raw value before decoding: separators are literal commas, a comma inside a key is %2C.
      const raw = url.search.replace(/^\?[^=]*=/, '');
      const keys = raw ? raw.split(',').map(decodeURIComponent) : [];
      seen.push({ path: url.pathname, keys, auth: req.headers.authorization });
      const handler = routes[url.pathname];
      if (handler) handler(keys, res);
      else json(res, { error: 'not found' }, 404);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
    process.env.TEST_PROBATION_TOKEN = 's3cret-token';
    deps = testDeps(dir.path);
    adapter = await make({ auth: { type: 'bearer', token: 'env:TEST_PROBATION_TOKEN' } }, deps);
  });
  beforeEach(() => {
    seen = [];
    routes = defaultRoutes();
    deps.backendCalls.length = 0;
  });
  afterAll(async () => {
    await Promise.allSettled(opened.map((a) => a.close()));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dir.remove();
    delete process.env.TEST_PROBATION_TOKEN;
  });

  it('answers in key order, null for unknown keys, duplicates each their value; one GET', async () => {
    const out = await adapter.load('personByNationalId', ['1505985715002', 'nobody', '0101990710001', '1505985715002'], testCall());
    expect(out).toEqual([
      expect.objectContaining({ ref: 'P-2', givenName: 'Lirë', familyName: 'Çela', dateOfBirth: '1985-05-15' }),
      null,
      {
        ref: 'P-1', nationalId: { scheme: 'JMBG', value: '0101990710001', country: 'RS' },
        givenName: 'Марко', familyName: 'Петровић', script: null, dateOfBirth: '1990-01-01', sex: null, municipality: null,
      },
      expect.objectContaining({ ref: 'P-2' }),
    ]);
    expect(seen).toEqual([{ path: '/api/people', keys: ['1505985715002', 'nobody', '0101990710001'], auth: 'Bearer s3cret-token' }]);
    expect(deps.backendCalls).toEqual(['personByNationalId']);
  });

  it('URL-encodes keys', async () => {
    const [odd] = await adapter.load('personByNationalId', ['a b/ë,1'], testCall());
    expect(odd).toMatchObject({ ref: 'P-3', nationalId: { value: 'a b/ë,1', country: null } });
  });

  it('fails only the item whose values do not fit their types', async () => {
    const [hostile, marko] = await adapter.load('personByNationalId', ['hostile', '0101990710001'], testCall());
    expect(hostile).toBeInstanceOf(AdapterBadRecord);
    expect(marko).toMatchObject({ ref: 'P-1' });
  });

  it('reads lists with from, drops non-object elements, and chunks by maxBatch', async () => {
    const out = await adapter.load('supervision', ['R1', 'R2', 'R3', 'R4', 'R5'], testCall());
    expect(out[0]).toEqual({
      ref: 'R1', orderType: 'PAROLE', startDate: null, endDate: null,
      conditions: [{ category: 'REPORTING', description: 'Weekly' }, { category: 'OTHER', description: 'Ne pij' }],
      officer: { staffRef: 'S-9', name: 'Ана', office: null },
      compliance: { status: null, lastContactDate: null, missedAppointments: 2 },
    });
    expect(out[1]).toMatchObject({ ref: 'R2', officer: null, compliance: null });
    expect(seen.map((s) => s.keys)).toEqual([['R1', 'R2'], ['R3', 'R4'], ['R5']]);
    expect(deps.backendCalls).toHaveLength(3);
  });

  it('collects many items per key for list entities', async () => {
    const [a, b] = await adapter.load('referrals', ['A', 'B'], testCall());
    expect((a as Array<{ toAgency: string }>).map((r) => r.toAgency)).toEqual(['welfare', 'ngo']);
    expect(b).toHaveLength(2);
  });

  it('calls nothing for an empty batch', async () => {
    expect(await adapter.load('personByNationalId', [], testCall())).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('rejects with AdapterTimeout when the endpoint is slower than the deadline', async () => {
    routes['/api/people'] = (_keys, res) => void setTimeout(() => json(res, { data: { items: [] } }), 1500);
    const slow = await make({ deadlineMs: 200 });
    await expect(settlesWithin(slow.load('personByNationalId', ['x'], testCall()), 1400)).rejects.toBeInstanceOf(AdapterTimeout);
  });

  it('rejects with AdapterAborted when the caller aborts', async () => {
    routes['/api/people'] = (_keys, res) => void setTimeout(() => json(res, { data: { items: [] } }), 1500);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(adapter.load('personByNationalId', ['x'], testCall(controller.signal))).rejects.toBeInstanceOf(AdapterAborted);
  });

  it('rejects a 500 with AdapterUnavailable naming the status, not the body', async () => {
    routes['/api/people'] = (_keys, res) => json(res, { secret: 'stack trace with data' }, 500);
    const error = await adapter.load('personByNationalId', ['x'], testCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterUnavailable);
    expect((error as Error).message).toContain('HTTP 500');
    expect((error as Error).message).not.toContain('stack trace');
  });

  it('rejects malformed JSON, a missing item array and an oversized body with AdapterUnavailable', async () => {
    routes['/api/people'] = (_keys, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [');
    await expect(adapter.load('personByNationalId', ['x'], testCall())).rejects.toThrow(/not valid JSON/);
    routes['/api/people'] = (_keys, res) => json(res, { data: { items: 'nope' } });
    await expect(adapter.load('personByNationalId', ['x'], testCall())).rejects.toThrow(/no item array at data.items/);
    routes['/api/people'] = (_keys, res) => json(res, { data: { items: [], pad: 'x'.repeat(5000) } });
    const small = await make({ maxResponseBytes: 1000 });
    await expect(small.load('personByNationalId', ['x'], testCall())).rejects.toBeInstanceOf(AdapterUnavailable);
  });

  it('rejects a body declared as something else than JSON (a login page), and reads one declared +json or without a type', async () => {
    const body = JSON.stringify({ data: { items: [] } });
    routes['/api/people'] = (_keys, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    await expect(adapter.load('personByNationalId', ['x'], testCall())).rejects.toThrow(/content type is not JSON/);
    routes['/api/people'] = (_keys, res) => res.writeHead(200, { 'content-type': 'application/vnd.agency.people+json; charset=utf-8' }).end(body);
    await expect(adapter.load('personByNationalId', ['x'], testCall())).resolves.toHaveLength(1);
    routes['/api/people'] = (_keys, res) => res.writeHead(200).end(body);
    await expect(adapter.load('personByNationalId', ['x'], testCall())).resolves.toHaveLength(1);
  });

  it('rejects with AdapterUnavailable when the server is down', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const down = await make({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await down.load('personByNationalId', ['x'], testCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterUnavailable);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(await down.ready()).toMatchObject({ ok: false });
  });

  it('is ready on a 2xx health answer only, and close() may be called twice', async () => {
    expect(await adapter.ready()).toEqual({ ok: true, circuit: 'closed' });
    const wrong = await make({ healthPath: '/missing' });
    expect(await wrong.ready()).toEqual({ ok: false, detail: 'health check answered HTTP 404', circuit: 'closed' });
    await wrong.close();
    await expect(wrong.close()).resolves.toBeUndefined();
  });

  it('refuses a bearer token variable that is not set', async () => {
    await expect(make({ auth: { type: 'bearer', token: 'env:NO_SUCH_TOKEN_VARIABLE' } })).rejects.toBeInstanceOf(AdapterConfigInvalid);
  });
});
