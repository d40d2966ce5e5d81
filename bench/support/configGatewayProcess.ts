/**
 * The full gateway started from a config file (as `reintegra serve --config` does), in its own
 * process. Argv: config path, variant (`full`, or the harness-only `audit-off`: events are built
 * but not written, to measure what durability costs). Prints `READY <url>`.
 */
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { createGateway, startServer } from '../../src/server/index.js';

const { config, baseDir } = await loadConfig(process.argv[2]!);
const variant = process.argv[3] ?? 'full';
const gateway = await createGateway({
  config,
  baseDir,
  logger: pino({ level: 'warn' }),
  ...(variant === 'audit-off' ? { auditStore: { append: async (events: readonly unknown[]) => ({ first: -1, count: events.length }) } } : {}),
});
const server = await startServer(gateway, 0, '127.0.0.1');
process.stdout.write(`READY ${server.url}\n`);
process.on('SIGTERM', async () => {
  await server.close();
  await gateway.close();
  process.exit(0);
});
