import { describe } from 'vitest';
import { adapterConformance } from '../../support/adapterConformance.js';
import { startFixtureHttpServer, type FixtureHttpServer } from '../../support/fixtureHttpServer.js';
import { fixtureMapping } from '../../support/fixtureMapping.js';

describe('graphql adapter conformance (a real GraphQL server)', () => {
  let server: FixtureHttpServer;
  adapterConformance({
    async start() {
      server = await startFixtureHttpServer();
      return {
        config: { kind: 'graphql', url: `${server.url}/graphql` },
        mapping: fixtureMapping({ kind: 'graphql' }),
        holdsNul: true,
        interruptible: true,
        batchSizes: () => server.batchSizes,
      };
    },
    stop: () => server.close(),
  });
});
