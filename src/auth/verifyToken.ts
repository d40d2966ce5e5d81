import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CONTROL_CHARACTERS } from '../../adapters/sdk/index.js';
import type { AgencyConfig } from '../config/index.js';
import { ConfigInvalid, Unauthenticated } from '../errors/index.js';
import type { Principal } from './Principal.js';

const MAX_TOKEN_LENGTH = 8192;
/** Verified tokens remembered per gateway process (oldest dropped first). */
const MAX_REMEMBERED = 10_000;
/** A verified token is checked again against its issuer's keys at least this often. */
const REMEMBER_MS = 30_000;

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal>;

/**
 * Builds the verifier for `Authorization: Bearer <JWT>`. The token's `iss` picks the agency;
 * the signature, audience, algorithm allow-list, expiry (with the configured clock tolerance) and
 * the `agency` claim are then checked against that agency's issuer only. Every failure is the
 * same `Unauthenticated` to the caller; the reason goes to the operational log via `cause`.
 */
export function createTokenVerifier(agencies: readonly AgencyConfig[], baseDir: string): TokenVerifier {
  const byIssuer = new Map<string, { agency: AgencyConfig; keys: JWTVerifyGetKey }>();
  for (const agency of agencies) byIssuer.set(agency.issuer.iss, { agency, keys: keySetOf(agency, baseDir) });

  // A client sends the same token with every request until it expires: its signature is
  // verified once, then the principal is reused until the token's expiry or REMEMBER_MS (half the
  // issuer's JWKS cache time if shorter, so a withdrawn key still stops it promptly), whichever
  // comes first. Keyed by the token's SHA-256, so the map holds no bearer credential.
  const remembered = new Map<string, { principal: Principal; until: number }>();

  return async (authorization) => {
    if (!authorization) throw new Unauthenticated('missing bearer token');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
    if (!match || authorization.length > MAX_TOKEN_LENGTH) throw new Unauthenticated('malformed bearer token');
    const token = match[1]!;
    const digest = createHash('sha256').update(token).digest('base64url');
    const hit = remembered.get(digest);
    if (hit && Date.now() < hit.until) return { ...hit.principal, roles: [...hit.principal.roles] };
    remembered.delete(digest);
    const verified = await verifyOnce(token);
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(digest, verified);
    return { ...verified.principal, roles: [...verified.principal.roles] };
  };

  async function verifyOnce(token: string): Promise<{ principal: Principal; until: number }> {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch (cause) {
      throw new Unauthenticated('malformed bearer token', { cause });
    }
    const entry = typeof iss === 'string' ? byIssuer.get(iss) : undefined;
    if (!entry) throw new Unauthenticated('token from an unknown issuer');
    const { agency, keys } = entry;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: agency.issuer.iss,
        audience: agency.issuer.audience,
        algorithms: agency.issuer.algorithms,
        clockTolerance: agency.issuer.clockToleranceSec,
        requiredClaims: ['sub', 'exp'],
      });
      if (payload.agency !== agency.id) throw new Unauthenticated('token agency claim does not match its issuer');
      if (payload.exp! * 1000 > Date.now() + (agency.issuer.maxTokenLifetimeSeconds + agency.issuer.clockToleranceSec) * 1000) {
        throw new Unauthenticated(`token expires more than ${agency.issuer.maxTokenLifetimeSeconds} s from now (issuer.maxTokenLifetimeSeconds)`);
      }
      const claimed = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
      const roles = claimed.filter((r) => agency.roles.includes(r));
      const client = typeof payload.azp === 'string' ? payload.azp : typeof payload.client_id === 'string' ? payload.client_id : null;
      // jose checks that `sub` is present, not that it is text. The subject and the client name
      // the caller in the audit log, the rate limits, the case teams and the trusted operations.
      const sub = nameClaim(payload.sub, 'subject');
      if (client !== null) nameClaim(client, 'client');
      const { clockToleranceSec, jwksCacheSeconds } = agency.issuer;
      const until = Math.min((payload.exp! + clockToleranceSec) * 1000, Date.now() + Math.min(REMEMBER_MS, (jwksCacheSeconds * 1000) / 2));
      return { principal: { sub, agency: agency.id, roles, client }, until };
    } catch (cause) {
      if (cause instanceof Unauthenticated) throw cause;
      const reason = cause instanceof joseErrors.JWTExpired ? 'token expired' : 'token did not verify';
      throw new Unauthenticated(reason, { cause });
    }
  }
}

/**
 * Characters no caller name may hold beyond the control characters: format characters (zero-width
 * spaces and joiners, direction marks, soft hyphens), unassigned or private-use code points, line
 * and paragraph separators. A name holding one looked like another caller's on the audit page and
 * escaped a search for that caller.
 */
const INVISIBLE = /[\p{Cf}\p{Cn}\p{Co}\p{Zl}\p{Zp}]/u;

/**
 * `value` when it is text fit to name a caller (1–256 characters, well formed, none of the control
 * or bidirectional-override characters no agency value may hold either, nor `INVISIBLE` ones);
 * else the token is refused.
 */
function nameClaim(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new Unauthenticated(`token ${what} is not a non-empty string`);
  if (value.length > 256) throw new Unauthenticated(`token ${what} too long`);
  if (CONTROL_CHARACTERS.test(value) || INVISIBLE.test(value) || !value.isWellFormed()) throw new Unauthenticated(`token ${what} holds control, format (invisible) or bidirectional characters, or unpaired surrogates`);
  return value;
}

function keySetOf(agency: AgencyConfig, baseDir: string): JWTVerifyGetKey {
  const { jwks } = agency.issuer;
  if (typeof jwks === 'object') return createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
  if (jwks.startsWith('file:')) {
    const path = resolve(baseDir, jwks.slice(5));
    try {
      return createLocalJWKSet(JSON.parse(readFileSync(path, 'utf8')));
    } catch (cause) {
      const why = (cause as NodeJS.ErrnoException).code ?? (cause instanceof SyntaxError ? 'not JSON' : 'not a JWKS');
      throw new ConfigInvalid(`agencies.${agency.id}.issuer.jwks: cannot read JWKS file ${jwks.slice(5)} (${why})`, { cause });
    }
  }
  // Plain http only to this machine (a local identity provider, tests); anything else must be https.
  if (jwks.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(jwks)) {
    const maxAge = agency.issuer.jwksCacheSeconds * 1000;
    return createRemoteJWKSet(new URL(jwks), { cacheMaxAge: maxAge, cooldownDuration: Math.min(30_000, maxAge), timeoutDuration: 5_000 });
  }
  throw new ConfigInvalid(`agencies.${agency.id}.issuer.jwks: use file:PATH, an https URL, or an inline JWKS`);
}
