import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_AUDIENCE, demoIssuerOf, loadDemoKeys, publicJwksOf } from '../../src/auth/index.js';
import { DEMO_AGENCIES } from '../../src/embedded/demoAgencies.js';
import { demoPolicy } from '../../src/embedded/demoPolicy.js';

export const BENCH_PG = process.env.REINTEGRA_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
/** The pseudonym key of the benchmark configs (so a scenario can seed case teams by person id). */
export const BENCH_PSEUDONYM_KEY = 'benchmark-only-pseudonym-key-0123456789abcdef';

/** A fresh, empty PostgreSQL database for one benchmark run's gateway store. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${BENCH_PG}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `${BENCH_PG}/${name}`;
}

/**
 * Writes a gateway config (JSON is YAML) for agencies the benchmark points at its own backends,
 * with the demo's issuers, roles and agreements and the store on PostgreSQL.
 */
export async function writeBenchConfig(name: string, storeUrl: string, adapters: Record<string, Record<string, unknown>>): Promise<string> {
  const keys = await loadDemoKeys(DEMO_AGENCIES.map((a) => a.id));
  const config = {
    server: { rateLimit: { requestsPerMinute: 1_000_000, burst: 100_000 } },
    store: { kind: 'postgres', url: storeUrl },
    pseudonyms: { key: BENCH_PSEUDONYM_KEY },
    agencies: DEMO_AGENCIES.filter((a) => adapters[a.id]).map((a) => ({
      ...a,
      roles: [...a.roles],
      issuer: { iss: demoIssuerOf(a.id), jwks: publicJwksOf(keys[a.id]!), audience: DEMO_AUDIENCE },
      adapter: adapters[a.id],
    })),
    ...onlyAgencies(demoPolicy(), Object.keys(adapters)),
  };
  const file = join(tmpdir(), `reintegra-bench-${name}-${process.pid}.yaml`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** The demo policy restricted to the agencies a benchmark runs. */
function onlyAgencies(policy: Record<string, any>, ids: string[]): Record<string, unknown> {
  const keep = (list: Array<{ agency: string }>) => list.filter((r) => ids.includes(r.agency));
  const agreements = (policy.agreements as any[])
    .map((a) => ({ ...a, providers: a.providers.filter((p: string) => ids.includes(p)), recipients: keep(a.recipients) }))
    .filter((a) => a.providers.length > 0 && a.recipients.length > 0);
  return {
    agreements,
    emergency: { roles: [], categories: [] },
    consent: { recorders: keep(policy.consent.recorders) },
    caseTeams: { coordinators: keep(policy.caseTeams.coordinators) },
  };
}
