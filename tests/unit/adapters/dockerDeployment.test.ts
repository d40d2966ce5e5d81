import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO_AGENCIES, demoPolicy } from '../../../src/embedded/index.js';
import { checkDeployment, envReferences } from '../../support/checkDeployment.js';

const read = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}
const compose = parse(read('docker/compose.yaml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { services } = compose;
const mounts = (s: Service): Map<string, string> => new Map((s.volumes ?? []).map((v) => [v.split(':')[1]!, v.split(':')[0]!]));

describe('docker/compose.yaml', () => {
  it('runs the gateway with PostgreSQL, MariaDB, the probation simulator and a seed job', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'mariadb', 'postgres', 'probation', 'seed']);
    expect(services.postgres!.image).toMatch(/^postgres:\d+/);
    expect(services.mariadb!.image).toMatch(/^mariadb:\d+/);
  });

  it('gives every long-running service a healthcheck, the gateway one on /healthz', () => {
    for (const name of ['postgres', 'mariadb', 'probation', 'gateway']) expect(services[name]!.healthcheck?.test.length, name).toBeGreaterThan(0);
    expect(services.gateway!.healthcheck!.test.join(' ')).toContain('/healthz');
  });

  it('starts the gateway only after the seed job succeeded and its backends are healthy', () => {
    expect(services.gateway!.depends_on).toEqual({
      seed: { condition: 'service_completed_successfully' },
      probation: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
      mariadb: { condition: 'service_healthy' },
    });
    expect(services.seed!.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, mariadb: { condition: 'service_healthy' } });
  });

  it('declares every named volume it mounts, and shares the NGO folder, issuer keys and home between seed and gateway', () => {
    const named = Object.values(services).flatMap((s) => [...mounts(s).values()]).filter((source) => !source.startsWith('.'));
    expect(new Set(named)).toEqual(new Set(Object.keys(compose.volumes)));
    const seed = mounts(services.seed!);
    const gateway = mounts(services.gateway!);
    for (const path of ['/srv/ngo', '/srv/keys', '/var/lib/reintegra']) expect(gateway.get(path), path).toBe(seed.get(path));
    expect(services.gateway!.volumes).toContain('./config:/app/docker/config:ro');
    expect(services.gateway!.ports).toEqual(['127.0.0.1:4000:4000']);
  });

  it('seeds and simulates the same world, and seeds with the demo subcommand', () => {
    for (const key of ['DEMO_SEED', 'DEMO_PEOPLE', 'DEMO_TODAY']) expect(services.probation!.environment![key], key).toBe(services.seed!.environment![key]);
    expect(String(services.seed!.command)).toContain('node bin/reintegra.js demo seed');
    expect(services.probation!.command).toEqual(['demo', 'probation', '--host', '0.0.0.0', '--port', '8081']);
    expect(read('src/cli/main.ts')).toContain("demo: async () => (await import('./demoCommand.js')).demoCommand");
  });

  it('passes the gateway every secret the mounted config names', () => {
    const config = parse(read('docker/config/gateway.yaml'));
    for (const name of envReferences(config)) expect(services.gateway!.environment, name).toHaveProperty(name);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');

  it('builds in stages, installs production dependencies only (tsx among them) and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect((JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies).toHaveProperty('tsx');
    const user = /^USER (\S+)$/m.exec(dockerfile)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)$/);
    expect(dockerfile.indexOf('USER ')).toBeLessThan(dockerfile.indexOf('ENTRYPOINT'));
  });

  it('checks /healthz and starts the gateway through bin/reintegra.js', () => {
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "--max-semi-space-size=64", "bin/reintegra.js"]');
  });
});

describe('docker/config/gateway.yaml', () => {
  it("passes the gateway's config check, with every mapping loading and every adapter config valid", async () => {
    const config = await checkDeployment('docker/config/gateway.yaml', {
      PRISON_DATABASE_URL: 'postgres://reintegra:x@postgres:5432/prison',
      WELFARE_DATABASE_URL: 'mariadb://reintegra:x@mariadb:3306/csr',
      PROBATION_TOKEN: 'x',
    });
    expect(config.agencies.map((a) => a.adapter.kind)).toEqual(['sql', 'rest', 'sql', 'csv']);
    expect(config.agencies.map((a) => (a.adapter as { dialect?: string }).dialect)).toEqual(['postgres', undefined, 'mariadb', undefined]);
  });

  it('has the embedded demo’s agencies, roles and agreements', () => {
    const raw = parse(read('docker/config/gateway.yaml')) as Record<string, unknown> & { agencies: Array<{ id: string; name: string; type: string; roles: string[] }> };
    expect(raw.agencies.map(({ id, name, type, roles }) => ({ id, name, type, roles }))).toEqual(DEMO_AGENCIES.map(({ id, name, type, roles }) => ({ id, name, type, roles })));
    const policy = demoPolicy();
    for (const key of ['agreements', 'emergency', 'consent', 'caseTeams', 'statistics']) expect(raw[key], key).toEqual(policy[key]);
  });
});
