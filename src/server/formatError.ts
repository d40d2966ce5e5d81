import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { PUBLIC_CODES } from '../errors/index.js';

const PUBLIC: ReadonlySet<string> = new Set([...Object.values(PUBLIC_CODES), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * Unexpected errors are masked in this one place: anything without a public code leaves as
 * INTERNAL_SERVER_ERROR with a fixed message; the original goes to the operational log. So does
 * a parse failure that is not the parser's own syntax error (a document nested deeply enough to
 * exhaust the parser's stack), whose message would be the engine's.
 */
export function createFormatError(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_PARSE_FAILED' && !formatted.message.startsWith('Syntax Error:')) {
      log(unwrapResolverError(error));
      return { message: 'Syntax Error: the document could not be parsed.', extensions: { code } };
    }
    if (typeof code === 'string' && PUBLIC.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log(unwrapResolverError(error));
    return { message: 'Internal error.', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
