import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { adapterConformance, type ConformanceKit } from './adapterConformance.js';
import { fixtureMapping } from './fixtureMapping.js';
import { createSqlFixture, dropSqlFixture, type SqlDialectName, type SqlExec } from './sqlFixture.js';
import { testCall } from './testDeps.js';

/** A sql engine the conformance cases run against. */
export interface SqlBackend {
  dialect: SqlDialectName;
  /** Adapter config keys choosing the engine, e.g. `{ dialect: 'postgres', url }`. */
  config: Record<string, unknown>;
  /** Passed as `deps.pglite` (dialect pglite without dataDir). */
  pglite?: PGlite;
  /** Runs one setup/teardown statement with bound parameters. */
  exec: SqlExec;
  /** Whether a running statement can be interrupted (server engines), not only checked after (PGlite). */
  interruptible: boolean;
}

export interface SqlConformanceKit extends ConformanceKit {
  /** The schema (PostgreSQL) or database (MariaDB) holding the fixture. */
  readonly schema: string;
}

/**
 * The adapter conformance cases plus the sql kind's own (int keys, one statement per list per
 * chunk), on the fixture created in a fresh schema/database and dropped afterwards.
 * `backend()` is read in `beforeAll`, so the engine may be created in an earlier `beforeAll`.
 */
export function sqlAdapterConformance(backend: () => SqlBackend): SqlConformanceKit {
  const schema = `rt_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const kit = adapterConformance({
    async start() {
      const b = backend();
      await createSqlFixture(b.exec, b.dialect, schema);
      return {
        config: { kind: 'sql', ...b.config, schema },
        mapping: fixtureMapping({ kind: 'sql', dialect: b.dialect, schema }),
        ...(b.pglite ? { deps: { pglite: b.pglite } } : {}),
        holdsNul: b.dialect !== 'postgres',
        interruptible: b.interruptible,
      };
    },
    stop: () => dropSqlFixture(backend().exec, backend().dialect, schema),
  });

  it('matches int keys in canonical form and answers non-numbers with null without failing', async () => {
    const out = await kit.main.adapter.load('person', ['01', 'abc', '2', '99999999999999999999', ' 1 '], testCall());
    expect(out.map((p) => (p ? (p as { ref: string }).ref : null))).toEqual(['1', null, '2', null, '1']);
  });

  it('reads each child list with one statement per chunk', async () => {
    kit.main.deps.backendCalls.length = 0;
    await kit.main.adapter.load('custody', ['1', '2', '5'], testCall());
    expect(kit.main.deps.backendCalls).toEqual(['custody', 'custody']);
  });

  return Object.assign(kit, { schema });
}
