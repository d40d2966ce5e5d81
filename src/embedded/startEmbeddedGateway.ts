import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'pino';
import { DEMO_AUDIENCE, demoIssuerOf, loadDemoKeys, publicJwksOf } from '../auth/index.js';
import { validateConfig, type GatewayConfig } from '../config/index.js';
import { caseTeamSeed, startDemoWorld, type World } from '../demo/index.js';
import { seedCaseTeams } from '../coordination/index.js';
import { seedConsents } from '../consent/index.js';
import { demoConsents } from './demoConsents.js';
import type { DecideFn } from '../policy/index.js';
import { createGateway, startServer, type Gateway, type GatewayOptions, type RunningServer } from '../server/index.js';
import { DEMO_AGENCIES, DEMO_AUDIT_SIGNING_KEY, DEMO_PSEUDONYM_KEY } from './demoAgencies.js';
import { demoPolicy } from './demoPolicy.js';

export interface EmbeddedOptions {
  port?: number;
  host?: string;
  people?: number;
  seed?: number;
  logger: Logger;
  /** Tests and benchmarks only (see GatewayOptions.decide). */
  decide?: DecideFn;
  /** Tests only: adjusts the demo's config (as a plain object) before it is validated. */
  configure?: (config: Record<string, any>) => void;
  /** Benchmark harness only (see GatewayOptions.skipFacts). */
  skipFacts?: boolean;
  /** Benchmark harness only (see GatewayOptions.auditStore). */
  auditStore?: GatewayOptions['auditStore'];
  /** The gateway's own store; default the shared in-memory PGlite (tests use an on-disk one). */
  store?: GatewayConfig['store'];
  /** Seconds between audit checkpoints (default 60). */
  checkpointIntervalSeconds?: number;
}

export interface EmbeddedGateway {
  url: string;
  gateway: Gateway;
  world: World;
  config: GatewayConfig;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * The embedded default: one in-memory PGlite (gateway store + the prison and welfare systems in
 * their own schemas), the probation REST simulator on loopback, the NGO's CSV folder, demo
 * issuers for every agency, and the gateway serving them all.
 */
export async function startEmbeddedGateway(options: EmbeddedOptions): Promise<EmbeddedGateway> {
  const { logger } = options;
  const pglite = await PGlite.create();
  const dropDir = await mkdtemp(join(tmpdir(), 'reintegra-ngo-'));
  const demo = await startDemoWorld({ seed: options.seed ?? 1, people: options.people ?? 2000, pglite, dir: dropDir });
  const keys = await loadDemoKeys(DEMO_AGENCIES.map((a) => a.id));
  const adapterOf = new Map(demo.agencies.map((a) => [a.id, a.adapter]));
  const raw: Record<string, any> = {
      server: { port: options.port ?? 4000, host: options.host ?? '127.0.0.1', introspection: true, graphiql: true },
      store: options.store ?? { kind: 'pglite' },
      pseudonyms: { key: DEMO_PSEUDONYM_KEY },
      audit: { signingKey: DEMO_AUDIT_SIGNING_KEY, checkpointIntervalSeconds: options.checkpointIntervalSeconds ?? 60 },
      agencies: DEMO_AGENCIES.map((a) => ({
        ...a,
        roles: [...a.roles],
        issuer: { iss: demoIssuerOf(a.id), jwks: publicJwksOf(keys[a.id]!), audience: DEMO_AUDIENCE },
        adapter: adapterOf.get(a.id),
      })),
      ...demoPolicy(),
  };
  options.configure?.(raw);
  const config = validateConfig(raw, 'embedded demo config');
  const gateway = await createGateway({
    config,
    baseDir: process.cwd(),
    logger,
    pglite,
    ...(options.decide ? { decide: options.decide } : {}),
    ...(options.skipFacts ? { skipFacts: true } : {}),
    ...(options.auditStore ? { auditStore: options.auditStore } : {}),
  });
  const schemeOf = new Map(demo.world.people.map((p) => [p.nationalId.value, p.nationalId.scheme]));
  await seedCaseTeams(
    gateway.store,
    caseTeamSeed(demo.world).map((a) => ({
      subject: gateway.pseudonymize('person', schemeOf.get(a.nationalId)!, a.nationalId),
      agency: a.agency,
      sub: a.sub,
      role: a.role,
      since: demo.world.today,
    })),
    ['probation', 'welfare', 'prison', 'ngo'],
  );
  await seedConsents(gateway.store, demoConsents(demo.world, (scheme, value) => gateway.pseudonymize('person', scheme, value)), 'demo-seed');
  const server = await startServer(gateway, config.server.port, config.server.host);
  let closed = false;
  return {
    url: server.url,
    gateway,
    world: demo.world,
    config,
    server,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await gateway.close();
      await demo.close();
      await pglite.close();
      await rm(dropDir, { recursive: true, force: true });
    },
  };
}
