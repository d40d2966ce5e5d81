import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { auditLogSuite } from './auditLogSuite.js';

// PGlite starts in seconds; each test gets a clone of one migrated instance instead.
let base: PGlite;
beforeAll(async () => {
  base = await PGlite.create();
  await openStore({ kind: 'pglite' }, base);
});
afterAll(() => base?.close());

describe('the audit log on PGlite', () => {
  auditLogSuite(async () => {
    const db = (await base.clone()) as PGlite;
    const store = await openStore({ kind: 'pglite' }, db);
    return { store, close: () => db.close() };
  });
});
