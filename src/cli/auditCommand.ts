import { readFile } from 'node:fs/promises';
import { exportJWK, generateKeyPair } from 'jose';
import { AuditLog, GroupCommitAuditStore, auditGrants, loadCheckpointKeys, verifyLog, type LogVerification } from '../audit/index.js';
import { loadConfig } from '../config/index.js';
import { openStore, storeConfigAt, type Store } from '../store/index.js';
import { UsageError, parse, run } from './parse.js';

const USAGE = 'usage: reintegra audit verify --config FILE [--json] [--checkpoints FILE]  |  reintegra audit count|checkpoint --config FILE [--json]  |  reintegra audit keygen  |  reintegra audit grants --role NAME';

/**
 * `reintegra audit …` on the store a config names:
 * - `verify`: recomputes the whole Merkle log and checks every checkpoint, the database's and
 *   those kept outside it (`--checkpoints FILE`: one JWS per line, or the JSON lines `audit
 *   checkpoint --json` prints); exit 0 only when all of it verifies, else 1 with the first bad
 *   entry named (leaf index and seq). It says how many of the newest events no signature covers;
 * - `count`: events in the log; `checkpoint`: signs one now;
 * - `keygen`: prints a new private ES256 JWK for `audit.signingKey`;
 * - `grants --role NAME`: prints the SQL that lets the gateway's role append but never change the log.
 * The embedded demo keeps its store in memory: there, use the privacy-officer API (`auditLog { verify }`).
 */
export function auditCommand(args: string[]): Promise<number> {
  return run(async () => {
    const { values, positionals } = parse(args, { config: { type: 'string' }, json: { type: 'boolean', default: false }, role: { type: 'string' }, checkpoints: { type: 'string' } });
    const action = positionals[0];
    if (action === 'keygen') return keygen();
    if (action === 'grants') {
      if (!values.role || !/^[a-z_][a-z0-9_]{0,62}$/.test(values.role)) throw new UsageError('--role must name the gateway\'s database role (a lower-case SQL identifier)');
      process.stdout.write(`${auditGrants(values.role).map((s) => `${s};`).join('\n')}\n`);
      return 0;
    }
    if (action !== 'verify' && action !== 'count' && action !== 'checkpoint') throw new UsageError(USAGE);
    if (!values.config) {
      throw new UsageError('--config is required: the embedded demo keeps its audit log in memory (use the privacy-officer API, auditLog { verify }, or the /audit page)');
    }
    if (values.checkpoints !== undefined && action !== 'verify') throw new UsageError('--checkpoints is for audit verify');
    const trusted = values.checkpoints === undefined ? [] : await readTrustedCheckpoints(values.checkpoints);
    const { config, baseDir } = await loadConfig(values.config);
    const keys = await loadCheckpointKeys(config.audit, baseDir);
    const store = await openStore(storeConfigAt(config.store, baseDir), undefined, { existing: true });
    try {
      if (action === 'count') {
        process.stdout.write(`${await new GroupCommitAuditStore(store).count()}\n`);
        return 0;
      }
      if (action === 'checkpoint') {
        const c = await new AuditLog(store, new GroupCommitAuditStore(store), keys).checkpoint();
        process.stdout.write(values.json ? `${JSON.stringify({ ...c, rootHash: c.rootHash.toString('base64') })}\n` : `checkpoint ${c.seq}: tree size ${c.treeSize}, root ${c.rootHash.toString('base64')}\n`);
        return 0;
      }
      return await verify(store, keys, values.json === true, trusted);
    } finally {
      await store.close();
    }
  });
}

/** Checkpoints kept outside the database: a compact JWS per line, or JSON lines with a `jws`. */
async function readTrustedCheckpoints(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new UsageError(`--checkpoints: cannot read ${file} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const jws: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    let value: unknown = line;
    if (line.startsWith('{')) {
      try {
        value = (JSON.parse(line) as { jws?: unknown }).jws;
      } catch {
        value = undefined;
      }
    }
    if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value)) {
      throw new UsageError(`--checkpoints: line ${i + 1} of ${file} is neither a compact JWS nor a JSON line with one`);
    }
    jws.push(value);
  }
  // An empty file would verify as if it had been checked against something.
  if (jws.length === 0) throw new UsageError(`--checkpoints: ${file} holds no checkpoint`);
  return jws;
}

async function verify(store: Store, keys: Awaited<ReturnType<typeof loadCheckpointKeys>>, json: boolean, trusted: string[]): Promise<number> {
  const result = await verifyLog(store, keys, { trusted });
  if (json) process.stdout.write(`${JSON.stringify({ ...result, rootHash: result.rootHash.toString('base64') })}\n`);
  else process.stdout.write(report(result));
  return result.ok ? 0 : 1;
}

function report(r: LogVerification): string {
  const legacy = r.legacyEvents > 0 ? `; ${r.legacyEvents} earlier events predate the Merkle log and are not covered` : '';
  const trusted = r.trustedCheckpoints > 0 ? ` (and ${r.trustedCheckpoints} kept outside the database)` : '';
  if (r.ok) {
    const lines = [`audit log verified: ${r.treeSize} events, ${r.checkpoints} checkpoints${trusted}, root ${r.rootHash.toString('base64')}${legacy}`];
    if (r.unsignedLeaves > 0 && r.unsignedLeaves === r.treeSize) {
      lines.push(`warning: no signed checkpoint covers any of the ${r.treeSize} events: a rewrite of the database that also recomputed the hashes would go unnoticed`);
    } else if (r.unsignedLeaves > 0) {
      lines.push(`note: the newest ${r.unsignedLeaves} events are not yet covered by a signed checkpoint`);
    }
    return `${lines.join('\n')}\n`;
  }
  const first = r.problems[0]!;
  const lines = [`audit log FAILED verification: first bad entry: ${first.message}`];
  for (const p of r.problems.slice(1, 10)) lines.push(`  also: ${p.message}`);
  if (r.problems.length > 10) lines.push(`  … and ${r.problems.length - 10} more problems`);
  lines.push(`(${r.treeSize} events, ${r.checkpoints} checkpoints${trusted}${legacy})`);
  return `${lines.join('\n')}\n`;
}

async function keygen(): Promise<number> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  process.stdout.write(`${JSON.stringify({ ...jwk, alg: 'ES256', kid: `audit-${new Date().toISOString().slice(0, 10)}` })}\n`);
  return 0;
}
