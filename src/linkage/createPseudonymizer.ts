import { createHmac } from 'node:crypto';
import type { IdentifierScheme } from '../../adapters/sdk/index.js';
import { normaliseNationalId, schemeFamily } from './nationalId.js';
import { checkPseudonymDomain } from './pseudonymDomains.js';

/**
 * Keyed pseudonyms: HMAC-SHA-256 over `domain ‖ scheme family ‖ normalised identifier`.
 * Separate domains (`person`, `audit`, `statistics:<project>`) give unlinkable pseudonyms for the
 * same person; without the key nobody can recompute or reverse them.
 *
 * Calling it gives the pseudonym under the current key. `previous` gives the same pseudonym
 * under each earlier key (newest first), so that what was stored before a key rotation is still
 * found (see `rekeySubjects` and the README, "Identity linkage").
 */
export interface Pseudonymizer {
  (domain: string, scheme: IdentifierScheme, value: string): string;
  previous(domain: string, scheme: IdentifierScheme, value: string): string[];
}

export function createPseudonymizer(key: string, previousKeys: readonly string[] = []): Pseudonymizer {
  const current = Buffer.from(key, 'utf8');
  const earlier = previousKeys.map((k) => Buffer.from(k, 'utf8')).filter((k) => !k.equals(current));
  // The few domains in use are checked once each (the check is a regular expression, and this
  // runs twice per person per request).
  const checked = new Set<string>();
  const hmac = (keyBytes: Buffer, domain: string, scheme: IdentifierScheme, value: string): string => {
    if (!checked.has(domain)) {
      checkPseudonymDomain(domain);
      if (checked.size < 1000) checked.add(domain);
    }
    return createHmac('sha256', keyBytes).update(`${domain}\u0000${schemeFamily(scheme)}\u0000${normaliseNationalId(value)}`).digest('base64url');
  };
  const pseudonymize = (domain: string, scheme: IdentifierScheme, value: string): string => hmac(current, domain, scheme, value);
  return Object.assign(pseudonymize, {
    previous: (domain: string, scheme: IdentifierScheme, value: string): string[] => earlier.map((k) => hmac(k, domain, scheme, value)),
  });
}
