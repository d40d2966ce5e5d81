import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAdapterConformance } from '../../support/adapterConformance.js';

describe('sql adapter on PGlite', () => {
  // One instance per file: PGlite takes seconds to start.
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(() => db.close());

  const kit = sqlAdapterConformance(() => ({
    config: { dialect: 'pglite' },
    pglite: db,
    exec: async (sql) => void (await db.exec(sql)),
    interruptible: false,
  }));

  it('leaves the shared PGlite open when the adapter closes', async () => {
    const { adapter } = await kit.adapter();
    await adapter.close();
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
