import { resolve } from 'node:path';
import { loadMapping, type MappingKind } from '../../adapters/sdk/index.js';
import { ConfigInvalid } from '../errors/index.js';
import { loadConfig } from '../config/index.js';
import { UsageError, parse, run } from './parse.js';

const KINDS: ReadonlySet<string> = new Set<MappingKind>(['sql', 'rest', 'graphql', 'csv']);

/**
 * `reintegra config check FILE`: validates a config and every agency's mapping file, printing
 * every problem with its file and line, without connecting to any system.
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
    if (problems.length > 0) throw new ConfigInvalid(`invalid mappings\n${problems.join('\n')}`);
    process.stdout.write(`config ok: ${config.agencies.length} agencies, their mappings, ${config.agreements.length} agreements\n`);
    return 0;
  });
}
