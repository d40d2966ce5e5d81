/**
 * The baseline of the overhead benchmark: a hand-written Apollo Server 5 + DataLoader serving
 * the same people from the same probation REST backend, with none of the gateway's work (no
 * token, no policy, no audit, no mapping engine, no provenance). Argv: backend URL, then the
 * variant:
 *  - `typical` (the baseline): written as such a server usually is, with Apollo Server's
 *    defaults (its cache-control plugin on every field) and the global `fetch` for the backend;
 *  - `tuned`: what the gateway does for itself besides execution: the same HTTP client (an undici
 *    `Pool` with kept-alive connections) and the same Apollo plugins switched off, so the
 *    difference from the gateway is only what the gateway adds and how it executes.
 * Prints `READY <url>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import DataLoader from 'dataloader';
import { Pool } from 'undici';

const backend = new URL(process.argv[2]!);
const variant = process.argv[3] ?? 'tuned';
if (variant !== 'tuned' && variant !== 'typical') throw new Error(`unknown variant ${variant}`);
const pool = new Pool(backend.origin, { connections: 16 });

async function getJson(path: string): Promise<unknown> {
  if (variant === 'typical') return (await fetch(new URL(path, backend))).json();
  return (await pool.request({ path, method: 'GET' })).body.json();
}

async function getBatch(path: string, param: string, keys: readonly string[], keyOf: (item: any) => string): Promise<any[][]> {
  const body = (await getJson(`${path}?${param}=${keys.map(encodeURIComponent).join(',')}`)) as { data: any[] };
  const byKey = new Map<string, any[]>();
  for (const item of body.data) byKey.set(keyOf(item), [...(byKey.get(keyOf(item)) ?? []), item]);
  return keys.map((k) => byKey.get(k) ?? []);
}

const typeDefs = `
  input IdentifierInput { scheme: String!, value: String! }
  type Name { givenName: String!, familyName: String!, agency: String! }
  type Condition { category: String }
  type Compliance { status: String }
  type Supervision { orderType: String, startDate: String, endDate: String, conditions: [Condition!], compliance: Compliance }
  type Action { title: String, dueDate: String, status: String }
  type Plan { status: String, actions: [Action!] }
  type Person { id: ID!, names: [Name!], supervision: [Supervision!], plans: [Plan!] }
  type Query { people(identifiers: [IdentifierInput!]!): [Person]! }
`;

interface Ctx { clients: DataLoader<string, any[]>; orders: DataLoader<string, any[]>; plans: DataLoader<string, any[]> }

const resolvers = {
  Query: {
    people: async (_: unknown, { identifiers }: { identifiers: Array<{ value: string }> }, ctx: Ctx) =>
      Promise.all(identifiers.map(async ({ value }) => (await ctx.clients.load(value.replace(/[\s.\-/]/g, '').toUpperCase()))[0] ?? null)),
  },
  Person: {
    id: (c: any) => c.clientId,
    names: (c: any) => [{ givenName: c.identity.firstName, familyName: c.identity.lastName, agency: 'probation' }],
    supervision: (c: any, _: unknown, ctx: Ctx) => ctx.orders.load(c.clientId),
    plans: (c: any, _: unknown, ctx: Ctx) => ctx.plans.load(c.clientId),
  },
  Supervision: {
    orderType: (o: any) => o.orderType,
    startDate: (o: any) => o.period?.from ?? null,
    endDate: (o: any) => o.period?.to ?? null,
    conditions: (o: any) => o.conditions.map((c: any) => ({ category: c.kind })),
    compliance: (o: any) => ({ status: o.compliance?.rating ?? null }),
  },
  Plan: { status: (p: any) => p.state, actions: (p: any) => p.actions.map((a: any) => ({ title: a.title, dueDate: a.due, status: a.progress })) },
};

const apollo = new ApolloServer<Ctx>({
  typeDefs,
  resolvers,
  plugins: variant === 'tuned' ? [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled()] : [],
});
await apollo.start();
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method!, headers, search: '', body: JSON.parse(Buffer.concat(chunks).toString() || 'null') },
    context: async () => ({
      clients: new DataLoader((keys) => getBatch('/api/v1/clients', 'nationalIds', keys, (c) => c.identity?.document?.number ?? '')),
      orders: new DataLoader((keys) => getBatch('/api/v1/orders', 'clientIds', keys, (o) => o.clientId)),
      plans: new DataLoader((keys) => getBatch('/api/v1/plans', 'clientIds', keys, (p) => p.clientId)),
    }),
  });
  res.statusCode = result.status ?? 200;
  for (const [k, v] of result.headers) res.setHeader(k, v);
  res.end(result.body.kind === 'complete' ? result.body.string : '');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
process.on('SIGTERM', () => process.exit(0));
