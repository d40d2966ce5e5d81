import type { Logger } from 'pino';
import { backoffDelay } from './backoffDelay.js';
import { BackendSlots } from './BackendSlots.js';
import { CircuitBreaker, type CircuitState, type CircuitTicket } from './CircuitBreaker.js';
import { AdapterAborted, AdapterCircuitOpen, AdapterError, AdapterScanNotSupported, AdapterUnavailable } from './errors.js';
import type { ResilienceConfig } from './resilienceConfig.js';
import type { EntityName } from './model.js';
import type { Adapter, AdapterCall, AdapterReadiness, KeyPage } from './types.js';
import { untilAborted } from './untilAborted.js';
import { withDeadline } from './withDeadline.js';

/** The deadline of an adapter whose kind states none. Every kind's config defaults to the same. */
export const DEFAULT_DEADLINE_MS = 2000;

/** An adapter behind the resilience wrapper, with its state for /readyz and metrics. */
export interface ResilientAdapter extends Adapter {
  readonly circuit: CircuitState;
  readonly slots: BackendSlots;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  untilAborted(new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), signal);

/**
 * Wraps any kind's adapter (`createAdapter` applies it to every one) with:
 * - one deadline per `load`, retries included (the kind's `deadlineMs`): past it the call
 *   rejects with `AdapterTimeout`, or `AdapterAborted` when the caller's signal went first;
 * - retries of transient whole-batch failures (`AdapterUnavailable.transient`: reset or
 *   refused connections, 503s) with jittered exponential backoff, never waiting past the deadline;
 * - a circuit breaker: after `circuit.failures` failed loads in a row, loads reject at once with
 *   `AdapterCircuitOpen` until a probe after `circuit.coolDownMs` succeeds;
 * - a limit of `maxInFlight` backend calls at once, handed to the batch runner through
 *   `call.backendSlots` (excess calls queue until a slot or their deadline).
 * Per-key errors are answers, not failures: they neither retry nor count against the circuit.
 * An empty batch resolves to `[]` at once (the batch contract: no backend call).
 */
export function resilientAdapter(
  inner: Adapter, config: ResilienceConfig, logger: Logger, random: () => number = Math.random,
  onFailure?: (entity: EntityName, code: string) => void,
): ResilientAdapter {
  const { agency } = inner;
  const deadlineMs = inner.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const breaker = new CircuitBreaker({ failureThreshold: config.circuit.failures, coolDownMs: config.circuit.coolDownMs });
  const slots = new BackendSlots(config.maxInFlight);

  /**
   * Every failed call is logged (agency, entity and code; never keys or values) and counted
   * (`onFailure`), so an agency failing part of the time shows in the operational log and the
   * metrics, not only once its circuit opens.
   */
  const failed = (ticket: CircuitTicket, entity: EntityName, error: AdapterError): AdapterError => {
    if (error instanceof AdapterAborted) {
      breaker.neutral(ticket);
      return error;
    }
    logger.warn({ entity, code: error.code }, 'an agency call failed');
    onFailure?.(entity, error.code);
    const before = breaker.state;
    breaker.failure(ticket);
    if (before !== 'open' && breaker.state === 'open') logger.warn({ circuit: 'open', code: error.code }, 'agency circuit opened after repeated failures');
    return error;
  };

  /** One page of keys: same deadline and circuit as a load, no retries (a scan is restarted whole). */
  const listKeys = async (
    list: NonNullable<Adapter['listKeys']>, entity: Parameters<NonNullable<Adapter['listKeys']>>[0],
    page: KeyPage, call: AdapterCall,
  ): Promise<string[]> => {
    const ticket = breaker.tryAcquire();
    if (!ticket) throw new AdapterCircuitOpen(agency, `${agency}: circuit open after repeated failures; the agency is not called`);
    const deadline = withDeadline(call.signal, deadlineMs, agency);
    try {
      const keys = await untilAborted(list(entity, page, { ...call, signal: deadline.signal, backendSlots: slots }), deadline.signal).finally(deadline.done);
      breaker.success(ticket);
      return keys;
    } catch (caught) {
      // Asking a kind for what it cannot do says nothing about the agency's health.
      if (caught instanceof AdapterScanNotSupported) {
        breaker.neutral(ticket);
        throw caught;
      }
      throw failed(ticket, entity, deadline.failure() ?? (caught instanceof AdapterError ? caught : new AdapterUnavailable(agency, `${agency}: listing ${entity} failed`, { cause: caught })));
    }
  };

  return {
    agency,
    kind: inner.kind,
    entities: inner.entities,
    deadlineMs,
    slots,
    get circuit() {
      return breaker.state;
    },
    async load(entity, keys, call) {
      if (keys.length === 0) return [];
      const ticket = breaker.tryAcquire();
      if (!ticket) throw new AdapterCircuitOpen(agency, `${agency}: circuit open after repeated failures; the agency is not called`);
      const deadline = withDeadline(call.signal, deadlineMs, agency);
      const scoped = { ...call, signal: deadline.signal, backendSlots: slots };
      try {
        for (let retry = 0; ; retry++) {
          let error: AdapterError;
          try {
            const values = await inner.load(entity, keys, scoped);
            if (ticket.probe && breaker.state !== 'closed') logger.info({ circuit: 'closed' }, 'agency circuit closed after a successful probe');
            breaker.success(ticket);
            return values;
          } catch (caught) {
            error = deadline.failure() ?? (caught instanceof AdapterError ? caught : new AdapterUnavailable(agency, `${agency}: ${entity} failed`, { cause: caught }));
          }
          const wait = backoffDelay(retry, config.backoffMs, config.maxBackoffMs, random);
          const transient = error instanceof AdapterUnavailable && error.transient;
          if (!transient || retry >= config.retries || wait >= deadline.remainingMs()) throw failed(ticket, entity, error);
          logger.warn({ entity, retry: retry + 1, code: error.code }, 'retrying an agency call after a transient failure');
          try {
            await sleep(wait, deadline.signal);
          } catch {
            throw failed(ticket, entity, deadline.failure() ?? error);
          }
        }
      } finally {
        deadline.done();
      }
    },
    ...(inner.listKeys ? { listKeys: (entity, page, call) => listKeys(inner.listKeys!.bind(inner), entity, page, call) } : {}),
    async ready(): Promise<AdapterReadiness> {
      const probe = await inner.ready();
      const circuit = breaker.state;
      if (circuit !== 'open') return { ...probe, circuit };
      return { ok: false, detail: probe.ok ? 'circuit open after repeated failures' : `circuit open; ${probe.detail ?? 'backend not ready'}`, circuit };
    },
    close: () => inner.close(),
  };
}
