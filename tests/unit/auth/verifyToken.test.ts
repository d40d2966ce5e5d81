import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type TokenVerifier } from '../../../src/auth/index.js';
import type { AgencyConfig } from '../../../src/config/index.js';

let verify: TokenVerifier;
let key: CryptoKey;
let otherKey: CryptoKey;
const ISS = 'urn:test:prison';

function token(claims: Record<string, unknown> = {}, opts: { iss?: string; aud?: string; exp?: string | number; signWith?: CryptoKey } = {}) {
  return new SignJWT({ agency: 'prison', roles: ['prison_officer'], ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(opts.iss ?? ISS)
    .setAudience(opts.aud ?? 'reintegra')
    .setSubject('officer.7')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m')
    .sign(opts.signWith ?? key);
}

beforeAll(async () => {
  ({ privateKey: key } = await generateKeyPair('ES256', { extractable: true }));
  ({ privateKey: otherKey } = await generateKeyPair('ES256'));
  const { d: _d, ...pub } = await exportJWK(key);
  const agency = {
    id: 'prison',
    name: 'Prison',
    type: 'PRISON',
    roles: ['prison_officer', 'prison_case_manager'],
    adapter: { kind: 'sql' },
    issuer: { iss: ISS, jwks: { keys: [{ ...pub, kid: 'k1', alg: 'ES256' }] }, audience: 'reintegra', algorithms: ['ES256'], clockToleranceSec: 5, jwksCacheSeconds: 600, maxTokenLifetimeSeconds: 86_400 },
  } as AgencyConfig;
  verify = createTokenVerifier([agency], '.');
});

describe('bearer token verification', () => {
  it('returns the principal of a valid token, keeping only roles the agency knows', async () => {
    const t = await token({ roles: ['prison_officer', 'admin'] });
    await expect(verify(`Bearer ${t}`)).resolves.toEqual({ sub: 'officer.7', agency: 'prison', roles: ['prison_officer'], client: null });
  });

  it.each([
    ['missing', undefined, 'missing bearer token'],
    ['not a bearer', 'Basic abc', 'malformed bearer token'],
    ['garbage', 'Bearer a.b.c', 'malformed bearer token'],
  ])('refuses a %s header', async (_, header, message) => {
    await expect(verify(header)).rejects.toThrow(message);
  });

  it('refuses an expired token', async () => {
    const t = await token({}, { exp: Math.floor(Date.now() / 1000) - 60 });
    await expect(verify(`Bearer ${t}`)).rejects.toThrow('token expired');
  });

  it('refuses a token for another audience', async () => {
    await expect(verify(`Bearer ${await token({}, { aud: 'other' })}`)).rejects.toThrow('token did not verify');
  });

  it('refuses a token from an unknown issuer', async () => {
    await expect(verify(`Bearer ${await token({}, { iss: 'urn:evil' })}`)).rejects.toThrow('token from an unknown issuer');
  });

  it('refuses a token signed by another key', async () => {
    await expect(verify(`Bearer ${await token({}, { signWith: otherKey })}`)).rejects.toThrow('token did not verify');
  });

  it('refuses alg none', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const t = `${enc({ alg: 'none' })}.${enc({ iss: ISS, aud: 'reintegra', sub: 'x', agency: 'prison', roles: ['prison_officer'], exp: 9e9 })}.x`;
    await expect(verify(`Bearer ${t}`)).rejects.toThrow('token did not verify');
  });

  it('refuses a tampered payload', async () => {
    const [h, p, s] = (await token()).split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['prison_case_manager'] })).toString('base64url');
    await expect(verify(`Bearer ${h}.${forged}.${s}`)).rejects.toThrow('token did not verify');
  });

  it('refuses a token whose agency claim is not its issuer’s agency', async () => {
    await expect(verify(`Bearer ${await token({ agency: 'probation' })}`)).rejects.toThrow('token agency claim does not match its issuer');
  });
});
