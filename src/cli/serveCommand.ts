import { pino, type DestinationStream } from 'pino';
import { loadConfig, resolveSecret } from '../config/index.js';
import { demoExample, refuseDemoPseudonymKey, exampleBody, startEmbeddedGateway, type DemoExample } from '../embedded/index.js';
import { createGateway, startServer } from '../server/index.js';
import { intOption, parse, run } from './parse.js';

/** `reintegra serve`: the embedded demo without --config, a real deployment with it. */
export function serveCommand(args: string[]): Promise<number> {
  return run(async () => {
    const { values } = parse(args, {
      config: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      people: { type: 'string' },
      seed: { type: 'string' },
    });
    const logger = createLogger();
    // An empty PORT is no PORT (as the image's health check reads it), never port 0.
    const port = intOption(values.port ?? (process.env.PORT || undefined), 'port', 0, 65535);
    const started = Date.now();
    let close: () => Promise<void>;
    if (values.config) {
      const { config, baseDir } = await loadConfig(values.config);
      refuseDemoPseudonymKey(resolveSecret(config.pseudonyms.key, 'pseudonyms.key'));
      if (config.store.kind === 'pglite' && config.store.dataDir === undefined) logger.warn('store.dataDir is not set: the audit log, consents and case teams are kept in memory and lost when the gateway stops');
      const gateway = await createGateway({ config, baseDir, logger });
      const server = await startServer(gateway, port ?? config.server.port, values.host ?? config.server.host);
      close = async () => { await server.close(); await gateway.close(); };
      logger.info({ url: server.url, agencies: config.agencies.map((a) => a.id) }, 'gateway ready');
    } else {
      const people = intOption(values.people, 'people', 60, 2_000_000);
      const seed = intOption(values.seed, 'seed', 0, 2 ** 31 - 1);
      const embedded = await startEmbeddedGateway({
        logger,
        port: port ?? 4000,
        host: values.host ?? '127.0.0.1',
        ...(people ? { people } : {}),
        ...(seed !== undefined ? { seed } : {}),
      });
      close = embedded.close;
      logger.info({ url: embedded.url, people: embedded.world.people.length, ms: Date.now() - started }, 'embedded demo ready');
      process.stderr.write(banner(embedded.url, demoExample(embedded.world)));
    }
    await waitForSignal();
    logger.info('shutting down');
    await close();
    return 0;
  });
}

/**
 * The operational log (pino): separate from the audit log, and never tokens or personal data.
 * Database errors are logged without their `detail`, `where` and `internalQuery`, which can quote
 * a whole row or the values a function was reading (an audit event), nor those of their cause.
 */
export function createLogger(destination?: DestinationStream) {
  const options = {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: {
      paths: [
        'req.headers.authorization', 'headers.authorization', 'authorization', 'token', '*.token',
        'req.headers["x-break-glass"]', 'headers["x-break-glass"]', 'variables', '*.variables',
        'err.detail', 'err.where', 'err.internalQuery', 'err.cause.detail', 'err.cause.where', 'err.cause.internalQuery',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

function banner(url: string, example: DemoExample): string {
  return `
Reintegra embedded demo: ${url}/graphql   (synthetic data only)
Try, as the probation officer assigned to a person known to all four agencies:
  TOKEN=$(npx reintegra token --agency probation --role probation_officer --sub ${example.officer})
  curl -s ${url}/graphql -H "Authorization: Bearer $TOKEN" -H 'X-Purpose-Of-Use: RELEASE_PLANNING' \\
    -H 'Content-Type: application/json' \\
    -d '${exampleBody(example)}'
In a browser: GraphiQL at ${url}/graphql (paste $TOKEN); the statistics dashboard at ${url}/dashboard
and the privacy officers' page at ${url}/audit, each with a token of its own role (see the README).

`;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
