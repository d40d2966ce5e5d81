import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { fixtureTables, sortedRows, type Row } from './fixtureData.js';

/** How long the slow endpoints take: well past the deadline of the deadline case. */
export const SLOW_MS = 1500;

export interface FixtureHttpServer {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Number of keys in each data request so far (REST key lists, GraphQL list variables). */
  batchSizes: number[];
  close(): Promise<void>;
}

const SCHEMA = buildSchema(`
  type Offence { CLAN: String, OPIS: String, ZAKON: String }
  type Osudjenik { OSU_ID: Int!, JMBG: String, IME: String, PREZIME: String, PISMO: String, DAT_ROD: String, POL: String, OPSTINA: String, DRZAVA: String }
  type Kazna { OSU_ID: Int!, USTANOVA: String, STATUS: String, DAT_PRIJEMA: String, MESECI: Int, POCETAK: String, DELO: [Offence!]! }
  type Procena { OSU_ID: Int!, ALAT: String, DATUM: String, NIVO: String }
  type Query {
    osudjenik(jmbg: [String!]!): [Osudjenik!]!
    osudjenikById(ids: [String!]!): [Osudjenik!]!
    kazna(ids: [String!]!): [Kazna!]!
    procena(ids: [String!]!): [Procena!]!
    slow(jmbg: [String!]!): [Osudjenik!]!
  }
`);

const json = (res: ServerResponse, body: unknown, status = 200): void => {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/**
 * The conformance fixture as an agency's HTTP API: REST batch endpoints
 * (`GET /api/<table>?<param>=k1,k2` → `{ data: [...] }`, unknown keys absent, duplicates once)
 * and the same over GraphQL (`POST /graphql`, graphql-js executing a real schema).
 */
export async function startFixtureHttpServer(): Promise<FixtureHttpServer> {
  const tables = Object.fromEntries(fixtureTables({ holdsNul: true }).map((t) => [t.name, t]));
  const index = (rows: Row[], column: string): Map<string, Row[]> => {
    const map = new Map<string, Row[]>();
    for (const row of rows) {
      const key = String(row[column]);
      map.set(key, [...(map.get(key) ?? []), row]);
    }
    return map;
  };
  const byJmbg = index(tables.OSUDJENIK!.rows, 'JMBG');
  const byId = index(tables.OSUDJENIK!.rows, 'OSU_ID');
  const offences = index(sortedRows(tables.DELO!, 'OSU_ID', 'RB'), 'OSU_ID');
  const kazna = index(tables.KAZNA!.rows.map((r) => ({ ...r, DELO: offences.get(String(r.OSU_ID)) ?? [] }) as unknown as Row), 'OSU_ID');
  const procena = index(tables.PROCENA!.rows, 'OSU_ID');
  const batchSizes: number[] = [];
  const lookup = (map: Map<string, Row[]>, keys: readonly string[]): Row[] => {
    batchSizes.push(keys.length);
    return [...new Set(keys)].flatMap((k) => map.get(k) ?? []);
  };
  const later = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), SLOW_MS).unref());
  const root = {
    osudjenik: ({ jmbg }: { jmbg: string[] }) => lookup(byJmbg, jmbg),
    osudjenikById: ({ ids }: { ids: string[] }) => lookup(byId, ids),
    kazna: ({ ids }: { ids: string[] }) => lookup(kazna, ids),
    procena: ({ ids }: { ids: string[] }) => lookup(procena, ids),
    slow: ({ jmbg }: { jmbg: string[] }) => later(lookup(byJmbg, jmbg)),
  };
  const routes: Record<string, [string, Map<string, Row[]>]> = {
    '/api/osudjenik': ['jmbg', byJmbg],
    '/api/kazna': ['ids', kazna],
    '/api/procena': ['ids', procena],
    '/api/slow': ['jmbg', byJmbg],
  };

  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    if (url.pathname === '/api/health') return json(res, { ok: true });
    if (url.pathname === '/graphql' && req.method === 'POST') {
      void readBody(req).then(async (text) => {
        const { query, variables } = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
        json(res, await graphql({ schema: SCHEMA, source: query, rootValue: root, variableValues: variables ?? {} }));
      });
      return;
    }
    const route = routes[url.pathname];
    if (!route) return json(res, { error: 'not found' }, 404);
    // Split the raw value before decoding: separators are literal commas, a comma inside a key is %2C.
    const raw = /[?&]ids=([^&]*)/.exec(url.search)?.[1] ?? /[?&]jmbg=([^&]*)/.exec(url.search)?.[1] ?? '';
    const keys = raw === '' ? [] : raw.split(',').map(decodeURIComponent);
    const map = url.pathname === '/api/osudjenik' && url.searchParams.has('ids') ? byId : route[1];
    const data = { data: lookup(map, keys) };
    if (url.pathname === '/api/slow') void later(data).then((d) => json(res, d));
    else json(res, data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    batchSizes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
