import { GraphQLError } from 'graphql';
import { AdapterError } from '../../adapters/sdk/index.js';

/**
 * Turns an adapter failure into the public, path-scoped error: `SOURCE_TIMEOUT` when the
 * agency missed its deadline, `SOURCE_UNAVAILABLE` otherwise, always naming the agency and
 * never carrying the adapter's internal message.
 */
export function sourceError(error: unknown, agency: string): GraphQLError {
  const timeout = error instanceof AdapterError && error.code === 'ERR_ADAPTER_TIMEOUT';
  const code = timeout ? 'SOURCE_TIMEOUT' : 'SOURCE_UNAVAILABLE';
  const message = timeout ? `The ${agency} system did not answer in time.` : `The ${agency} system is unavailable.`;
  return new GraphQLError(message, { extensions: { code, agency }, originalError: error instanceof Error ? error : undefined });
}
