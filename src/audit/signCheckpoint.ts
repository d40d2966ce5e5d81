import { CompactSign, compactVerify } from 'jose';
import { CHECKPOINT_LOG, CHECKPOINT_TYP, type CheckpointPayload } from './Checkpoint.js';
import type { CheckpointKey, CheckpointKeys } from './CheckpointKeys.js';
import { canonicalJson } from './canonicalJson.js';

/** Signs a tree head as a compact JWS (`kid` and `typ` in the protected header). */
export async function signCheckpoint(treeSize: number, rootHash: Buffer, timestamp: string, key: CheckpointKey): Promise<string> {
  const payload: CheckpointPayload = { log: CHECKPOINT_LOG, treeSize, rootHash: rootHash.toString('base64'), timestamp };
  return new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: CHECKPOINT_TYP })
    .sign(key.key);
}

/**
 * Checks a checkpoint's signature with the key its `kid` names, and returns what it signed.
 * @throws Error naming the problem: unknown key, bad signature, or a payload of another shape.
 */
export async function verifyCheckpoint(jws: string, keys: CheckpointKeys): Promise<CheckpointPayload & { kid: string }> {
  let kid = '';
  const { payload, protectedHeader } = await compactVerify(jws, (header) => {
    kid = header.kid ?? '';
    const key = keys.verifiers.get(kid);
    if (!key) throw new Error(`signed with key "${kid}", which is not among the configured audit keys`);
    if (header.alg !== key.alg) throw new Error(`algorithm ${header.alg} does not match key "${kid}"`);
    return key.key;
  });
  if (protectedHeader.typ !== CHECKPOINT_TYP) throw new Error(`typ is ${protectedHeader.typ}, not ${CHECKPOINT_TYP}`);
  const body = JSON.parse(new TextDecoder().decode(payload)) as CheckpointPayload;
  if (body.log !== CHECKPOINT_LOG || !Number.isSafeInteger(body.treeSize) || typeof body.rootHash !== 'string' || typeof body.timestamp !== 'string') {
    throw new Error('payload is not a reintegra audit checkpoint');
  }
  return { ...body, kid };
}
