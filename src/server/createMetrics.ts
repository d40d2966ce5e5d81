import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface GatewayMetrics {
  registry: Registry;
  /** One increment per backend call an adapter makes (query, HTTP request, file read). */
  adapterBatches: Counter<'agency' | 'entity'>;
  /** One increment per failed agency call (after retries), by the adapter error's code. */
  adapterFailures: Counter<'agency' | 'entity' | 'code'>;
  requests: Histogram<'outcome'>;
  auditEvents: Counter<string>;
}

/** The gateway's Prometheus metrics, in a registry of its own (several gateways can live in one process, as in tests). */
export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'reintegra_' });
  return {
    registry,
    adapterBatches: new Counter({
      name: 'reintegra_adapter_batches_total',
      help: 'Backend calls made by adapters, by agency and entity.',
      labelNames: ['agency', 'entity'],
      registers: [registry],
    }),
    adapterFailures: new Counter({
      name: 'reintegra_adapter_failures_total',
      help: 'Agency calls that failed after retries, by agency, entity and error code (ERR_ADAPTER_*).',
      labelNames: ['agency', 'entity', 'code'],
      registers: [registry],
    }),
    requests: new Histogram({
      name: 'reintegra_graphql_request_duration_seconds',
      help: 'GraphQL requests by outcome.',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    auditEvents: new Counter({
      name: 'reintegra_audit_events_total',
      help: 'Audit events committed to the store.',
      registers: [registry],
    }),
  };
}
