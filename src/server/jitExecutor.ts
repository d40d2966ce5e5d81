import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { GraphQLError, getVariableValues, printSchema, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type GatewayInterface = ApolloServerOptionsWithGateway<object>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type ExecutionResult = Awaited<ReturnType<GatewayExecutor>>;

/** How many compiled operations one gateway keeps (least recently used are dropped). */
const MAX_COMPILED = 500;

/**
 * Compiled execution (graphql-jit) behind Apollo Server, through Apollo's gateway interface:
 * Apollo still parses, validates (with every limit rule) and runs the plugins; only execution
 * is replaced, by a function compiled once per operation document and reused. The schema and its
 * resolvers, including the category enforcement wrapped around them, are the same as with
 * graphql-js execution (`server.execution: graphql-js`).
 *
 * Two things graphql-js execution does that compiled execution must do the same way:
 * - run only the operation Apollo resolved. When `operationName` names no operation in the
 *   document, Apollo resolves none and skips its checks that depend on the operation (no
 *   mutation over GET); graphql-jit would then run the document's only operation. Nothing runs
 *   instead, and Apollo answers 400 `OPERATION_RESOLUTION_FAILURE`.
 * - report errors as graphql-js `GraphQLError`s (`toGraphQLErrors`).
 */
export function jitExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, CompiledQuery>();
  const executor: GatewayExecutor = async (requestContext) => {
    const { operation } = requestContext;
    if (!operation) {
      const name = requestContext.request.operationName;
      return { errors: [new GraphQLError(name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.')] };
    }
    const operationName = operation.name?.value;
    const key = `${requestContext.queryHash}\u0000${operationName ?? ''}`;
    let query = compiled.get(key);
    if (query) {
      // Refresh its place in the LRU order.
      compiled.delete(key);
      compiled.set(key, query);
    } else {
      const result = compileQuery(schema, requestContext.document, operationName, { disablingCapturingStackErrors: true });
      if (!isCompiledQuery(result)) return toGraphQLErrors(result as ExecutionResult, false);
      query = result;
      compiled.set(key, query);
      if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    }
    const variables = requestContext.request.variables ?? {};
    const result = (await query.query(undefined, requestContext.context, variables)) as ExecutionResult;
    if (result.errors && result.data === undefined) {
      // Refused before anything ran: the variables did not coerce. graphql-jit names a nested
      // input's field as if it were a variable ("$validFrom") and drops the scalar's reason;
      // graphql-js says which variable, where in it, and why.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 20 });
      if ('errors' in coerced && coerced.errors) return { errors: coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes ?? null, extensions: { code: 'BAD_USER_INPUT' } })) };
    }
    return toGraphQLErrors(result, true);
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

/**
 * graphql-jit reports some errors (a variable's value that does not coerce, a resolver's plain
 * `Error`, an operation the schema cannot run) as its own error objects without `extensions`,
 * where Apollo expects them: Apollo's error formatting then fails, and the gateway's own
 * `formatError`, which logs unexpected errors, never runs. Each such error becomes a graphql-js
 * `GraphQLError` with the same message, locations, path and original error. A compiled
 * operation's answer without `data` was refused before anything ran because the variables did not
 * coerce: `BAD_USER_INPUT`, as with graphql-js. Anything else stays without a public code, so
 * `formatError` masks and logs it.
 */
function toGraphQLErrors(result: ExecutionResult, ran: boolean): ExecutionResult {
  if (!result.errors?.some((e) => !e.extensions)) return result;
  const refused = ran && (!('data' in result) || result.data === undefined);
  const errors = result.errors.map((e) => {
    if (e.extensions) return e;
    const error = new GraphQLError(e.message, {
      path: e.path,
      originalError: e.originalError ?? undefined,
      extensions: refused && !e.originalError ? { code: 'BAD_USER_INPUT' } : {},
    });
    if (e.locations) Object.defineProperty(error, 'locations', { value: e.locations, enumerable: true });
    return error;
  });
  return { ...result, errors };
}
