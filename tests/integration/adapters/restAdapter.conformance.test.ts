import { describe } from 'vitest';
import { adapterConformance } from '../../support/adapterConformance.js';
import { startFixtureHttpServer, type FixtureHttpServer } from '../../support/fixtureHttpServer.js';
import { fixtureMapping } from '../../support/fixtureMapping.js';

describe('rest adapter conformance (a real HTTP server)', () => {
  let server: FixtureHttpServer;
  adapterConformance({
    async start() {
      server = await startFixtureHttpServer();
      return {
        config: { kind: 'rest', baseUrl: `${server.url}/api`, maxUrlLength: 60_000 },
        mapping: fixtureMapping({ kind: 'rest' }),
        holdsNul: true,
        interruptible: true,
        batchSizes: () => server.batchSizes,
      };
    },
    stop: () => server.close(),
  });
});
