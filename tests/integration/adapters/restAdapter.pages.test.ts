import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import { AdapterKeyRefused, AdapterUnavailable, MappingInvalid, type Adapter } from '../../../adapters/sdk/index.js';
import { createTempDir, type TempDir } from '../../support/tempDir.js';
import { keysOf, sendJson, startTestHttpServer, type TestHttpServer } from '../../support/testHttpServer.js';
import { testCall, testDeps, type TestDeps } from '../../support/testDeps.js';

const entity = (name: string, path: string, pages: string) => `
  ${name}:
    path: ${path}
    keyParam: refs
    itemsAt: items
    key: ref
    many: true${pages}
    fields: { ref: ref, fromAgency: { const: probation }, toAgency: to, domain: { const: OTHER }, status: { const: SENT } }`;

const MAPPING = (pages: string) => `entities:${entity('referrals', '/referrals', pages)}
`;

describe('rest adapter paging, URL limits and retries', () => {
  let server: TestHttpServer;
  let other: TestHttpServer;
  let dir: TempDir;
  const opened: Adapter[] = [];
  const make = async (pages: string, extra: Record<string, unknown> = {}): Promise<{ adapter: Adapter; deps: TestDeps }> => {
    const file = `m${opened.length}.yaml`;
    await dir.write(file, MAPPING(pages));
    const deps = testDeps(dir.path);
    const adapter = await createAdapter('probation', { kind: 'rest', baseUrl: `${server.url}/api/v2`, mapping: file, auth: { type: 'bearer', token: 'tkn' }, ...extra }, deps);
    opened.push(adapter);
    return { adapter, deps };
  };
  /** Six referrals per key, two per page; page n links to n+1 in the style `style` asks for. */
  const paged = (style: 'absolute' | 'relative' | 'cursor' | 'elsewhere' | 'endless') => {
    server.routes['/api/v2/referrals'] = (req, res) => {
      const page = Number(req.url.searchParams.get('page') ?? req.url.searchParams.get('after') ?? 1);
      const keys = keysOf(req.url, 'refs');
      const items = keys.flatMap((ref) => [0, 1].map((i) => ({ ref, to: `a${page}${i}` })));
      const more = style === 'endless' || page < 3;
      const next = `/api/v2/referrals?refs=${keys.join(',')}&page=${page + 1}`;
      const link = !more ? null : style === 'absolute' ? `${server.url}${next}` : style === 'relative' ? next.replace('/api/v2/', '') : style === 'elsewhere' ? `${other.url}${next}` : next;
      sendJson(res, style === 'cursor' ? { items, meta: { cursor: more ? String(page + 1) : null } } : { items, links: { next: link } });
    };
  };

  beforeAll(async () => {
    [server, other] = await Promise.all([startTestHttpServer(), startTestHttpServer()]);
    dir = await createTempDir();
  });
  beforeEach(() => {
    server.seen.length = 0;
    other.seen.length = 0;
    server.routes = {};
  });
  afterAll(async () => {
    await Promise.allSettled(opened.map((a) => a.close()));
    await Promise.all([server.close(), other.close()]);
    await dir.remove();
  });

  it('follows absolute and relative next links on the agency origin, one backend call per page', async () => {
    for (const style of ['absolute', 'relative'] as const) {
      paged(style);
      const { adapter, deps } = await make('\n    pages: { next: links.next }');
      const [a, b] = await adapter.load('referrals', ['R1', 'R2'], testCall());
      expect((a as Array<{ toAgency: string }>).map((r) => r.toAgency)).toEqual(['a10', 'a11', 'a20', 'a21', 'a30', 'a31']);
      expect(b).toHaveLength(6);
      expect(deps.backendCalls).toEqual(['referrals', 'referrals', 'referrals']);
    }
  });

  it('sends a cursor back as the configured parameter until there is none', async () => {
    paged('cursor');
    const { adapter } = await make('\n    pages: { cursor: meta.cursor, param: after }');
    const [a] = await adapter.load('referrals', ['R1'], testCall());
    expect(a).toHaveLength(6);
    expect(server.seen.map((r) => r.url.searchParams.get('after'))).toEqual([null, '2', '3']);
  });

  it('refuses a next link to another host, never sending it the token', async () => {
    paged('elsewhere');
    const { adapter } = await make('\n    pages: { next: links.next }');
    const error = await adapter.load('referrals', ['R1'], testCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterUnavailable);
    expect((error as Error).message).toBe("probation: referrals: the next-page link leaves the agency's API");
    expect(other.seen).toEqual([]);
  });

  it('fails a runaway chain of pages after pages.max', async () => {
    paged('endless');
    const { adapter, deps } = await make('\n    pages: { next: links.next, max: 4 }');
    await expect(adapter.load('referrals', ['R1'], testCall())).rejects.toThrow('probation: referrals: more than 4 pages');
    expect(deps.backendCalls).toHaveLength(4);
  });

  it('reports a bad pages block at start with the entity, field and line', async () => {
    const file = `${dir.path}/m${opened.length}.yaml`;
    const error = await make('\n    pages: { next: links.next, param: p }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingInvalid);
    expect(error).toMatchObject({
      message: `probation: invalid mapping ${file}:8: entity "referrals", field "pages": pages.param goes with cursor, not next`,
      where: { file, line: 8, entity: 'referrals', field: 'pages' },
    });
  });

  it('cuts chunks to the URL limit and refuses, alone, a key that cannot fit', async () => {
    server.routes['/api/v2/referrals'] = (req, res) => sendJson(res, { items: keysOf(req.url, 'refs').map((ref) => ({ ref, to: 'welfare' })) });
    const { adapter } = await make('', { maxUrlLength: 300 });
    const keys = Array.from({ length: 40 }, (_, i) => `ключ-${i}`);
    const out = await adapter.load('referrals', [...keys, 'x'.repeat(400)], testCall());
    expect(out.slice(0, 40).every((v, i) => (v as Array<{ ref: string }>)[0]!.ref === keys[i])).toBe(true);
    expect(out[40]).toBeInstanceOf(AdapterKeyRefused);
    expect(server.seen.length).toBeGreaterThan(1);
    expect(server.seen.every((r) => `${r.url.pathname}${r.url.search}`.length <= 300)).toBe(true);
  });

  it('retries a 503 and a reset connection, but not a 500', async () => {
    let calls = 0;
    server.routes['/api/v2/referrals'] = (req, res) => {
      calls++;
      if (calls === 1) return sendJson(res, { error: 'busy' }, 503);
      if (calls === 2) return void res.socket?.destroy();
      sendJson(res, { items: keysOf(req.url, 'refs').map((ref) => ({ ref, to: 'welfare' })) });
    };
    const { adapter, deps } = await make('');
    expect(await adapter.load('referrals', ['R1'], testCall())).toEqual([[expect.objectContaining({ ref: 'R1' })]]);
    expect(deps.backendCalls).toHaveLength(3);
    server.routes['/api/v2/referrals'] = (_req, res) => sendJson(res, { error: 'bug' }, 500);
    deps.backendCalls.length = 0;
    await expect(adapter.load('referrals', ['R1'], testCall())).rejects.toThrow('probation: referrals: HTTP 500');
    expect(deps.backendCalls).toHaveLength(1);
  });
});
