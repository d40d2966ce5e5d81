import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import pg from 'pg';
import type { AuditEvent } from '../../../src/audit/index.js';
import type { Store } from '../../../src/store/index.js';
import { POSTGRES_URL } from '../../support/servers.js';

/** An event of request `requestId` about person `subject`, as the gateway would write it. */
export function sampleEvent(requestId: string, subject: string | null = null, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    at: new Date(Date.UTC(2026, 10, 25, 10, 0, 0, 0)).toISOString(),
    requestId,
    caller: { sub: 'officer-1', agency: 'probation', roles: ['probation_officer'], client: null },
    purpose: 'RELEASE_PLANNING',
    breakGlass: null,
    operation: { name: 'Q', documentHash: 'h' },
    subject,
    agencies: subject ? ['prison'] : [],
    released: subject ? [{ category: 'CUSTODY', agency: 'prison', fields: ['Custody.status'] }] : [],
    withheld: [],
    outcome: subject ? 'RELEASED' : 'NONE',
    ...extra,
  };
}

/** A fresh private ES256 JWK for `audit.signingKey`. */
export async function newSigningKey(kid = 'test-audit'): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'ES256', kid });
}

/** Runs statements as the database superuser with triggers off: what an attacker with full access can do. */
export async function tamper(store: Pick<Store, 'transaction'>, ...statements: string[]): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    for (const s of statements) await tx.query(s);
  });
}

/** A test's own PostgreSQL database (dropped by `drop`). */
export async function createTestDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The leaf hash of a stored event, computed independently of src/audit: canonical JSON written
 * here from its definition (sorted keys, no spaces), wrapped with the index, SHA-256(0x00 ‖ …).
 */
export function independentLeafHash(event: unknown, index: number): Buffer {
  const canon = (v: unknown): string =>
    v === null || typeof v !== 'object'
      ? JSON.stringify(v)
      : Array.isArray(v)
        ? `[${v.map(canon).join(',')}]`
        : `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return createHash('sha256').update(Buffer.from([0])).update(`{"event":${canon(event)},"index":${index}}`).digest();
}
