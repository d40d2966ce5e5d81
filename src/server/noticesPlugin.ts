import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context/index.js';

/**
 * Partial answers: adds the errors about parts of fields that still carry data (an agency that
 * withheld or failed while others answered) to the response, each with its field's path; and the
 * request's warnings (which fail nothing) as `extensions.warnings`.
 */
export function noticesPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (contextValue.warnings?.length) result.extensions = { ...result.extensions, warnings: contextValue.warnings };
          if (contextValue.notices.length === 0) return;
          if (result.data === undefined || result.data === null) return;
          result.errors = [...(result.errors ?? []), ...contextValue.notices];
        },
      };
    },
  };
}
