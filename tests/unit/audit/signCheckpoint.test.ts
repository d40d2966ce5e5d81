import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpointKeys, signCheckpoint, verifyCheckpoint, type CheckpointKeys } from '../../../src/audit/index.js';

let privateJwk: Record<string, unknown>;
let keys: CheckpointKeys;
const root = Buffer.alloc(32, 7);

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  privateJwk = { ...(await exportJWK(privateKey)), kid: 'k1' };
  keys = await loadCheckpointKeys({ signingKey: JSON.stringify(privateJwk) }, '.');
});

describe('signed checkpoints', () => {
  it('signs a tree head as a compact JWS that verifies with the public key', async () => {
    const jws = await signCheckpoint(42, root, '2026-11-25T10:00:00.000Z', keys.signer!);
    expect(jws.split('.')).toHaveLength(3);
    expect(await verifyCheckpoint(jws, keys)).toEqual({ log: 'reintegra-audit-v1', treeSize: 42, rootHash: root.toString('base64'), timestamp: '2026-11-25T10:00:00.000Z', kid: 'k1' });
    expect(keys.signer!.jwk).not.toHaveProperty('d');
  });

  it('refuses a checkpoint whose payload was changed', async () => {
    const [h, , s] = (await signCheckpoint(42, root, '2026-11-25T10:00:00.000Z', keys.signer!)).split('.');
    const forged = Buffer.from(JSON.stringify({ log: 'reintegra-audit-v1', rootHash: root.toString('base64'), timestamp: '2026-11-25T10:00:00.000Z', treeSize: 41 })).toString('base64url');
    await expect(verifyCheckpoint(`${h}.${forged}.${s}`, keys)).rejects.toThrow('signature verification failed');
  });

  it('refuses a checkpoint signed with a key that is not configured', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const other = await loadCheckpointKeys({ signingKey: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'k2' }) }, '.');
    const jws = await signCheckpoint(1, root, '2026-11-25T10:00:00.000Z', other.signer!);
    await expect(verifyCheckpoint(jws, keys)).rejects.toThrow('signed with key "k2", which is not among the configured audit keys');
  });

  it('still verifies checkpoints signed before a key rotation when the old public key is listed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reintegra-keys-'));
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const newJwk = { ...(await exportJWK(privateKey)), kid: 'k2' };
    const { d: _d, ...oldPublic } = privateJwk;
    writeFileSync(join(dir, 'old.jwks.json'), JSON.stringify({ keys: [oldPublic] }));
    process.env.REINTEGRA_TEST_AUDIT_KEY = JSON.stringify(newJwk);
    const rotated = await loadCheckpointKeys({ signingKey: 'env:REINTEGRA_TEST_AUDIT_KEY', previousKeys: 'file:old.jwks.json' }, dir);
    const old = await signCheckpoint(5, root, '2026-11-25T10:00:00.000Z', keys.signer!);
    expect((await verifyCheckpoint(old, rotated)).kid).toBe('k1');
    expect(rotated.signer!.kid).toBe('k2');
  });

  it('names a key without kid by its RFC 7638 thumbprint', async () => {
    const { kid: _k, ...noKid } = privateJwk;
    const k = await loadCheckpointKeys({ signingKey: JSON.stringify(noKid) }, '.');
    expect(k.signer!.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a public key, an unsupported key type, a missing variable and bad JSON as the signing key', async () => {
    const { d: _d, ...pub } = privateJwk;
    await expect(loadCheckpointKeys({ signingKey: JSON.stringify(pub) }, '.')).rejects.toThrow('audit.signingKey: must be a private JWK (with "d")');
    await expect(loadCheckpointKeys({ signingKey: JSON.stringify({ kty: 'oct', k: 'abc', d: 'x' }) }, '.')).rejects.toThrow('only EC P-256 (ES256) and Ed25519 (EdDSA) keys are supported');
    await expect(loadCheckpointKeys({ signingKey: 'env:REINTEGRA_TEST_NO_SUCH_VAR' }, '.')).rejects.toThrow('environment variable REINTEGRA_TEST_NO_SUCH_VAR is not set');
    await expect(loadCheckpointKeys({ signingKey: 'not json' }, '.')).rejects.toThrow('audit.signingKey: not valid JSON');
  });

  it('has no signer and no keys when the config has no audit block', async () => {
    expect(await loadCheckpointKeys(undefined, '.')).toEqual({ signer: null, verifiers: new Map() });
  });
});
