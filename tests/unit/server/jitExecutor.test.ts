/**
 * Compiled execution behaves as graphql-js execution does where it matters for safety: only the
 * operation Apollo resolved runs, and errors reach the gateway's own formatting (masked, logged).
 */
import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormatError } from '../../../src/server/formatError.js';
import { jitExecution } from '../../../src/server/jitExecutor.js';
import { DateTimeScalar } from '../../../src/resolvers/scalars.js';

let apollo: ApolloServer;
const logged: unknown[] = [];
const ran: string[] = [];

beforeAll(async () => {
  const schema = makeExecutableSchema({
    typeDefs: 'scalar DateTime input Window { from: DateTime! until: DateTime! } type Query { twice(n: Int!): Int! broken: Int since(at: DateTime!): DateTime! within(w: Window!): Boolean! } type Mutation { touch: Boolean! }',
    resolvers: {
      DateTime: DateTimeScalar,
      Query: {
        twice: (_: unknown, { n }: { n: number }) => 2 * n,
        broken: () => {
          throw new Error('connection to 10.0.0.7 refused');
        },
        since: (_: unknown, { at }: { at: string }) => at,
        within: () => true,
      },
      Mutation: {
        touch: () => {
          ran.push('touch');
          return true;
        },
      },
    },
  });
  apollo = new ApolloServer({ gateway: jitExecution(schema), formatError: createFormatError((error) => logged.push(error)), includeStacktraceInErrorResponses: false });
  await apollo.start();
});

afterAll(async () => {
  await apollo?.stop();
});

async function run(query: string, options: { variables?: Record<string, unknown>; operationName?: string } = {}) {
  const response = await apollo.executeOperation({ query, ...options });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, result: response.body.singleResult };
}

describe('compiled execution', () => {
  it('runs the operation named, and nothing when the name matches none', async () => {
    const document = 'mutation Touch { touch } query Q { twice(n: 2) }';
    expect((await run(document, { operationName: 'Q' })).result.data).toEqual({ twice: 4 });
    const unknown = await run(document, { operationName: 'X' });
    expect(unknown.status).toBe(400);
    expect(unknown.result.errors).toEqual([{ message: 'Unknown operation named "X".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }]);
    const alone = await run('mutation Touch { touch }', { operationName: 'X' });
    expect(alone.result.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect((await run(document)).result.errors?.[0]?.message).toBe('Must provide operation name if query contains multiple operations.');
    expect(ran).toEqual([]);
    expect((await run(document, { operationName: 'Touch' })).result.data).toEqual({ touch: true });
    expect(ran).toEqual(['touch']);
  });

  it('reports a variable that does not coerce as BAD_USER_INPUT with status 400', async () => {
    const { status, result } = await run('query($n: Int!) { twice(n: $n) }', { variables: { n: 1.5 } });
    expect(status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe('Variable "$n" got invalid value 1.5; Int cannot represent non-integer value: 1.5');
    expect(result.data).toBeUndefined();
  });

  it('names the variable and the place within it, with the scalar’s reason, as graphql-js does', async () => {
    const { status, result } = await run('query($w: Window!) { within(w: $w) }', { variables: { w: { from: '2026-12-07T05:00:00Z', until: 'soon' } } });
    expect(status).toBe(400);
    expect(result.errors).toEqual([{
      message: 'Variable "$w" got invalid value "soon" at "w.until"; DateTime must be ISO 8601, in the years 0001 to 9999',
      locations: [{ line: 1, column: 7 }],
      extensions: { code: 'BAD_USER_INPUT' },
    }]);
  });

  it('masks a resolver’s plain error and hands it to the log', async () => {
    logged.length = 0;
    const { result } = await run('{ broken twice(n: 1) }');
    expect(result.data).toEqual({ broken: null, twice: 2 });
    expect(result.errors).toEqual([{ message: 'Internal error.', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(logged).toHaveLength(1);
    expect((logged[0] as Error).message).toBe('connection to 10.0.0.7 refused');
  });

  it('refuses a DateTime outside the years 0001 to 9999, as a literal or a variable', async () => {
    expect((await run('{ since(at: "2026-12-07T05:00:00Z") }')).result.data).toEqual({ since: '2026-12-07T05:00:00.000Z' });
    for (const at of ['+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', 'not a date']) {
      const literal = await run(`{ since(at: "${at}") }`);
      expect(literal.result.errors?.[0]?.message).toMatch(/DateTime must be ISO 8601, in the years 0001 to 9999/);
      const variable = await run('query($at: DateTime!) { since(at: $at) }', { variables: { at } });
      expect(variable.result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('formatError', () => {
  it('answers a parse failure that is not the parser’s own syntax error without the engine’s message, and logs it', () => {
    const log: unknown[] = [];
    const format = createFormatError((e) => log.push(e));
    const overflow = new RangeError('Maximum call stack size exceeded');
    expect(format({ message: 'Maximum call stack size exceeded', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, overflow)).toEqual({
      message: 'Syntax Error: the document could not be parsed.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(log).toEqual([overflow]);
    const syntax = { message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(format(syntax, new Error())).toEqual(syntax);
    expect(log).toHaveLength(1);
  });
});
