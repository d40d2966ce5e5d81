import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginUsageReportingDisabled, ApolloServerPluginSchemaReportingDisabled } from '@apollo/server/plugin/disabled';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'pino';
import { createAdapter } from '../../adapters/index.js';
import type { Adapter, EntityName } from '../../adapters/sdk/index.js';
import { AuditLog, GroupCommitAuditStore, loadCheckpointKeys, scheduleCheckpoints, type AuditStore } from '../audit/index.js';
import { ConsentStore } from '../consent/index.js';
import { createTokenVerifier, type TokenVerifier } from '../auth/index.js';
import { resolveSecret, type GatewayConfig } from '../config/index.js';
import type { GatewayContext } from '../context/index.js';
import { createPseudonymizer, type Pseudonymizer } from '../linkage/index.js';
import { createDecide, type DecideFn } from '../policy/index.js';
import { SourceRegistry } from '../sources/index.js';
import { openStore, storeConfigAt, type Store } from '../store/index.js';
import { auditPlugin } from './auditPlugin.js';
import { noticesPlugin } from './noticesPlugin.js';
import { RateLimiter, nulVariablesPlugin, operationLimitRules, persistedOperationsPlugin } from './limits/index.js';
import { buildSchema } from './buildSchema.js';
import { jitExecution } from './jitExecutor.js';
import { createFormatError } from './formatError.js';
import { createMetrics, type GatewayMetrics } from './createMetrics.js';

export interface GatewayOptions {
  config: GatewayConfig;
  /** Folder the config's relative paths are resolved against. */
  baseDir: string;
  logger: Logger;
  /** The embedded PGlite instance shared by the demo world's store and SQL agencies. */
  pglite?: PGlite;
  /**
   * The decision function. Code-level only (tests and the benchmark harness): no config,
   * environment variable or flag can replace it in a deployment.
   */
  decide?: DecideFn;
  /** Benchmark harness only, with a `decide` that releases everything: no policy facts are fetched. */
  skipFacts?: boolean;
  /** Benchmark harness only: an audit store to use instead of the durable one. */
  auditStore?: Pick<AuditStore, 'append'>;
}

/** Everything a running gateway is made of, assembled from a validated config. */
export interface Gateway {
  config: GatewayConfig;
  apollo: ApolloServer<GatewayContext>;
  registry: SourceRegistry;
  store: Store;
  auditStore: AuditStore;
  /** The audit log: checkpoints, proofs, verification, the privacy-officer API's source. */
  auditLog: AuditLog;
  metrics: GatewayMetrics;
  verifyToken: TokenVerifier;
  consents: ConsentStore;
  pseudonymize: Pseudonymizer;
  decide: DecideFn;
  skipFacts: boolean;
  rateLimiter: RateLimiter;
  logger: Logger;
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config, baseDir, logger } = options;
  const metrics = createMetrics();
  const pseudonymize = createPseudonymizer(
    resolveSecret(config.pseudonyms.key, 'pseudonyms.key'),
    config.pseudonyms.previousKeys.map((k, i) => resolveSecret(k, `pseudonyms.previousKeys[${i}]`)),
  );
  const verifyToken = createTokenVerifier(config.agencies, baseDir);
  const auditKeys = await loadCheckpointKeys(config.audit, baseDir);
  if (!auditKeys.signer) logger.warn('audit.signingKey is not configured: events are hashed into the audit log, but no checkpoints are signed');
  const store = await openStore(storeConfigAt(config.store, baseDir), options.pglite, { queryTimeoutMs: config.server.requestTimeoutMs });
  const adapters: Adapter[] = [];
  try {
    for (const agency of config.agencies) {
      adapters.push(
        await createAdapter(agency.id, agency.adapter, {
          logger: logger.child({ agency: agency.id }),
          baseDir,
          onBackendCall: (entity: EntityName) => metrics.adapterBatches.inc({ agency: agency.id, entity }),
          onBackendFailure: (entity: EntityName, code: string) => metrics.adapterFailures.inc({ agency: agency.id, entity, code }),
          ...(options.pglite ? { pglite: options.pglite } : {}),
        }),
      );
    }
  } catch (error) {
    await Promise.allSettled(adapters.map((a) => a.close()));
    await store.close();
    throw error;
  }
  const registry = new SourceRegistry(adapters);
  const groupCommit = new GroupCommitAuditStore(store);
  const auditStore: AuditStore = groupCommit;
  const auditLog = new AuditLog(store, auditStore, auditKeys);
  const writer = options.auditStore ?? auditStore;
  const schema = buildSchema();
  const apollo = new ApolloServer<GatewayContext>({
    ...(config.server.execution === 'jit' ? { gateway: jitExecution(schema) } : { schema }),
    introspection: config.server.introspection,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" hints about the schema outside the demo.
    hideSchemaDetailsFromClientErrors: !config.server.introspection,
    validationRules: operationLimitRules(config.server.limits),
    parseOptions: { maxTokens: config.server.limits.maxTokens },
    // Persisted operations are the gateway's own (per client, see persistedOperationsPlugin);
    // Apollo's automatic ones would let any client register any operation.
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The gateway's owner stops it (`reintegra serve` on SIGINT/SIGTERM calls `close`, which signs
    // a last checkpoint). Apollo's own handler would stop only Apollo, then send the signal again,
    // killing the process before that checkpoint.
    stopOnTerminationSignals: false,
    // Apollo's per-field tracing and cache hints cost CPU on every field; none is used here.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      persistedOperationsPlugin(config.persistedOperations, baseDir, logger),
      nulVariablesPlugin(),
      noticesPlugin(),
      auditPlugin(writer as AuditStore, metrics, logger),
    ],
    formatError: createFormatError((error) => logger.error({ err: error }, 'unexpected error in a request')),
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  await apollo.start();
  const checkpoints = auditKeys.signer
    ? scheduleCheckpoints(auditLog, (config.audit?.checkpointIntervalSeconds ?? 60) * 1000, (error) => logger.error({ err: error }, 'audit checkpoint failed'))
    : null;
  let closed = false;
  return {
    config,
    apollo,
    registry,
    store,
    auditStore,
    auditLog,
    metrics,
    verifyToken,
    pseudonymize,
    decide: options.decide ?? createDecide(config),
    skipFacts: options.decide !== undefined && options.skipFacts === true,
    rateLimiter: new RateLimiter(config.server.rateLimit.requestsPerMinute, config.server.rateLimit.burst),
    consents: new ConsentStore(store),
    logger,
    async close() {
      if (closed) return;
      closed = true;
      await checkpoints?.stop();
      await apollo.stop();
      // Every answered request's events are committed already; sign what the log holds now.
      await groupCommit.flushed();
      await auditLog.checkpointIfGrown().catch((error: unknown) => logger.warn({ err: error }, 'final audit checkpoint failed'));
      await registry.close();
      await store.close();
    },
  };
}
