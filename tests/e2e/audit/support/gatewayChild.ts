/**
 * The embedded demo gateway in its own process, with its audit store in the PostgreSQL database
 * named on the command line (so the log outlives a kill -9) and a checkpoint every second.
 * Prints `READY <url> <json of identifiers known to every agency>` when serving.
 */
import { pino } from 'pino';
import { startEmbeddedGateway } from '../../../../src/embedded/index.js';

const url = process.argv[2]!;
const embedded = await startEmbeddedGateway({
  port: 0,
  people: 400,
  logger: pino({ level: 'warn' }),
  store: { kind: 'postgres', url, poolSize: 4 },
  checkpointIntervalSeconds: 1,
});
const sample = embedded.world.people
  .filter((p) => embedded.world.knownToAll.includes(p.nationalId.value))
  .map((p) => ({ scheme: p.nationalId.scheme, value: p.nationalId.value }));
process.stdout.write(`READY ${embedded.url} ${JSON.stringify(sample)}\n`);
