import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/index.js';
import { DEMO_AGENCIES, DEMO_PSEUDONYM_KEY } from '../../../src/embedded/index.js';

function config(server: Record<string, unknown>): unknown {
  return {
    server,
    store: { kind: 'pglite' },
    pseudonyms: { key: DEMO_PSEUDONYM_KEY },
    agencies: DEMO_AGENCIES.map((a) => ({ ...a, roles: [...a.roles], issuer: { iss: `urn:test:${a.id}`, jwks: 'file:unused' }, adapter: { kind: 'none' } })),
  };
}

describe('server.graphiql', () => {
  it('is off by default', () => {
    expect(validateConfig(config({}), 'gateway.yaml').server.graphiql).toBe(false);
  });

  it('is accepted together with introspection', () => {
    expect(validateConfig(config({ graphiql: true, introspection: true }), 'gateway.yaml').server.graphiql).toBe(true);
  });

  it('is refused without introspection, which GraphiQL reads the schema by', () => {
    expect(() => validateConfig(config({ graphiql: true }), 'gateway.yaml')).toThrow(
      'gateway.yaml: server.graphiql: needs server.introspection: true (GraphiQL reads the schema by introspection)',
    );
  });
});
