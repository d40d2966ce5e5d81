import type { DecideFn } from './Decision.js';

/**
 * THE SEAM FOR ACCESS CONTROL. Every field-level release in the gateway goes through one
 * `DecideFn`, called once per (person, data category, providing agency) in a request by
 * `RequestAccess`, itself driven by the `@category` directives (enforceCategories.ts).
 *
 * Until the data-sharing agreements, case teams and consents are evaluated here, any
 * authenticated caller who has a known role of their agency and has declared a purpose of use
 * is allowed. The agreement-based decision replaces this function and nothing else.
 */
export function createDecide(): DecideFn {
  return ({ principal }) =>
    principal.roles.length === 0
      ? { allow: false, reason: 'NO_ROLE', trace: ['caller has no role known to its agency'] }
      : { allow: true, basis: 'AUTHENTICATED', trace: ['skeleton: authenticated caller with a known role'] };
}
