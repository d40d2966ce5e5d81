import { resolve } from 'node:path';
import { loadMapping, type MappingKind } from '../../adapters/sdk/index.js';
import { ConfigInvalid } from '../errors/index.js';
import { pino } from 'pino';
import { loadCheckpointKeys } from '../audit/index.js';
import { createTokenVerifier } from '../auth/index.js';
import { loadConfig, resolveSecret } from '../config/index.js';
import { refuseDemoPseudonymKey } from '../embedded/index.js';
import { persistedOperationsPlugin } from '../server/limits/index.js';
import { UsageError, parse, run } from './parse.js';

const KINDS: ReadonlySet<string> = new Set<MappingKind>(['sql', 'rest', 'graphql', 'csv']);

/**
 * `reintegra config check FILE`: validates a config and every agency's mapping file, printing
 * every problem with its file and line, then reads what `serve` reads before it connects: the
 * secrets (`env:` variables included), each issuer's JWKS file, the audit keys and the trusted
 * operations' manifest. It connects to no system.
 */
export function configCommand(args: string[]): Promise<number> {
  return run(async () => {
    const { positionals } = parse(args, {});
    if (positionals[0] !== 'check' || !positionals[1]) throw new UsageError('usage: reintegra config check FILE');
    const { config, baseDir } = await loadConfig(positionals[1]);
    const problems: string[] = [];
    for (const agency of config.agencies) {
      const { kind, mapping } = agency.adapter as { kind: string; mapping?: unknown };
      if (!KINDS.has(kind)) problems.push(`agencies.${agency.id}.adapter.kind: unknown kind "${kind}" (known: ${[...KINDS].join(', ')})`);
      else if (typeof mapping !== 'string') problems.push(`agencies.${agency.id}.adapter.mapping: a mapping file is required`);
      else await loadMapping(resolve(baseDir, mapping), agency.id, { kind: kind as MappingKind }).catch((error: unknown) => problems.push((error as Error).message));
    }
    // What `serve` reads before it connects anywhere: the same failures, all of them at once.
    const attempt = async (read: () => unknown): Promise<void> => {
      try {
        await read();
      } catch (error) {
        problems.push((error as Error).message);
      }
    };
    // A secret in an environment variable this shell does not have (a CI job checking the file)
    // is said to be unchecked, not a problem.
    const unchecked: string[] = [];
    const present = (value: string | undefined, what: string): boolean => {
      const name = value?.startsWith('env:') ? value.slice(4) : null;
      if (!name || process.env[name]) return true;
      unchecked.push(`${what}: ${name} is not set here`);
      return false;
    };
    if (present(config.pseudonyms.key, 'pseudonyms.key')) {
      await attempt(() => refuseDemoPseudonymKey(resolveSecret(config.pseudonyms.key, 'pseudonyms.key')));
    }
    for (const [i, key] of config.pseudonyms.previousKeys.entries()) if (present(key, `pseudonyms.previousKeys[${i}]`)) await attempt(() => resolveSecret(key, `pseudonyms.previousKeys[${i}]`));
    for (const agency of config.agencies) await attempt(() => createTokenVerifier([agency], baseDir));
    if (present(config.audit?.signingKey, 'audit.signingKey') && present(config.audit?.previousKeys, 'audit.previousKeys')) await attempt(() => loadCheckpointKeys(config.audit, baseDir));
    await attempt(() => persistedOperationsPlugin(config.persistedOperations, baseDir, pino({ level: 'silent' })));
    if (problems.length > 0) throw new ConfigInvalid(`invalid config\n${problems.join('\n')}`);
    process.stdout.write(`config ok: ${config.agencies.length} agencies, their mappings, keys and secrets, ${config.agreements.length} agreements\n`);
    for (const line of unchecked) process.stdout.write(`not checked: ${line}\n`);
    return 0;
  });
}
