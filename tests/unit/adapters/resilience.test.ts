import { captureLogs } from '../../support/logCapture.js';
import { describe, expect, it } from 'vitest';
import {
  AdapterAborted, AdapterBadRecord, AdapterCircuitOpen, AdapterTimeout, AdapterUnavailable, backoffDelay, BackendSlots,
  CircuitBreaker, isTransientFailure, resilienceConfig, resilientAdapter, runBatch, type Adapter, type AdapterCall,
} from '../../../adapters/sdk/index.js';
import { silentLogger, testCall } from '../../support/testDeps.js';

/** An adapter whose every load runs `behaviour`, counting the attempts. */
function fakeAdapter(behaviour: (attempt: number, call: AdapterCall) => Promise<unknown[]>, deadlineMs = 1000): Adapter & { attempts: number } {
  const fake = {
    agency: 'probation', kind: 'fake', entities: new Set(['person'] as const), deadlineMs, attempts: 0,
    load: (_e: unknown, _k: unknown, call: AdapterCall) => behaviour(++fake.attempts, call),
    ready: async () => ({ ok: true }),
    close: async () => {},
  };
  return fake as unknown as Adapter & { attempts: number };
}
const config = (extra: Record<string, unknown> = {}) => resilienceConfig.parse({ backoffMs: 1, maxBackoffMs: 5, ...extra });
const reset = () => new AdapterUnavailable('probation', 'probation: reset', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) });
const waitAbort = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, jittered between zero and the ceiling', () => {
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, 50, 300, () => 0.999999))).toEqual([49, 99, 199, 299, 299]);
    expect(backoffDelay(5, 50, 300, () => 0)).toBe(0);
  });
});

describe('isTransientFailure', () => {
  it('knows network, driver and SQLSTATE codes of failures that may pass, also as a cause', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'PROTOCOL_CONNECTION_LOST', '57P01', '08006', '40001']) {
      expect(isTransientFailure(Object.assign(new Error(), { code }))).toBe(true);
    }
    expect(isTransientFailure(new Error('wrapper', { cause: Object.assign(new Error(), { code: 'EPIPE' }) }))).toBe(true);
    for (const code of ['42P01', 'ER_PARSE_ERROR', 'ENOENT', undefined]) expect(isTransientFailure(Object.assign(new Error(), { code }))).toBe(false);
  });
});

describe('BackendSlots', () => {
  it('runs at most size at once and hands slots to waiters in arrival order', async () => {
    const slots = new BackendSlots(2);
    const signal = new AbortController().signal;
    const [a, b] = await Promise.all([slots.acquire(signal), slots.acquire(signal)]);
    const order: string[] = [];
    const c = slots.acquire(signal).then((r) => (order.push('c'), r));
    const d = slots.acquire(signal).then((r) => (order.push('d'), r));
    expect([slots.inFlight, slots.queued]).toEqual([2, 2]);
    a();
    a(); // a second release of the same slot changes nothing
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect([slots.inFlight, slots.queued]).toEqual([0, 0]);
  });

  it('lets a waiter whose signal aborts leave the queue', async () => {
    const slots = new BackendSlots(1);
    const held = await slots.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(slots.queued).toBe(0);
    held();
    expect(slots.inFlight).toBe(0);
  });
});

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, half-opens for one probe after the cool-down, closes on its success', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000, now: () => now });
    breaker.failure(breaker.tryAcquire()!);
    breaker.success(breaker.tryAcquire()!); // a success resets the count
    for (let i = 0; i < 3; i++) breaker.failure(breaker.tryAcquire()!);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBeNull();
    now = 1000;
    expect(breaker.state).toBe('half-open');
    const probe = breaker.tryAcquire()!;
    expect(probe.probe).toBe(true);
    expect(breaker.tryAcquire()).toBeNull(); // one probe at a time
    breaker.failure(probe);
    expect(breaker.state).toBe('open');
    now = 2500;
    const again = breaker.tryAcquire()!;
    breaker.neutral(again); // the caller gave up: the next caller may probe
    breaker.success(breaker.tryAcquire()!);
    expect(breaker.state).toBe('closed');
  });
});

