import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { mariadbConnectionOptions } from '../../adapters/sql/index.js';
import { DEMO_AUDIENCE, demoIssuerOf, loadDemoKeys, publicJwksOf } from '../auth/index.js';
import { resolveSecret } from '../config/index.js';
import { seedConsents } from '../consent/index.js';
import { seedCaseTeams } from '../coordination/index.js';
import { caseTeamSeed, generateWorld, startProbationServer, type World } from '../demo/index.js';
import { seedDemoSystems } from '../demo/seedDemoSystems.js';
import { DEMO_AGENCIES } from '../embedded/demoAgencies.js';
import { demoConsents } from '../embedded/demoConsents.js';
import { createPseudonymizer } from '../linkage/index.js';
import { openStore } from '../store/index.js';
import { intOption, parse, run, UsageError } from './parse.js';

const USAGE = `usage:
  reintegra demo seed [--prison postgres://…] [--welfare mariadb://…] [--ngo DIR] [--jwks DIR] [--store postgres://…]
                      [--people N] [--seed N] [--today D]
      Seed the demo agencies' own systems (the docker compose world) from the demo generator;
      --jwks writes each demo issuer's public keys as DIR/<agency>.jwks.json; --store puts the
      demo's case teams and consents into the gateway store (needs REINTEGRA_PSEUDONYM_KEY).
  reintegra demo probation [--port N] [--host H] [--people N] [--seed N] [--today D]
      Serve the probation REST simulator over the same world (PROBATION_TOKEN: require that bearer token).
  DEMO_PEOPLE, DEMO_SEED and DEMO_TODAY stand in for the flags; seed and probation must agree on all three.`;

/** `reintegra demo …`: the demo agencies' systems as separate services (docker compose). */
export function demoCommand(args: string[]): Promise<number> {
  return run(async () => {
    const [action, ...rest] = args;
    const { values } = parse(rest, {
      prison: { type: 'string' }, welfare: { type: 'string' }, ngo: { type: 'string' }, jwks: { type: 'string' }, store: { type: 'string' },
      people: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
    });
    const people = intOption(values.people ?? process.env.DEMO_PEOPLE, 'people', 60, 2_000_000) ?? 2000;
    const seed = intOption(values.seed ?? process.env.DEMO_SEED, 'seed', 0, 2 ** 31 - 1) ?? 1;
    // Services seeded or started on different days must share one world: pin its reference date.
    const today = values.today ?? process.env.DEMO_TODAY;
    if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today must be YYYY-MM-DD');
    const world = { seed, people, ...(today === undefined ? {} : { today }) };
    if (action === 'seed') return seedAll(values, world);
    if (action === 'probation') return serveProbation(values, world);
    throw new UsageError(USAGE);
  });
}

interface WorldOptions {
  seed: number;
  people: number;
  today?: string;
}

async function seedAll(values: Record<string, string | boolean | undefined>, worldOptions: WorldOptions): Promise<number> {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const prison = str('prison') ? new pg.Client({ connectionString: str('prison') }) : undefined;
  const welfare = str('welfare') ? await mysql.createConnection({ ...mariadbConnectionOptions(str('welfare')!), charset: 'utf8mb4' }) : undefined;
  try {
    await prison?.connect();
    const { world, seeded } = await seedDemoSystems({ ...worldOptions, ...(prison ? { prison } : {}), ...(welfare ? { welfare } : {}), ...(str('ngo') ? { ngoDir: str('ngo')! } : {}) });
    if (str('store')) await seedGatewayStore(str('store')!, world);
    const jwks = str('jwks');
    if (jwks) {
      const keys = await loadDemoKeys(DEMO_AGENCIES.map((a) => a.id));
      await mkdir(jwks, { recursive: true });
      for (const a of DEMO_AGENCIES) await writeFile(join(jwks, `${a.id}.jwks.json`), JSON.stringify(publicJwksOf(keys[a.id]!), null, 2));
    }
    process.stdout.write(`${JSON.stringify({ people: world.people.length, seed: worldOptions.seed, today: world.today, seeded, issuers: jwks ? DEMO_AGENCIES.map((a) => demoIssuerOf(a.id)) : [], audience: DEMO_AUDIENCE })}\n`);
    return 0;
  } finally {
    await prison?.end().catch(() => {});
    await welfare?.end().catch(() => {});
  }
}

/** The embedded demo's case teams and consents, in a gateway store (as `startEmbeddedGateway` seeds them). */
async function seedGatewayStore(url: string, world: World): Promise<void> {
  const pseudonymize = createPseudonymizer(resolveSecret('env:REINTEGRA_PSEUDONYM_KEY', 'REINTEGRA_PSEUDONYM_KEY'));
  const store = await openStore({ kind: 'postgres', url, poolSize: 2 });
  try {
    const schemeOf = new Map(world.people.map((p) => [p.nationalId.value, p.nationalId.scheme]));
    const rows = caseTeamSeed(world).map((a) => ({
      subject: pseudonymize('person', schemeOf.get(a.nationalId)!, a.nationalId), agency: a.agency, sub: a.sub, role: a.role, since: world.today,
    }));
    await seedCaseTeams(store, rows, ['probation', 'welfare', 'prison', 'ngo']);
    await seedConsents(store, demoConsents(world, (scheme, value) => pseudonymize('person', scheme, value)), 'demo-seed');
  } finally {
    await store.close();
  }
}

async function serveProbation(values: Record<string, string | boolean | undefined>, worldOptions: WorldOptions): Promise<number> {
  const port = intOption(typeof values.port === 'string' ? values.port : undefined, 'port', 0, 65535) ?? 8081;
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const world = generateWorld(worldOptions);
  const token = process.env.PROBATION_TOKEN;
  const server = await startProbationServer(world, { port, host, ...(token ? { token } : {}) });
  process.stderr.write(`probation simulator on ${server.url} (${world.people.length} people, seed ${worldOptions.seed}, today ${world.today})\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
