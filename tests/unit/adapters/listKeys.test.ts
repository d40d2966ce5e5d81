import { describe, expect, it } from 'vitest';
import {
  AdapterBadRecord, AdapterScanNotSupported, AdapterTimeout, resilienceConfig, resilientAdapter, scanEntity, type Adapter, type AdapterCall, type KeyPage,
} from '../../../adapters/sdk/index.js';
import { silentLogger, testCall } from '../../support/testDeps.js';

const KEYS = Array.from({ length: 23 }, (_, i) => `k${String(i).padStart(2, '0')}`);

/** An adapter over KEYS whose listing runs `list`; load answers a record per key, null for k05, an Error for k07. */
function fakeAdapter(list?: (page: KeyPage, call: AdapterCall) => Promise<string[]>): Adapter & { pages: KeyPage[] } {
  const pages: KeyPage[] = [];
  return {
    agency: 'probation', kind: 'fake', entities: new Set(['person'] as const), deadlineMs: 100, pages,
    load: async (_e, keys) => keys.map((k) => (k === 'k05' ? null : k === 'k07' ? new Error('bad') : { ref: k })),
    ...(list ? { listKeys: (_e: unknown, page: KeyPage, call: AdapterCall) => (pages.push(page), list(page, call)) } : {}),
    ready: async () => ({ ok: true }),
    close: async () => {},
  } as Adapter & { pages: KeyPage[] };
}
const fromKeys = async ({ after, limit }: KeyPage) => KEYS.filter((k) => after === null || k > after).slice(0, limit);
const config = () => resilienceConfig.parse({ backoffMs: 1, maxBackoffMs: 5, circuit: { failures: 2, coolDownMs: 60_000 } });

describe('scanEntity', () => {
  it('pages through the keys, loads each page and yields the records found', async () => {
    const adapter = fakeAdapter(fromKeys);
    const errors: Error[] = [];
    const records: unknown[] = [];
    for await (const page of scanEntity(adapter, 'person', testCall(), { pageSize: 10, onKeyError: (e) => errors.push(e) })) records.push(...page);
    expect(records).toHaveLength(21);
    expect(errors).toHaveLength(1);
    expect(adapter.pages).toEqual([{ after: null, limit: 10 }, { after: 'k09', limit: 10 }, { after: 'k19', limit: 10 }]);
  });

  it('fails, rather than loops, when an agency ignores the cursor and lists the same keys again', async () => {
    const adapter = fakeAdapter(async ({ limit }) => KEYS.slice(0, limit));
    const pages: unknown[][] = [];
    await expect((async () => { for await (const page of scanEntity(adapter, 'person', testCall(), { pageSize: 10 })) pages.push(page); })())
      .rejects.toThrow(new AdapterBadRecord('probation', 'probation: listing person gave a key twice: its cursor does not move on'));
    expect(adapter.pages).toHaveLength(2);
    expect(pages).toHaveLength(1);
  });

  it('throws AdapterScanNotSupported for an adapter that cannot list', async () => {
    await expect(scanEntity(fakeAdapter(), 'person', testCall()).next()).rejects.toThrow(new AdapterScanNotSupported('probation', 'probation: a fake adapter cannot list its records'));
  });
});

describe('resilientAdapter listKeys', () => {
  it('bounds a listing by the adapter deadline', async () => {
    const adapter = resilientAdapter(fakeAdapter((_p, call) => new Promise((_, reject) => call.signal.addEventListener('abort', () => reject(call.signal.reason)))), config(), silentLogger);
    await expect(adapter.listKeys!('person', { after: null, limit: 10 }, testCall())).rejects.toBeInstanceOf(AdapterTimeout);
  });

  it('opens the circuit after repeated listing failures', async () => {
    const adapter = resilientAdapter(fakeAdapter(async () => { throw new Error('down'); }), config(), silentLogger);
    for (let i = 0; i < 2; i++) await expect(adapter.listKeys!('person', { after: null, limit: 10 }, testCall())).rejects.toThrow();
    expect(adapter.circuit).toBe('open');
  });

  it('does not count a kind that cannot list against the circuit', async () => {
    const adapter = resilientAdapter(fakeAdapter(async () => { throw new AdapterScanNotSupported('probation', 'no'); }), config(), silentLogger);
    for (let i = 0; i < 3; i++) await expect(adapter.listKeys!('person', { after: null, limit: 10 }, testCall())).rejects.toBeInstanceOf(AdapterScanNotSupported);
    expect(adapter.circuit).toBe('closed');
  });

  it('offers no listing when the wrapped adapter has none', () => {
    expect(resilientAdapter(fakeAdapter(), config(), silentLogger).listKeys).toBeUndefined();
  });
});
