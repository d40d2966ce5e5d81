import { GraphQLError } from 'graphql';
import { AdapterError } from '../../adapters/sdk/index.js';
import { sourceError } from '../sources/index.js';

/** A statistics field or extract refused by policy; `reason` is public (`extensions.reason`). */
export function statisticsForbidden(reason: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', reason } });
}

/** Why an agency's data is missing from a table: its system failed, or it cannot list its records. */
export function populationError(error: unknown, agency: string): GraphQLError {
  if (error instanceof AdapterError && error.code === 'ERR_ADAPTER_SCAN_NOT_SUPPORTED') {
    return new GraphQLError(`The ${agency} system cannot list its records, so it is not counted.`, { extensions: { code: 'NOT_SUPPORTED', agency } });
  }
  return sourceError(error, agency);
}
