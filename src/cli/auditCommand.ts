import { GroupCommitAuditStore } from '../audit/GroupCommitAuditStore.js';
import { loadConfig } from '../config/index.js';
import { openStore } from '../store/index.js';
import { UsageError, parse, run } from './parse.js';

/** `reintegra audit count`: how many events the store holds (verification comes with the Merkle log). */
export function auditCommand(args: string[]): Promise<number> {
  return run(async () => {
    const { values, positionals } = parse(args, { config: { type: 'string' } });
    if (positionals[0] !== 'count') throw new UsageError('usage: reintegra audit count --config FILE');
    if (!values.config) throw new UsageError('--config is required: the embedded demo keeps its store in memory');
    const { config } = await loadConfig(values.config);
    const store = await openStore(config.store);
    try {
      process.stdout.write(`${await new GroupCommitAuditStore(store).count()}\n`);
    } finally {
      await store.close();
    }
    return 0;
  });
}
