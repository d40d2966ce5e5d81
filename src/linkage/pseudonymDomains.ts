/** Public person ids, and the keys of the gateway's access metadata (consents, case teams, links). */
export const PERSON_DOMAIN = 'person';
/** The audit log's subjects. */
export const AUDIT_DOMAIN = 'audit';

const DOMAIN = /^[a-z][a-z0-9_-]{0,31}(?::[A-Za-z0-9][A-Za-z0-9_.-]{0,63})?$/;
const PROJECT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The pseudonym domain of one statistics project: `statistics:<projectId>`. Each project's
 * pseudonyms are unlinkable to every other project's and to the person ids and audit subjects,
 * so two exports cannot be joined on them.
 * @throws RangeError for a project id that is not 1–64 letters, digits, `.`, `_` or `-`.
 */
export function statisticsDomain(projectId: string): string {
  if (!PROJECT.test(projectId)) throw new RangeError('statistics project id must be 1–64 letters, digits, ".", "_" or "-"');
  return `statistics:${projectId}`;
}

/**
 * Refuses a domain that could collide with another once joined into the HMAC input (a NUL, a
 * separator): `name` or `name:qualifier`.
 * @throws RangeError
 */
export function checkPseudonymDomain(domain: string): void {
  if (!DOMAIN.test(domain)) throw new RangeError(`not a pseudonym domain: ${JSON.stringify(domain.slice(0, 40))}`);
}
