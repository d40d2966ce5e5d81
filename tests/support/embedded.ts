import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { mintDemoToken } from '../../src/auth/index.js';
import { startEmbeddedGateway, type EmbeddedGateway, type EmbeddedOptions } from '../../src/embedded/index.js';

/** Starts the embedded demo on a random port with its own demo-key folder; silent logs. */
export async function startTestGateway(options: Partial<EmbeddedOptions> = {}): Promise<EmbeddedGateway & { home: string }> {
  const home = mkdtempSync(join(tmpdir(), 'reintegra-test-'));
  process.env.REINTEGRA_HOME = home;
  const embedded = await startEmbeddedGateway({ port: 0, people: 400, logger: pino({ level: 'silent' }), ...options });
  return { ...embedded, home };
}

export function tokenFor(home: string, agency: string, role: string, sub?: string): Promise<string> {
  return mintDemoToken({ agency, roles: [role], ...(sub ? { sub } : {}) }, home);
}

export interface GraphQLResult {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
}

export async function gql(url: string, query: string, options: { token?: string; purpose?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {}): Promise<GraphQLResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.purpose) headers['x-purpose-of-use'] = options.purpose;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResult['body'] };
}

/** Sum of `reintegra_adapter_batches_total` over all agencies and entities. */
export async function backendCalls(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('reintegra_adapter_batches_total{')) total += Number(line.split(' ').at(-1));
  }
  return total;
}
