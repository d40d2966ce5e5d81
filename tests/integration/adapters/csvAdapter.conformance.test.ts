import { describe } from 'vitest';
import { adapterConformance } from '../../support/adapterConformance.js';
import { writeCsvFixture, type CsvFixture } from '../../support/csvFixture.js';
import { fixtureMapping } from '../../support/fixtureMapping.js';

describe('csv adapter conformance (files in a temp folder)', () => {
  let files: CsvFixture;
  adapterConformance({
    async start(dir) {
      files = await writeCsvFixture(dir, 'drop');
      return { config: { kind: 'csv', path: 'drop' }, mapping: fixtureMapping({ kind: 'csv' }), holdsNul: true, interruptible: true };
    },
    stop: () => files.release(),
  });
});
