import { resolve } from 'node:path';
import { expect } from 'vitest';
import { createAdapter } from '../../adapters/index.js';
import { loadMapping, type MappingKind } from '../../adapters/sdk/index.js';
import { loadConfig, type GatewayConfig } from '../../src/config/index.js';
import { testDeps } from './testDeps.js';

/** Every `env:NAME` a config refers to, anywhere in it. */
export function envReferences(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.startsWith('env:')) out.add(v.slice(4));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...out].sort();
}

/**
 * The gateway's own checks on a deployment config, without connecting anywhere: `loadConfig`
 * (schema, cross-references), each agency's mapping file through `loadMapping` for its kind, and
 * each adapter config through `createAdapter` (kind options, resilience, secrets present,
 * compiled mapping) — with placeholder values for the `env:` secrets it names.
 */
export async function checkDeployment(file: string, env: Record<string, string>): Promise<GatewayConfig> {
  const { config, baseDir } = await loadConfig(file);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    for (const agency of config.agencies) {
      const adapter = agency.adapter as Record<string, unknown>;
      const mapping = await loadMapping(resolve(baseDir, String(adapter.mapping)), agency.id, { kind: adapter.kind as MappingKind });
      expect(mapping.entities.size, agency.id).toBeGreaterThan(0);
      const created = await createAdapter(agency.id, adapter, testDeps(baseDir));
      expect([...created.entities].sort(), agency.id).toEqual([...mapping.entities.keys()].sort());
      await created.close();
    }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return config;
}
