import { createHmac } from 'node:crypto';
import type { IdentifierScheme } from '../../adapters/sdk/index.js';
import { normaliseNationalId, schemeFamily } from './nationalId.js';

/**
 * Keyed pseudonyms: HMAC-SHA-256 over `domain ‖ scheme family ‖ normalised identifier`.
 * Separate domains (`person`, `audit`, a statistics project…) give unlinkable pseudonyms for the
 * same person; without the key nobody can recompute or reverse them.
 */
export type Pseudonymizer = (domain: string, scheme: IdentifierScheme, value: string) => string;

export function createPseudonymizer(key: string): Pseudonymizer {
  const keyBytes = Buffer.from(key, 'utf8');
  return (domain, scheme, value) =>
    createHmac('sha256', keyBytes)
      .update(`${domain}\u0000${schemeFamily(scheme)}\u0000${normaliseNationalId(value)}`)
      .digest('base64url');
}
