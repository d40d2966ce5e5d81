import { codeOf, type AdapterReadiness } from '../../adapters/sdk/index.js';
import type { Gateway } from './createGateway.js';

export interface Readiness {
  ready: boolean;
  store: { ok: boolean; detail?: string };
  /** Per agency: its backend's probe and its circuit breaker (`closed` | `open` | `half-open`). */
  agencies: Record<string, AdapterReadiness>;
}

/**
 * Ready when the audit store answers: without it nothing may be released (fail closed), so a
 * replica whose store is gone must get no traffic. Agencies are reported one by one but do not
 * make the gateway unready: every replica sees the same agencies, and partial answers are the
 * designed behaviour when one is down.
 */
export async function readiness(gateway: Gateway): Promise<Readiness> {
  const [store, ...agencies] = await Promise.all([
    // The error's code only: /readyz answers anyone, and a driver's message names hosts, ports and databases.
    gateway.store.query('SELECT 1').then(() => ({ ok: true }), (e: unknown) => ({ ok: false, detail: `the store did not answer SELECT 1${codeOf(e)}` })),
    ...[...gateway.registry.adapters.values()].map(async (a) => [a.agency, await a.ready()] as const),
  ]);
  return { ready: store.ok, store, agencies: Object.fromEntries(agencies) };
}
