/**
 * Hostile tokens. Each case: refused as UNAUTHENTICATED (401 at the HTTP layer, see http.test.ts),
 * never a principal. Verified against issuers configured like a deployment's: one with a local
 * JWKS, one whose JWKS is fetched over HTTP and then becomes unreachable.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, type TokenVerifier } from '../../src/auth/index.js';
import type { AgencyConfig } from '../../src/config/index.js';

const ISS = 'https://idp.prison.example';
const REMOTE_ISS = 'https://idp.probation.example';
let verify: TokenVerifier;
let key: CryptoKey;
let publicJwk: JWK;
let remoteKey: CryptoKey;
let jwksServer: Server;
let jwksUp = true;
let jwksFetches = 0;

const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function sign(claims: Record<string, unknown> = {}, opts: { iss?: string; aud?: string; kid?: string; key?: CryptoKey; nbf?: number; exp?: number } = {}) {
  const jwt = new SignJWT({ agency: opts.iss === REMOTE_ISS ? 'probation' : 'prison', roles: ['prison_officer', 'probation_officer'], ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? 'k1' })
    .setIssuer(opts.iss ?? ISS)
    .setAudience(opts.aud ?? 'reintegra')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? now() + 300);
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  if (!('sub' in claims)) jwt.setSubject('officer.1');
  return jwt.sign(opts.key ?? key);
}

beforeAll(async () => {
  ({ privateKey: key } = await generateKeyPair('ES256', { extractable: true }));
  const { d: _d, ...pub } = await exportJWK(key);
  publicJwk = { ...pub, kid: 'k1', alg: 'ES256', use: 'sig' };
  let remotePublic: JWK;
  ({ privateKey: remoteKey } = await generateKeyPair('ES256', { extractable: true }));
  {
    const { d: _r, ...p } = await exportJWK(remoteKey);
    remotePublic = { ...p, kid: 'r1', alg: 'ES256', use: 'sig' };
  }
  jwksServer = createServer((req, res) => {
    jwksFetches += 1;
    if (!jwksUp) {
      res.statusCode = 503;
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [remotePublic] }));
  });
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
  const port = (jwksServer.address() as AddressInfo).port;
  const base = { type: 'PRISON', adapter: { kind: 'sql' } } as const;
  verify = createTokenVerifier(
    [
      { ...base, id: 'prison', name: 'Prison', roles: ['prison_officer'], issuer: { iss: ISS, jwks: { keys: [publicJwk as Record<string, unknown>] }, audience: 'reintegra', algorithms: ['ES256'], clockToleranceSec: 30, jwksCacheSeconds: 600, maxTokenLifetimeSeconds: 86_400 } },
      { ...base, id: 'probation', name: 'Probation', type: 'PROBATION', roles: ['probation_officer'], issuer: { iss: REMOTE_ISS, jwks: `http://127.0.0.1:${port}/jwks.json`, audience: 'reintegra', algorithms: ['ES256'], clockToleranceSec: 30, jwksCacheSeconds: 1, maxTokenLifetimeSeconds: 86_400 } },
    ] as AgencyConfig[],
    '.',
  );
});

afterAll(() => new Promise<void>((r) => jwksServer.close(() => r())));

describe('hostile bearer tokens', () => {
  it('accepts a well-formed token (the control case)', async () => {
    await expect(verify(`Bearer ${await sign()}`)).resolves.toMatchObject({ agency: 'prison', roles: ['prison_officer'] });
  });

  it('refuses a missing token', async () => {
    await expect(verify(undefined)).rejects.toThrow('missing bearer token');
  });

  it('refuses a malformed token', async () => {
    await expect(verify('Bearer not-a-jwt')).rejects.toThrow('malformed bearer token');
    await expect(verify(`Bearer ${'a'.repeat(9000)}.b.c`)).rejects.toThrow('malformed bearer token');
  });

  it('refuses alg none', async () => {
    const t = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ iss: ISS, aud: 'reintegra', sub: 'x', agency: 'prison', roles: ['prison_officer'], exp: now() + 300 })}.`;
    await expect(verify(`Bearer ${t}x`)).rejects.toThrow('token did not verify');
  });

  it('refuses HS256 signed with the issuer’s public key (algorithm confusion)', async () => {
    const head = enc({ alg: 'HS256', kid: 'k1' });
    const body = enc({ iss: ISS, aud: 'reintegra', sub: 'x', agency: 'prison', roles: ['prison_officer'], exp: now() + 300 });
    const mac = createHmac('sha256', JSON.stringify(publicJwk)).update(`${head}.${body}`).digest('base64url');
    await expect(verify(`Bearer ${head}.${body}.${mac}`)).rejects.toThrow('token did not verify');
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    await expect(verify(`Bearer ${await sign({}, { iss: 'https://idp.evil.example' })}`)).rejects.toThrow('token from an unknown issuer');
    await expect(verify(`Bearer ${await sign({}, { aud: 'another-api' })}`)).rejects.toThrow('token did not verify');
  });

  it('refuses an expired token, beyond the clock tolerance', async () => {
    await expect(verify(`Bearer ${await sign({}, { exp: now() - 120 })}`)).rejects.toThrow('token expired');
  });

  it('refuses a token that would stay valid longer than the issuer’s maximum lifetime (a day by default)', async () => {
    await expect(verify(`Bearer ${await sign({}, { exp: now() + 86_400 })}`)).resolves.toMatchObject({ sub: 'officer.1' });
    await expect(verify(`Bearer ${await sign({}, { exp: now() + 100 * 365 * 86_400 })}`)).rejects.toThrow('token expires more than 86400 s from now (issuer.maxTokenLifetimeSeconds)');
  });

  it('accepts a token not yet valid by less than the clock tolerance, and refuses one beyond it', async () => {
    await expect(verify(`Bearer ${await sign({}, { nbf: now() + 10 })}`)).resolves.toMatchObject({ sub: 'officer.1' });
    await expect(verify(`Bearer ${await sign({}, { nbf: now() + 120 })}`)).rejects.toThrow('token did not verify');
  });

  it('verifies a token once, and refuses it when it expires although it was remembered', async () => {
    const token = `Bearer ${await sign({}, { exp: now() + 5 })}`;
    await expect(verify(token)).resolves.toMatchObject({ sub: 'officer.1' });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10_000); // within the 30 s tolerance: still accepted
      await expect(verify(token)).resolves.toMatchObject({ sub: 'officer.1' });
      vi.setSystemTime(Date.now() + 30_000); // past exp + tolerance
      await expect(verify(token)).rejects.toThrow('token expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['a number', 12345, 'token subject is not a non-empty string'],
    ['an object', {}, 'token subject is not a non-empty string'],
    ['a list', ['a', 'b'], 'token subject is not a non-empty string'],
    ['empty', '', 'token subject is not a non-empty string'],
    ['control characters', 'officer\u0007.1', 'token subject holds control, format (invisible) or bidirectional characters, or unpaired surrogates'],
    ['an unpaired surrogate', 'officer\ud800', 'token subject holds control, format (invisible) or bidirectional characters, or unpaired surrogates'],
    ['a right-to-left override', 'officer\u202e.1', 'token subject holds control, format (invisible) or bidirectional characters, or unpaired surrogates'],
    ['a zero-width space (looks like probation-po-07)', 'probation-po-07\u200b', 'token subject holds control, format (invisible) or bidirectional characters, or unpaired surrogates'],
    ['a right-to-left mark', 'probation-po-07\u200f', 'token subject holds control, format (invisible) or bidirectional characters, or unpaired surrogates'],
    ['an Arabic letter mark', 'probation-po-07\u061c', 'token subject holds control, format (invisible) or bidirectional characters, or unpaired surrogates'],
  ])('refuses a signed token whose subject is %s', async (_, sub, reason) => {
    await expect(verify(`Bearer ${await sign({ sub })}`)).rejects.toThrow(reason);
  });

  it('refuses a signed token whose client claim is not fit to name a caller', async () => {
    await expect(verify(`Bearer ${await sign({ azp: 'case\nsystem' })}`)).rejects.toThrow('token client holds control, format (invisible) or bidirectional characters, or unpaired surrogates');
    await expect(verify(`Bearer ${await sign({ azp: 'c'.repeat(257) })}`)).rejects.toThrow('token client too long');
    await expect(verify(`Bearer ${await sign({ azp: 'case-system' })}`)).resolves.toMatchObject({ client: 'case-system' });
  });

  it('refuses an unknown kid', async () => {
    const { privateKey: other } = await generateKeyPair('ES256');
    await expect(verify(`Bearer ${await sign({}, { kid: 'k-unknown', key: other })}`)).rejects.toThrow('token did not verify');
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = (await sign()).split('.');
    const forged = enc({ iss: ISS, aud: 'reintegra', sub: 'officer.1', agency: 'prison', roles: ['prison_officer', 'prison_case_manager'], exp: now() + 300 });
    await expect(verify(`Bearer ${h}.${forged}.${s}`)).rejects.toThrow('token did not verify');
  });

  it('uses an issuer’s fetched keys while they are fresh, and fails closed once its JWKS is unreachable after they expire', async () => {
    const token = await sign({}, { iss: REMOTE_ISS, kid: 'r1', key: remoteKey });
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({ agency: 'probation' });
    const fetched = jwksFetches;
    jwksUp = false;
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({ agency: 'probation' });
    expect(jwksFetches).toBe(fetched); // served from the cache, the IdP was not asked
    await new Promise((r) => setTimeout(r, 1100));
    await expect(verify(`Bearer ${token}`)).rejects.toThrow('token did not verify');
    jwksUp = true;
  });
});
