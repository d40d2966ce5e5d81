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

/**
 * How many pseudonyms under the current key are remembered (two generations of this many, so at
 * most twice). Each person costs two HMACs per request (person id and audit subject), about a
 * tenth of what the gateway's own work on a 50-person request costs; a look-up costs next to
 * nothing. An entry is the HMAC input and its output, about 200 bytes: a few MiB at most.
 */
export const PSEUDONYM_CACHE_SIZE = 10_000;

export function createPseudonymizer(key: string, previousKeys: readonly string[] = [], cacheSize = PSEUDONYM_CACHE_SIZE): Pseudonymizer {
  const current = Buffer.from(key, 'utf8');
  const earlier = previousKeys.map((k) => Buffer.from(k, 'utf8')).filter((k) => !k.equals(current));
  // The few domains in use are checked once each (the check is a regular expression).
  const checked = new Set<string>();
  const input = (domain: string, scheme: IdentifierScheme, value: string): string => {
    if (!checked.has(domain)) {
      checkPseudonymDomain(domain);
      if (checked.size < 1000) checked.add(domain);
    }
    return `${domain}\u0000${schemeFamily(scheme)}\u0000${normaliseNationalId(value)}`;
  };
  const hmac = (keyBytes: Buffer, data: string): string => createHmac('sha256', keyBytes).update(data).digest('base64url');
  // Two generations: a hit in the older one moves to the newer; when the newer is full it becomes
  // the older and the oldest is dropped. Bounded, and the people of the current work stay in.
  let young = new Map<string, string>();
  let old = new Map<string, string>();
  const pseudonymize = (domain: string, scheme: IdentifierScheme, value: string): string => {
    const data = input(domain, scheme, value);
    let pseudonym = young.get(data);
    if (pseudonym !== undefined) return pseudonym;
    pseudonym = old.get(data) ?? hmac(current, data);
    if (young.size >= cacheSize) {
      old = young;
      young = new Map();
    }
    young.set(data, pseudonym);
    return pseudonym;
  };
  return Object.assign(pseudonymize, {
    previous: (domain: string, scheme: IdentifierScheme, value: string): string[] => {
      if (earlier.length === 0) return [];
      const data = input(domain, scheme, value);
      return earlier.map((k) => hmac(k, data));
    },
  });
}
