import { ConfigInvalid } from '../errors/index.js';
import type { AgencyConfig } from '../config/index.js';
import { DEMO_AGENCIES as BY_ID } from '../demo/demoAgencies.js';

/** The four simulated agencies of the embedded demo, in the order their data is preferred. */
export const DEMO_AGENCIES: ReadonlyArray<Pick<AgencyConfig, 'id' | 'name' | 'type' | 'roles'>> = Object.values(BY_ID).map((a) => ({
  id: a.id,
  name: a.name,
  type: a.type,
  // Every demo agency has a privacy officer, who reads the audit log (purpose AUDIT), and an
  // analyst, who builds dashboards on statistics (purpose STATISTICS).
  roles: [...a.roles, 'privacy_officer', 'analyst'],
}));

/**
 * Demo only: the private ES256 JWK that signs the embedded demo's audit checkpoints. Public in
 * this repository, so its signatures prove nothing outside the demo.
 */
export const DEMO_AUDIT_SIGNING_KEY = JSON.stringify({
  kty: 'EC',
  crv: 'P-256',
  x: 'y5-ppLqAcVhr311r86QB39i-wrVTPlH9ZB2BQOOFoMw',
  y: '4U_Q2zqK_9eNdwkestECyj6n45ORps-AW8SMKNxj2lk',
  d: '_3CsFfiQkp9zYwG_lrWvOlwOKzxjbjIrz1b98T4hyPM',
  alg: 'ES256',
  kid: 'demo-audit-1',
});

/** Demo only: a fixed key so person ids stay the same across restarts of the demo. */
export const DEMO_PSEUDONYM_KEY = 'demo-only-pseudonym-key--never-use-in-a-deployment';

/**
 * Refuses the demo's pseudonym key for a deployment (`serve --config`, `config check`): it is
 * public, in this repository, so with it anyone turns a national identifier into the person's
 * pseudonyms, the audit log's included.
 */
export function refuseDemoPseudonymKey(key: string): void {
  if (key === DEMO_PSEUDONYM_KEY) throw new ConfigInvalid('pseudonyms.key is the demo\'s public key: set a secret of your own (at least 32 characters)');
}
