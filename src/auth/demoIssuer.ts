import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

/**
 * Demo identity providers: one ES256 key per agency, created on first use in the demo home
 * folder (`REINTEGRA_HOME`, default `./.reintegra`) and shared by `reintegra serve` and
 * `reintegra token`. For the embedded demo only: a real deployment trusts each agency's own IdP.
 */
export const DEMO_AUDIENCE = 'reintegra';

export function demoIssuerOf(agency: string): string {
  return `urn:reintegra:demo:${agency}`;
}

export function demoHome(): string {
  return process.env.REINTEGRA_HOME ?? join(process.cwd(), '.reintegra');
}

type KeyFile = Record<string, JWK>;

/** Private JWKs per agency, creating any that are missing (atomically, safe across processes). */
export async function loadDemoKeys(agencies: readonly string[], home = demoHome()): Promise<KeyFile> {
  const file = join(home, 'demo-issuer-keys.json');
  await mkdir(home, { recursive: true, mode: 0o700 });
  let keys = await readKeys(file);
  if (agencies.every((a) => keys[a])) return keys;
  const next: KeyFile = { ...keys };
  for (const agency of agencies) {
    if (next[agency]) continue;
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    next[agency] = { ...(await exportJWK(privateKey)), kid: `demo-${agency}-${randomUUID().slice(0, 8)}`, alg: 'ES256' };
  }
  const tmp = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
  try {
    // link() fails when the file exists: a first writer never overwrites a concurrent one.
    if (Object.keys(keys).length === 0) await link(tmp, file);
    else await rename(tmp, file);
  } catch {
    // Another process wrote the file first: use theirs so both sign with the same keys.
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  keys = await readKeys(file);
  return keys;
}

async function readKeys(file: string): Promise<KeyFile> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as KeyFile;
  } catch {
    return {};
  }
}

/** The public JWKS of one demo agency, for its issuer config. */
export function publicJwksOf(privateJwk: JWK): { keys: JWK[] } {
  const { d: _d, ...pub } = privateJwk;
  return { keys: [{ ...pub, use: 'sig' }] };
}

export interface DemoTokenRequest {
  agency: string;
  roles: string[];
  sub?: string;
  /** Lifetime, e.g. `15m`, `8h` (jose time span). */
  ttl?: string;
  client?: string;
}

export async function mintDemoToken(req: DemoTokenRequest, home = demoHome()): Promise<string> {
  const keys = await loadDemoKeys([req.agency], home);
  const jwk = keys[req.agency]!;
  const key = await importJWK(jwk, 'ES256');
  return new SignJWT({ agency: req.agency, roles: req.roles, ...(req.client ? { azp: req.client } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid!, typ: 'JWT' })
    .setIssuer(demoIssuerOf(req.agency))
    .setAudience(DEMO_AUDIENCE)
    .setSubject(req.sub ?? `${req.roles[0] ?? 'user'}.demo@${req.agency}`)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(req.ttl ?? '15m')
    .setJti(randomUUID())
    .sign(key);
}
