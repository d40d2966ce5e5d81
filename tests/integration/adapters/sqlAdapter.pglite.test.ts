import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAdapterConformance } from '../../support/sqlConformance.js';

describe('sql adapter on PGlite', () => {
  // One instance per file: PGlite takes seconds to start.
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(() => db.close());

  const kit = sqlAdapterConformance(() => ({
    dialect: 'postgres',
    config: { dialect: 'pglite' },
    pglite: db,
    exec: (sql, params) => db.query(sql, params),
    interruptible: false,
  }));

  it('leaves the shared PGlite open when the adapter closes', async () => {
    const { adapter } = await kit.adapter();
    await adapter.close();
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
