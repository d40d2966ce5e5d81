import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose';
import { ConfigInvalid } from '../errors/index.js';

export interface CheckpointKey {
  kid: string;
  alg: 'ES256' | 'EdDSA';
  key: CryptoKey | Uint8Array;
  /** The public JWK (never the private part), as published for checking checkpoints. */
  jwk: JWK;
}

/**
 * The keys of the audit log: the private key that signs new checkpoints (none when the config has
 * no `audit.signingKey`) and every public key a checkpoint may have been signed with (the signing
 * key's and `audit.previousKeys`, for checkpoints signed before a key rotation), by key id.
 */
export interface CheckpointKeys {
  signer: CheckpointKey | null;
  verifiers: ReadonlyMap<string, CheckpointKey>;
}

/**
 * Loads the keys from the config's `audit` block. A key is given as `env:NAME` (the JWK JSON in
 * that environment variable), `file:path` (relative to `baseDir`) or the JWK JSON itself. The
 * signing key is a private EC P-256 (ES256) or Ed25519 (EdDSA) JWK; its `kid` defaults to its
 * RFC 7638 thumbprint.
 */
export async function loadCheckpointKeys(audit: { signingKey: string; previousKeys?: string | undefined } | undefined, baseDir: string): Promise<CheckpointKeys> {
  const verifiers = new Map<string, CheckpointKey>();
  if (!audit) return { signer: null, verifiers };
  const jwk = (await readJson(audit.signingKey, baseDir, 'audit.signingKey')) as JWK;
  if (typeof jwk !== 'object' || jwk === null || !jwk.d) throw new ConfigInvalid('audit.signingKey: must be a private JWK (with "d")');
  const alg = algOf(jwk, 'audit.signingKey');
  const { d: _d, ...publicJwk } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  const signer: CheckpointKey = { kid, alg, key: await importJWK({ ...jwk, kid }, alg), jwk: { ...publicJwk, kid, alg, use: 'sig' } };
  verifiers.set(kid, { ...signer, key: await importJWK(signer.jwk, alg) });
  if (audit.previousKeys) {
    const jwks = (await readJson(audit.previousKeys, baseDir, 'audit.previousKeys')) as { keys?: JWK[] };
    if (!Array.isArray(jwks?.keys)) throw new ConfigInvalid('audit.previousKeys: must be a JWKS ({"keys": [...]})');
    for (const k of jwks.keys) {
      if (k.d) throw new ConfigInvalid('audit.previousKeys: must hold public keys only');
      const kAlg = algOf(k, 'audit.previousKeys');
      const kKid = k.kid ?? (await calculateJwkThumbprint(k));
      verifiers.set(kKid, { kid: kKid, alg: kAlg, key: await importJWK(k, kAlg), jwk: { ...k, kid: kKid, alg: kAlg } });
    }
  }
  return { signer, verifiers };
}

function algOf(jwk: JWK, what: string): 'ES256' | 'EdDSA' {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  throw new ConfigInvalid(`${what}: only EC P-256 (ES256) and Ed25519 (EdDSA) keys are supported`);
}

async function readJson(spec: string, baseDir: string, what: string): Promise<unknown> {
  let text: string;
  if (spec.startsWith('env:')) {
    text = process.env[spec.slice(4)] ?? '';
    if (!text) throw new ConfigInvalid(`${what}: environment variable ${spec.slice(4)} is not set`);
  } else if (spec.startsWith('file:')) {
    const path = spec.slice(5);
    try {
      text = await readFile(isAbsolute(path) ? path : resolve(baseDir, path), 'utf8');
    } catch (error) {
      throw new ConfigInvalid(`${what}: cannot read ${path}`, { cause: error });
    }
  } else {
    text = spec;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigInvalid(`${what}: not valid JSON`, { cause: error });
  }
}