describe('resilientAdapter', () => {
  it('retries a transient failure and answers, within one deadline', async () => {
    const inner = fakeAdapter(async (n) => {
      if (n < 3) throw reset();
      return [{ ref: 'a' }];
    });
    const adapter = resilientAdapter(inner, config(), silentLogger);
    expect(await adapter.load('person', ['a'], testCall())).toEqual([{ ref: 'a' }]);
    expect(inner.attempts).toBe(3);
  });

  it('does not retry a failure that is not transient, nor past the retry budget', async () => {
    const bad = fakeAdapter(async () => {
      throw new AdapterUnavailable('probation', 'probation: HTTP 500', { transient: false });
    });
    await expect(resilientAdapter(bad, config(), silentLogger).load('person', ['a'], testCall())).rejects.toThrow('HTTP 500');
    expect(bad.attempts).toBe(1);
    const flaky = fakeAdapter(async () => { throw reset(); });
    await expect(resilientAdapter(flaky, config({ retries: 1 }), silentLogger).load('person', ['a'], testCall())).rejects.toBeInstanceOf(AdapterUnavailable);
    expect(flaky.attempts).toBe(2);
  });

  it('logs and counts every failed call, once after its retries, but not a caller that gave up', async () => {
    const logs = captureLogs('warn');
    const failures: Array<[string, string]> = [];
    const bad = fakeAdapter(async () => {
      throw new AdapterUnavailable('probation', 'probation: HTTP 500', { transient: false });
    });
    const adapter = resilientAdapter(bad, config(), logs.logger, Math.random, (entity, code) => failures.push([entity, code]));
    await expect(adapter.load('supervision', ['a'], testCall())).rejects.toThrow('HTTP 500');
    await expect(adapter.load('supervision', ['b'], testCall())).rejects.toThrow('HTTP 500');
    expect(failures).toEqual([['supervision', 'ERR_ADAPTER_UNAVAILABLE'], ['supervision', 'ERR_ADAPTER_UNAVAILABLE']]);
    expect(logs.lines.filter((l) => l.msg === 'an agency call failed')).toEqual([
      expect.objectContaining({ entity: 'supervision', code: 'ERR_ADAPTER_UNAVAILABLE' }),
      expect.objectContaining({ entity: 'supervision', code: 'ERR_ADAPTER_UNAVAILABLE' }),
    ]);
    expect(logs.text()).not.toMatch(/"a"|"b"/);
  });

  it('never waits for a retry past the deadline, and reports the deadline as AdapterTimeout', async () => {
    const inner = fakeAdapter(async () => { throw reset(); }, 50);
    await expect(resilientAdapter(inner, config({ backoffMs: 10_000, maxBackoffMs: 10_000 }), silentLogger, () => 0.9).load('person', ['a'], testCall())).rejects.toBeInstanceOf(AdapterUnavailable);
    expect(inner.attempts).toBe(1);
    const hanging = fakeAdapter((_n, call) => waitAbort(call.signal), 30);
    await expect(resilientAdapter(hanging, config(), silentLogger).load('person', ['a'], testCall())).rejects.toBeInstanceOf(AdapterTimeout);
  });

  it('opens the circuit after repeated failures and fails fast without calling the agency', async () => {
    const inner = fakeAdapter(async () => { throw new AdapterUnavailable('probation', 'down', { transient: false }); });
    const adapter = resilientAdapter(inner, config({ circuit: { failures: 2, coolDownMs: 60_000 } }), silentLogger);
    for (let i = 0; i < 2; i++) await expect(adapter.load('person', ['a'], testCall())).rejects.toBeInstanceOf(AdapterUnavailable);
    expect(adapter.circuit).toBe('open');
    await expect(adapter.load('person', ['a'], testCall())).rejects.toBeInstanceOf(AdapterCircuitOpen);
    expect(inner.attempts).toBe(2);
    expect(await adapter.ready()).toEqual({ ok: false, detail: 'circuit open after repeated failures', circuit: 'open' });
    expect(await adapter.load('person', [], testCall())).toEqual([]); // an empty batch calls nothing, open or not
  });

  it('counts neither per-key errors nor caller aborts against the circuit', async () => {
    const inner = fakeAdapter(async (n, call) => (n % 2 ? [new AdapterBadRecord('probation', 'bad')] : waitAbort(call.signal)));
    const adapter = resilientAdapter(inner, config({ circuit: { failures: 1, coolDownMs: 60_000 } }), silentLogger);
    expect((await adapter.load('person', ['a'], testCall()))[0]).toBeInstanceOf(AdapterBadRecord);
    const controller = new AbortController();
    const pending = adapter.load('person', ['a'], testCall(controller.signal));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AdapterAborted);
    expect(adapter.circuit).toBe('closed');
  });
});

describe('runBatch under a concurrency limit', () => {
  it('queues chunks beyond maxInFlight and holds a slot until the backend call really ends', async () => {
    const slots = new BackendSlots(2);
    let running = 0;
    let peak = 0;
    const out = await runBatch({
      agency: 'prison', entity: 'person', keys: ['a', 'b', 'c', 'd', 'e'], call: { ...testCall(), backendSlots: slots },
      deadlineMs: 2000, maxBatch: 1, concurrency: 5, many: false,
      fetch: async (keys) => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return { keys, values: keys.map((ref) => ({ ref })) };
      },
      failure: (e) => new AdapterUnavailable('prison', 'x', { cause: e }),
    });
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e'].map((ref) => ({ ref })));
    expect(peak).toBe(2);
    expect(slots.inFlight).toBe(0);
  });

  it('gives up a fetch that ignores the deadline, at the deadline', async () => {
    const never = new Promise<never>(() => {});
    await expect(runBatch({
      agency: 'ngo', entity: 'person', keys: ['a'], call: testCall(), deadlineMs: 30, maxBatch: 10, concurrency: 1, many: false,
      fetch: () => never, failure: (e) => new AdapterUnavailable('ngo', 'x', { cause: e }),
    })).rejects.toBeInstanceOf(AdapterTimeout);
  });
});
