import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import { AdapterUnavailable, MappingInvalid, type Adapter } from '../../../adapters/sdk/index.js';
import { createTempDir, type TempDir } from '../../support/tempDir.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../../support/testHttpServer.js';
import { testCall, testDeps } from '../../support/testDeps.js';

const mapping = (query: string, extra = '') => `entities:
  welfareCase:
    query: ${JSON.stringify(query)}${extra}
    itemsAt: cases.nodes
    key: client.id
    fields:
      ref: client.id
      caseNumber: number
      status: { from: state, map: { OPEN: OPEN, CLOSED: CLOSED } }
    lists:
      needs:
        from: needs
        fields: { domain: area, level: level }
`;
const QUERY = 'query Cases($ids: [ID!]!, $first: Int = 100) { cases(clientIds: $ids, first: $first) { nodes { number state client { id } needs { area level } } } }';

describe('graphql adapter', () => {
  let server: TestHttpServer;
  let dir: TempDir;
  let adapter: Adapter;
  const make = async (text: string): Promise<Adapter> => {
    await dir.write('w.yaml', text);
    return createAdapter('welfare', { kind: 'graphql', url: `${server.url}/graphql`, mapping: 'w.yaml', auth: { type: 'bearer', token: 't0k' } }, testDeps(dir.path));
  };

  beforeAll(async () => {
    server = await startTestHttpServer();
    dir = await createTempDir();
    adapter = await make(mapping(QUERY, '\n    variable: ids'));
  });
  beforeEach(() => {
    server.seen.length = 0;
    server.routes['/graphql'] = (req, res) => {
      const { variables } = JSON.parse(req.body) as { variables: { ids?: string[] } };
      if (!variables.ids) return sendJson(res, { data: { __typename: 'Query' } });
      sendJson(res, { data: { cases: { nodes: variables.ids.filter((id) => id !== 'nobody').map((id) => ({ number: `C-${id}`, state: 'OPEN', client: { id }, needs: [{ area: 'HOUSING', level: 'HIGH' }] })) } } });
    };
  });
  afterAll(async () => {
    await adapter.close();
    await server.close();
    await dir.remove();
  });

  it('sends one query per chunk with the keys as its list variable, and maps by JSON paths', async () => {
    const out = await adapter.load('welfareCase', ['K1', 'nobody', 'K1'], testCall());
    expect(out).toEqual([
      { ref: 'K1', caseNumber: 'C-K1', centre: null, status: 'OPEN', openedOn: null, needs: [{ domain: 'HOUSING', level: 'HIGH', assessedOn: null }], services: [] },
      null,
      expect.objectContaining({ ref: 'K1' }),
    ]);
    expect(server.seen).toHaveLength(1);
    expect(JSON.parse(server.seen[0]!.body)).toEqual({ query: QUERY, variables: { ids: ['K1', 'nobody'] } });
    expect(server.seen[0]!.headers.authorization).toBe('Bearer t0k');
  });

  it('fails the batch on GraphQL errors, naming their codes but not their messages', async () => {
    server.routes['/graphql'] = (_req, res) => sendJson(res, { data: null, errors: [{ message: 'client K1 Petrović is sealed', extensions: { code: 'FORBIDDEN' } }] });
    const error = await adapter.load('welfareCase', ['K1'], testCall()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterUnavailable);
    expect((error as Error).message).toBe('welfare: welfareCase: the agency answered 1 GraphQL error(s) [FORBIDDEN]');
  });

  it('fails the batch when the answer has no item array where itemsAt points', async () => {
    server.routes['/graphql'] = (_req, res) => sendJson(res, { data: { cases: { nodes: 'nope' } } });
    await expect(adapter.load('welfareCase', ['K1'], testCall())).rejects.toThrow('welfare: welfareCase: response has no item array at data.cases.nodes');
  });

  it('is ready when the endpoint answers { __typename }', async () => {
    expect(await adapter.ready()).toEqual({ ok: true, circuit: 'closed' });
    server.routes['/graphql'] = (_req, res) => sendJson(res, { errors: [{ message: 'down' }] }, 503);
    expect(await adapter.ready()).toMatchObject({ ok: false, detail: 'readiness: HTTP 503' });
  });

  it.each([
    ['query { cases(clientIds: $keys) {', 'query is not valid GraphQL: Expected Name, found <EOF>. (line 1 of the query)'],
    ['mutation($keys: [ID!]!) { close(ids: $keys) { id } }', 'query must be a query operation, not a mutation'],
    ['query($ids: [ID!]!) { cases(clientIds: $ids) { id } }', 'query must declare the keys variable $keys'],
    ['query($keys: ID!) { cases(clientIds: $keys) { id } }', '$keys must be a list type, e.g. [String!]!'],
    ['query($keys: [ID!]!, $tenant: String!) { cases(clientIds: $keys, tenant: $tenant) { id } }', 'query has a required variable $tenant the adapter cannot fill'],
    ['query A($keys: [ID!]!) { a } query B { b }', 'query must hold exactly one operation (fragments allowed)'],
  ])('refuses at start the query %j', async (query, reason) => {
    const error = await make(mapping(query)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingInvalid);
    expect((error as Error).message).toBe(`welfare: invalid mapping ${dir.path}/w.yaml:3: entity "welfareCase", field "query": ${reason}`);
  });
});
