import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { printSchema, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type GatewayInterface = ApolloServerOptionsWithGateway<object>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** How many compiled operations one gateway keeps (least recently used are dropped). */
const MAX_COMPILED = 500;

/**
 * Compiled execution (graphql-jit) behind Apollo Server, through Apollo's gateway interface:
 * Apollo still parses, validates (with every limit rule) and runs the plugins; only execution
 * is replaced, by a function compiled once per operation document and reused. The schema and its
 * resolvers, including the category enforcement wrapped around them, are the same as with
 * graphql-js execution (`server.execution: graphql-js`).
 */
export function jitExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, CompiledQuery>();
  const executor: GatewayExecutor = async (requestContext) => {
    const key = `${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}`;
    let query = compiled.get(key);
    if (query) {
      // Refresh its place in the LRU order.
      compiled.delete(key);
      compiled.set(key, query);
    } else {
      const result = compileQuery(schema, requestContext.document, requestContext.operationName ?? undefined, { disablingCapturingStackErrors: true });
      if (!isCompiledQuery(result)) return result;
      query = result;
      compiled.set(key, query);
      if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    }
    return query.query(undefined, requestContext.context, requestContext.request.variables ?? {});
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {
      compiled.clear();
    },
  };
}
