import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context/index.js';

/**
 * Partial answers: adds the errors about parts of fields that still carry data (an agency that
 * withheld or failed while others answered) to the response, each with its field's path.
 */
export function noticesPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.notices.length === 0) return;
          const result = response.body.singleResult;
          if (result.data === undefined || result.data === null) return;
          result.errors = [...(result.errors ?? []), ...contextValue.notices];
        },
      };
    },
  };
}
