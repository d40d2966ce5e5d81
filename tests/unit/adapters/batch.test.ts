import { describe, expect, it } from 'vitest';
import {
  AdapterAborted, AdapterBadRecord, AdapterTimeout, AdapterUnavailable, alignResults, chunk, runBatch, withDeadline,
  type BatchPlan,
} from '../../../adapters/sdk/index.js';
import { testCall } from '../../support/testDeps.js';

describe('chunk', () => {
  it('splits into consecutive chunks of at most the size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(chunk([1, 2], 5)).toEqual([[1, 2]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('alignResults', () => {
  const rec = (k: string, v = k) => ({ k, v });
  const keyOf = (r: { k: string } | Error) => (r instanceof Error ? 'e' : r.k);

  it('aligns by key: order, duplicates, unknown keys and null keys', () => {
    const out = alignResults(['b', 'x', 'a', 'b', null], keyOf, [rec('a'), rec('b')], false);
    expect(out).toEqual([rec('b'), null, rec('a'), rec('b'), null]);
  });

  it('collects arrays for many, [] for unknown keys', () => {
    const out = alignResults(['a', 'z', 'a'], keyOf, [rec('a', '1'), rec('b'), rec('a', '2')], true);
    expect(out).toEqual([[rec('a', '1'), rec('a', '2')], [], [rec('a', '1'), rec('a', '2')]]);
    expect(out[1]).not.toBe(alignResults(['z'], keyOf, [], true)[0]);
  });

  it('makes a key an error when one of its records failed, or when it has two without many', () => {
    const bad = new AdapterBadRecord('x', 'bad');
    expect(alignResults(['a'], (_r, i) => ['a', 'a'][i]!, [rec('a'), bad], true)).toEqual([bad]);
    const [dup] = alignResults(['a'], keyOf, [rec('a'), rec('a', 'again')], false, () => new AdapterBadRecord('x', 'duplicate'));
    expect(dup).toBeInstanceOf(AdapterBadRecord);
  });
});

describe('withDeadline', () => {
  it('reports an abort by the caller as AdapterAborted and a passed deadline as AdapterTimeout', async () => {
    const controller = new AbortController();
    const d = withDeadline(controller.signal, 1000, 'prison');
    expect(d.failure()).toBeNull();
    controller.abort();
    expect(d.signal.aborted).toBe(true);
    expect(d.failure()).toBeInstanceOf(AdapterAborted);
    const t = withDeadline(new AbortController().signal, 20, 'prison');
    await new Promise((r) => setTimeout(r, 40));
    expect(t.signal.aborted).toBe(true);
    expect(() => t.check()).toThrow(AdapterTimeout);
    expect(t.failure()?.message).toBe('prison: no answer within 20 ms');
  });

  it('never fires once the call is done, and stops listening to the caller', async () => {
    const controller = new AbortController();
    const d = withDeadline(controller.signal, 20, 'prison');
    d.done();
    await new Promise((r) => setTimeout(r, 40));
    expect(d.signal.aborted).toBe(false);
    controller.abort();
    expect(d.signal.aborted).toBe(false);
    // failure() still reads the caller's signal and the clock, so a call that ended late is reported as late.
    expect(d.failure()).toBeInstanceOf(AdapterAborted);
    const late = withDeadline(new AbortController().signal, 5, 'prison');
    await new Promise((r) => setTimeout(r, 20));
    late.done();
    expect(late.failure()).toBeInstanceOf(AdapterTimeout);
  });

  it('counts a deadline that passed while the event loop was blocked', () => {
    const d = withDeadline(new AbortController().signal, 5, 'prison');
    const until = performance.now() + 10;
    while (performance.now() < until) { /* block */ }
    expect(d.signal.aborted).toBe(false);
    expect(d.failure()).toBeInstanceOf(AdapterTimeout);
  });
});

describe('runBatch', () => {
  const plan = (over: Partial<BatchPlan> = {}): BatchPlan & { fetched: string[][] } => {
    const fetched: string[][] = [];
    return {
      agency: 'prison', entity: 'person', keys: [], call: testCall(), deadlineMs: 1000, maxBatch: 2, concurrency: 2, many: false,
      fetch: async (keys) => {
        fetched.push(keys);
        const known = keys.filter((k) => k !== 'unknown');
        return { keys: known, values: known.map((k) => ({ ref: k })) };
      },
      failure: (e) => new AdapterUnavailable('prison', 'down', { cause: e }),
      ...over,
      fetched,
    };
  };

  it('calls no backend for an empty batch', async () => {
    const p = plan();
    expect(await runBatch(p)).toEqual([]);
    expect(p.fetched).toEqual([]);
  });

  it('de-duplicates, chunks and aligns', async () => {
    const p = plan({ keys: ['c', 'a', 'unknown', 'a', 'b', 'd'] });
    expect(await runBatch(p)).toEqual([{ ref: 'c' }, { ref: 'a' }, null, { ref: 'a' }, { ref: 'b' }, { ref: 'd' }]);
    expect(p.fetched).toEqual([['c', 'a'], ['unknown', 'b'], ['d']]);
  });

  it('answers keys that cannot exist without asking the backend', async () => {
    const p = plan({ keys: ['x', 'y'], normalize: () => null });
    expect(await runBatch(p)).toEqual([null, null]);
    expect(p.fetched).toEqual([]);
  });

  it('rejects at once, without a backend call, when the caller already gave up', async () => {
    const controller = new AbortController();
    controller.abort();
    const p = plan({ keys: ['a'], call: testCall(controller.signal) });
    await expect(runBatch(p)).rejects.toBeInstanceOf(AdapterAborted);
    expect(p.fetched).toEqual([]);
  });

  it('turns a backend failure into the adapter failure and starts no further chunk', async () => {
    const p = plan({ keys: ['a', 'b', 'c', 'd', 'e'], concurrency: 1, fetch: async () => { throw new Error('ECONNRESET'); } });
    await expect(runBatch(p)).rejects.toBeInstanceOf(AdapterUnavailable);
  });

  it('rejects with AdapterTimeout when a chunk outlives the deadline', async () => {
    const p = plan({ keys: ['a'], deadlineMs: 30, fetch: (_k, d) => new Promise((_r, reject) => d.signal.addEventListener('abort', () => reject(d.signal.reason))) });
    await expect(runBatch(p)).rejects.toBeInstanceOf(AdapterTimeout);
  });
});
