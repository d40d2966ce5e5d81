import { describe, expect, it } from 'vitest';
import { readiness } from '../../../src/server/readiness.js';

describe('readiness', () => {
  it('names the store’s error code only, never the host, port or database its driver quoted', async () => {
    const failing = Object.assign(new Error('database "probeops_store" does not exist at 10.1.2.3:5432'), { code: '3D000' });
    const gateway = { store: { query: async () => { throw failing; } }, registry: { adapters: new Map() } };
    expect(await readiness(gateway as never)).toEqual({ ready: false, store: { ok: false, detail: 'the store did not answer SELECT 1 (3D000)' }, agencies: {} });
  });
});
