import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pino, type Logger } from 'pino';
import { DEMO_AUDIENCE, demoIssuerOf, loadDemoKeys, mintDemoToken, publicJwksOf } from '../../src/auth/index.js';
import { validateConfig, type GatewayConfig } from '../../src/config/index.js';
import { startDemoWorld, type DemoAgency, type World } from '../../src/demo/index.js';
import { DEMO_AGENCIES, DEMO_PSEUDONYM_KEY, demoPolicy } from '../../src/embedded/index.js';
import type { DecideFn } from '../../src/policy/index.js';
import { createGateway, startServer, type Gateway } from '../../src/server/index.js';

/** Releases every category to every caller: these suites are about the data path, not the policy. */
export const releaseEverything: DecideFn = () => ({ allow: true, basis: 'TEST', trace: [] });

export interface CustomGatewayOptions {
  people?: number;
  /** Replaces agencies' adapter configs; receives the demo's own config and the demo world. */
  adapters?: Record<string, (demo: DemoAgency['adapter'], world: { probationUrl: string; world: World }) => Record<string, unknown>>;
  logger?: Logger;
  /** Settings merged into `server` (e.g. `requestTimeoutMs`). */
  server?: Record<string, unknown>;
}

export interface CustomGateway {
  url: string;
  world: World;
  /** The probation simulator behind whatever the probation adapter now points at. */
  probationUrl: string;
  gateway: Gateway;
  config: GatewayConfig;
  /** A demo-issuer JWT of `agency` with one `role`. */
  token(agency: string, role: string, sub?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The embedded demo world (PGlite prison and welfare, probation simulator, NGO files) behind a
 * real gateway and HTTP server, with chosen agencies' adapters replaced — e.g. pointed at a
 * fault-injecting proxy or an unreachable database — and a `decide` that releases everything.
 * Built the way `startEmbeddedGateway` builds the demo: `validateConfig` + `createGateway` +
 * `startServer`.
 */
export async function startCustomGateway(options: CustomGatewayOptions = {}): Promise<CustomGateway> {
  const home = await mkdtemp(join(tmpdir(), 'reintegra-fault-'));
  const dropDir = join(home, 'ngo');
  const pglite = await PGlite.create();
  const demo = await startDemoWorld({ seed: 1, people: options.people ?? 300, pglite, dir: dropDir });
  const keys = await loadDemoKeys(DEMO_AGENCIES.map((a) => a.id), home);
  const adapterOf = new Map(demo.agencies.map((a) => [a.id, a.adapter]));
  const config = validateConfig(
    {
      server: { port: 0, host: '127.0.0.1', ...options.server },
      store: { kind: 'pglite' },
      pseudonyms: { key: DEMO_PSEUDONYM_KEY },
      agencies: DEMO_AGENCIES.map((a) => {
        const demoAdapter = adapterOf.get(a.id)!;
        const replace = options.adapters?.[a.id];
        return {
          ...a,
          roles: [...a.roles],
          issuer: { iss: demoIssuerOf(a.id), jwks: publicJwksOf(keys[a.id]!), audience: DEMO_AUDIENCE },
          adapter: replace ? replace(demoAdapter, { probationUrl: demo.probationUrl, world: demo.world }) : demoAdapter,
        };
      }),
      ...demoPolicy(),
    },
    'fault test config',
  );
  const gateway = await createGateway({ config, baseDir: process.cwd(), logger: options.logger ?? pino({ level: 'silent' }), pglite, decide: releaseEverything });
  const server = await startServer(gateway, 0, '127.0.0.1');
  let closed = false;
  return {
    url: server.url,
    world: demo.world,
    probationUrl: demo.probationUrl,
    gateway,
    config,
    token: (agency, role, sub) => mintDemoToken({ agency, roles: [role], ...(sub ? { sub } : {}) }, home),
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await gateway.close();
      await demo.close();
      await pglite.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
