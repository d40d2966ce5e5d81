import { loadConfig } from '../config/index.js';
import { UsageError, parse, run } from './parse.js';

/** `reintegra config check FILE`: validates a config and prints every problem with its line. */
export function configCommand(args: string[]): Promise<number> {
  return run(async () => {
    const { positionals } = parse(args, {});
    if (positionals[0] !== 'check' || !positionals[1]) throw new UsageError('usage: reintegra config check FILE');
    const { config } = await loadConfig(positionals[1]);
    process.stdout.write(`config ok: ${config.agencies.length} agencies, ${config.agreements.length} agreements\n`);
    return 0;
  });
}
