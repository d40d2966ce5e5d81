import { validateConfig, type GatewayConfig } from '../config/index.js';
import { DEMO_AGENCIES, DEMO_PSEUDONYM_KEY } from './demoAgencies.js';
import { demoPolicy } from './demoPolicy.js';

/**
 * The demo's policy as a validated config, without starting anything: agencies and agreements
 * only (issuers and adapters are placeholders). For `reintegra policy` without `--config`.
 */
export function demoPolicyConfig(): GatewayConfig {
  return validateConfig(
    {
      store: { kind: 'pglite' },
      pseudonyms: { key: DEMO_PSEUDONYM_KEY },
      agencies: DEMO_AGENCIES.map((a) => ({ ...a, roles: [...a.roles], issuer: { iss: `urn:reintegra:demo:${a.id}`, jwks: 'file:unused' }, adapter: { kind: 'none' } })),
      ...demoPolicy(),
    },
    'demo policy',
  );
}
