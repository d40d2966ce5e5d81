import { describe, expect, it } from 'vitest';
import { ADAPTER_FACTORIES, AdapterConfigInvalid, createAdapter } from '../../../adapters/index.js';
import { testDeps } from '../../support/testDeps.js';

describe('createAdapter', () => {
  it('knows sql, rest, graphql and csv', () => {
    expect(Object.keys(ADAPTER_FACTORIES)).toEqual(['sql', 'rest', 'graphql', 'csv']);
  });

  it('refuses an unknown kind, listing the known ones', async () => {
    const error = await createAdapter('prison', { kind: 'soap' }, testDeps('/tmp')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterConfigInvalid);
    expect(error).toMatchObject({ code: 'ERR_ADAPTER_CONFIG_INVALID', agency: 'prison', message: 'prison: unknown adapter kind "soap" (known: sql, rest, graphql, csv)' });
    await expect(createAdapter('prison', {}, testDeps('/tmp'))).rejects.toThrow('prison: unknown adapter kind null (known: sql, rest, graphql, csv)');
    await expect(createAdapter('prison', { kind: 'toString' }, testDeps('/tmp'))).rejects.toBeInstanceOf(AdapterConfigInvalid);
  });

  it('names bad config keys without echoing values', async () => {
    const error = await createAdapter('prison', { kind: 'sql', dialect: 'postgres', url: 'postgres://u:pw@h/db', mapping: 'm.yaml', poolSize: -1, extra: 1 }, testDeps('/tmp'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterConfigInvalid);
    expect((error as Error).message).toMatch(/^prison: invalid sql adapter config: .*poolSize/);
    expect((error as Error).message).toContain('extra');
    expect((error as Error).message).not.toContain('pw');
  });

  it('names bad resilience keys under resilience, without echoing values', async () => {
    const error = await createAdapter('prison', { kind: 'csv', path: 'x', mapping: 'm.yaml', resilience: { retries: -1, circuit: { failures: 0 }, extra: 'secret' } }, testDeps('/tmp'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterConfigInvalid);
    expect((error as Error).message).toMatch(/^prison: invalid csv adapter config: /);
    expect((error as Error).message).toContain('resilience.retries');
    expect((error as Error).message).toContain('resilience.circuit.failures');
    expect((error as Error).message).toContain('extra');
    expect((error as Error).message).not.toContain('secret');
  });
});
