/**
 * Starts the whole demo world in-process: the prison and welfare databases as two schemas of
 * ONE shared PGlite instance (the caller creates it and hands the same instance to the SQL
 * adapters through `deps.pglite`), the probation REST server on loopback, and the NGO's CSV
 * files in `dir`.
 *
 * Contract: resolves once every system is ready, with the world, the agency list (adapter configs
 * exactly as adapters/README.md describes, mapping paths absolute) and `close()`, which stops the
 * probation server (idempotent). It does not close the PGlite instance or delete `dir`: the
 * caller owns both. `timings` (ms) reports how long each step took.
 */
import type { PGlite } from '@electric-sql/pglite';
import { DEMO_AGENCIES, mappingPath } from './demoAgencies.js';
import { generateWorld } from './generateWorld.js';
import { seedPrison } from './seedPrison.js';
import { seedWelfare } from './seedWelfare.js';
import { startProbationServer } from './startProbationServer.js';
import type { World } from './types.js';
import { writeNgoFiles } from './writeNgoFiles.js';

export interface StartDemoWorldOptions {
  seed?: number;
  people?: number;
  /** Reference date for the life stories (default today, UTC). */
  today?: string;
  /** An already-created PGlite instance; prison and welfare get schemas `zatvor` and `csr` in it. */
  pglite: PGlite;
  /** Folder for the NGO's CSV files (created if missing). */
  dir: string;
  /** When set, the probation API requires this bearer token and its adapter config carries it. */
  probationToken?: string;
  /** Probation server port (default: any free port). */
  probationPort?: number;
}

export interface DemoAgency {
  id: string;
  name: string;
  type: 'PRISON' | 'PROBATION' | 'WELFARE' | 'CSO';
  roles: string[];
  adapter: Record<string, unknown>;
}

export interface DemoWorld {
  world: World;
  agencies: DemoAgency[];
  /** Row counts per table of the two SQL systems, and NGO file rows. */
  seeded: { prison: Record<string, number>; welfare: Record<string, number>; ngo: { participants: number; enrolments: number } };
  timings: { generateMs: number; prisonMs: number; welfareMs: number; ngoMs: number; probationMs: number; totalMs: number };
  probationUrl: string;
  close(): Promise<void>;
}

export async function startDemoWorld(options: StartDemoWorldOptions): Promise<DemoWorld> {
  const t0 = performance.now();
  const world = generateWorld({ seed: options.seed ?? 1, people: options.people ?? 2000, ...(options.today === undefined ? {} : { today: options.today }) });
  const t1 = performance.now();
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const value = await work();
    return [value, performance.now() - start];
  };
  // PGlite runs one statement at a time, so prison then welfare; files and HTTP overlap with them.
  const sql = (async () => {
    const prison = await timed(() => seedPrison(options.pglite, world));
    const welfare = await timed(() => seedWelfare(options.pglite, world));
    return { prison, welfare };
  })();
  const ngo = timed(() => writeNgoFiles(world, options.dir));
  const probation = timed(() =>
    startProbationServer(world, { ...(options.probationToken === undefined ? {} : { token: options.probationToken }), ...(options.probationPort === undefined ? {} : { port: options.probationPort }) }),
  );
  const [sqlDone, ngoDone, probationDone] = await Promise.allSettled([sql, ngo, probation]);
  if (sqlDone.status === 'rejected' || ngoDone.status === 'rejected' || probationDone.status === 'rejected') {
    if (probationDone.status === 'fulfilled') await probationDone.value[0].close();
    const failed = [sqlDone, ngoDone, probationDone].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    throw failed.reason;
  }
  const { prison, welfare } = sqlDone.value;
  const [ngoFiles, ngoMs] = ngoDone.value;
  const [server, probationMs] = probationDone.value;

  const info = (id: keyof typeof DEMO_AGENCIES) => ({ ...DEMO_AGENCIES[id], roles: [...DEMO_AGENCIES[id].roles] });
  const agencies: DemoAgency[] = [
    { ...info('prison'), adapter: { kind: 'sql', dialect: 'pglite', schema: 'zatvor', mapping: mappingPath('prison') } },
    {
      ...info('probation'),
      adapter: {
        kind: 'rest',
        baseUrl: server.url,
        mapping: mappingPath('probation'),
        listKeys: { path: '/api/v1/client-ids', itemsAt: 'data' },
        ...(options.probationToken === undefined ? {} : { auth: { type: 'bearer', token: options.probationToken } }),
      },
    },
    { ...info('welfare'), adapter: { kind: 'sql', dialect: 'pglite', schema: 'csr', mapping: mappingPath('welfare') } },
    { ...info('ngo'), adapter: { kind: 'csv', path: options.dir, mapping: mappingPath('ngo') } },
  ];
  return {
    world,
    agencies,
    seeded: { prison: prison[0], welfare: welfare[0], ngo: { participants: ngoFiles.participants.rows, enrolments: ngoFiles.enrolments.rows } },
    timings: { generateMs: t1 - t0, prisonMs: prison[1], welfareMs: welfare[1], ngoMs, probationMs, totalMs: performance.now() - t0 },
    probationUrl: server.url,
    close: () => server.close(),
  };
}
