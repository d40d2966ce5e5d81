import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { mintDemoToken } from '../../src/auth/index.js';
import { generateWorld, seedPrison } from '../../src/demo/index.js';
import { BENCH_PG, freshDatabase, writeBenchConfig } from '../support/benchConfig.js';
import { runLoad } from '../support/runLoad.js';
import { spawnReady } from '../support/spawnReady.js';
import { GATEWAY_NODE_ARGS } from '../support/gatewayNodeArgs.js';

const QUERY = `query($ids: [IdentifierInput!]!) { people(identifiers: $ids) {
  custody { status establishment expectedReleaseDate sentence { lengthMonths offences { code } } }
  riskAssessments { tool judgement } programmes { programme completion } names { givenName agency } } }`;

const PRISON_DB = 'reintegra_bench_prison';
const STORE_DB = 'reintegra_bench_scale';

export interface ScaleRow {
  people: number;
  /** People the prison knows (rows of INMATE_MASTER). */
  inmates: number;
  seedSeconds: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  gatewayRssMiB: number;
  errors: number;
}

/**
 * Scale (issue 4): a prison system of N people on PostgreSQL, the gateway with only the prison
 * agency in front of it, the 50-person query from a prison case manager. Per size: seed time,
 * throughput and latency at the given concurrency, and the gateway process's RSS after the load.
 * Latency and memory should stay flat as N grows. The 50 people are spread over the whole register.
 * Sizes: `options.sizes`, else REINTEGRA_BENCH_SCALE_SIZES (comma-separated), else 10k, 100k, 1M.
 */
export async function scale(options: { seconds: number; concurrency: number; sizes?: readonly number[] }): Promise<{ scenario: 'scale'; rows: ScaleRow[] }> {
  const sizes = options.sizes ?? sizesFromEnv() ?? [10_000, 100_000, 1_000_000];
  const token = await mintDemoToken({ agency: 'prison', roles: ['prison_case_manager'], sub: 'bench', ttl: '1h' });
  const headers = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'CASE_MANAGEMENT' };
  const mapping = fileURLToPath(new URL('../../src/demo/mappings/prison.yaml', import.meta.url));
  const rows: ScaleRow[] = [];
  try {
    for (const people of sizes) {
      const prisonUrl = await freshDatabase(PRISON_DB);
      const { ids, inmates, seedSeconds } = await seed(prisonUrl, people);
      const store = await freshDatabase(STORE_DB);
      const config = await writeBenchConfig('scale', store, {
        prison: { kind: 'sql', dialect: 'postgres', url: prisonUrl, schema: 'zatvor', mapping },
      });
      const gateway = await spawnReady('configGatewayProcess.ts', [config], [...GATEWAY_NODE_ARGS]);
      try {
        const body = JSON.stringify({ query: QUERY, variables: { ids } });
        await runLoad(gateway.fields[0]!, body, headers, options.concurrency, 2);
        const load = await runLoad(gateway.fields[0]!, body, headers, options.concurrency, options.seconds);
        const row = { people, inmates, seedSeconds, rps: load.rps, p50ms: load.p50ms, p99ms: load.p99ms, gatewayRssMiB: rssMiB(gateway.child.pid!), errors: load.errors };
        process.stderr.write(`bench: scale ${JSON.stringify(row)}\n`);
        rows.push(row);
      } finally {
        await gateway.stop();
      }
    }
  } finally {
    await dropDatabases([PRISON_DB, STORE_DB]);
  }
  return { scenario: 'scale', rows };
}

/** Generates the world, loads the prison register and picks 50 inmates evenly spread over it. */
async function seed(url: string, people: number): Promise<{ ids: Array<{ scheme: string; value: string }>; inmates: number; seedSeconds: number }> {
  const world = generateWorld({ seed: 4, people });
  const known = world.people.filter((p) => p.refs.prison !== null && p.admissionDay !== null);
  const step = Math.max(1, Math.floor(known.length / 50));
  const ids = Array.from({ length: Math.min(50, known.length) }, (_, i) => known[i * step]!).map((p) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value }));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    const written = await seedPrison(client, world, { schema: 'zatvor' });
    // Vacuumed and checkpointed before it is measured, so every size is measured in the same
    // state: hint bits and visibility map set, no buffers left dirty by the load.
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT');
    return { ids, inmates: written['INMATE_MASTER'] ?? 0, seedSeconds: (performance.now() - t0) / 1000 };
  } finally {
    await client.end();
  }
}

/** `REINTEGRA_BENCH_SCALE_SIZES=10000,100000` overrides the default sizes (the runner passes none). */
function sizesFromEnv(): number[] | undefined {
  const raw = process.env.REINTEGRA_BENCH_SCALE_SIZES;
  if (!raw) return undefined;
  const sizes = raw.split(',').map((s) => Number(s.replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`REINTEGRA_BENCH_SCALE_SIZES: bad list ${raw}`);
  return sizes;
}

/** Resident set size of a process, from /proc (Linux). */
function rssMiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function dropDatabases(names: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: `${BENCH_PG}/postgres` });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
