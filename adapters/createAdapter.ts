import { z } from 'zod';
import { csvAdapter } from './csv/index.js';
import { graphqlAdapter } from './graphql/index.js';
import { restAdapter } from './rest/index.js';
import {
  AdapterConfigInvalid, parseAdapterConfig, resilienceConfig, resilientAdapter, type AdapterDeps, type AdapterFactory,
  type ResilientAdapter,
} from './sdk/index.js';
import { sqlAdapter } from './sql/index.js';

/** The adapter kinds the gateway can be configured with. */
export const ADAPTER_FACTORIES: Readonly<Record<string, AdapterFactory>> = {
  sql: sqlAdapter,
  rest: restAdapter,
  graphql: graphqlAdapter,
  csv: csvAdapter,
};

const resilienceBlock = z.strictObject({ resilience: resilienceConfig.prefault({}) });

/**
 * Creates an agency's adapter from its config block, choosing the factory by `kind`, and wraps
 * it in the resilience layer (deadline, retries, circuit breaker, concurrency limit) configured
 * by the block's optional `resilience:` key — the one place every kind gets it.
 * Throws `AdapterConfigInvalid` for an unknown kind (naming the known ones) or bad config,
 * `MappingInvalid` for a bad mapping file.
 */
export async function createAdapter(agency: string, config: Record<string, unknown>, deps: AdapterDeps): Promise<ResilientAdapter> {
  const { resilience, ...kindConfig } = config;
  const kind = kindConfig.kind;
  const factory = typeof kind === 'string' && Object.hasOwn(ADAPTER_FACTORIES, kind) ? ADAPTER_FACTORIES[kind] : undefined;
  if (!factory) {
    const known = Object.keys(ADAPTER_FACTORIES).join(', ');
    throw new AdapterConfigInvalid(agency, `${agency}: unknown adapter kind ${JSON.stringify(kind ?? null)} (known: ${known})`);
  }
  const options = parseAdapterConfig(agency, kind as string, resilienceBlock, resilience === undefined ? {} : { resilience }).resilience;
  return resilientAdapter(await factory(agency, kindConfig, deps), options, deps.logger, Math.random, deps.onBackendFailure?.bind(deps));
}
