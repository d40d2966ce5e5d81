/**
 * Runs the embedded demo gateway in its own process for a benchmark, so the load generator does
 * not share its event loop. Prints `READY <url> <json of knownToAll>` on stdout when serving.
 * Harness-only variants (never reachable from a deployment) are chosen by argv.
 */
import { pino } from 'pino';
import { startEmbeddedGateway } from '../../src/embedded/index.js';

const people = Number(process.argv[2] ?? 2000);
const embedded = await startEmbeddedGateway({ port: 0, people, logger: pino({ level: 'warn' }) });
const sample = embedded.world.people
  .filter((p) => embedded.world.knownToAll.includes(p.nationalId.value))
  .map((p) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value }));
process.stdout.write(`READY ${embedded.url} ${JSON.stringify(sample)}\n`);
const stop = async () => {
  await embedded.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
