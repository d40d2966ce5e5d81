import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappingPath } from '../../../src/demo/demoAgencies.js';
import { prisonRowsOf } from '../../../src/demo/prisonRowsOf.js';
import { startDemoWorld, type DemoWorld } from '../../../src/demo/startDemoWorld.js';
import { welfareRowsOf } from '../../../src/demo/welfareRowsOf.js';
import { fromOf, loadMapping, modelProblems, resolvePath, uncovered, type EntitySpec } from './mappingChecks.js';

const TOKEN = 'probation-demo-token';
let pglite: PGlite;
let dir: string;
let demo: DemoWorld;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.waitReady;
  dir = await mkdtemp(join(tmpdir(), 'reintegra-demo-'));
  demo = await startDemoWorld({ pglite, dir: join(dir, 'ngo'), probationToken: TOKEN });
  const t = demo.timings;
  console.log(
    `demo world (2,000 people): generate ${t.generateMs.toFixed(0)} ms, prison ${t.prisonMs.toFixed(0)} ms, welfare ${t.welfareMs.toFixed(0)} ms, ` +
      `ngo ${t.ngoMs.toFixed(0)} ms, probation ${t.probationMs.toFixed(0)} ms, total ${t.totalMs.toFixed(0)} ms; ` +
      `rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
});

afterAll(async () => {
  await demo?.close();
  await pglite?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const count = async (sql: string): Promise<number> => Number(((await pglite.query(sql)).rows[0] as { n: number | string }).n);

describe('startDemoWorld', () => {
  it('seeds both SQL systems into one PGlite quickly', () => {
    expect(demo.timings.prisonMs + demo.timings.welfareMs).toBeLessThan(5000);
  });

  it('returns the four agencies with adapter configs as adapters/README.md describes', () => {
    expect(demo.agencies.map((a) => [a.id, a.type])).toEqual([['prison', 'PRISON'], ['probation', 'PROBATION'], ['welfare', 'WELFARE'], ['ngo', 'CSO']]);
    const [prison, probation, welfare, ngo] = demo.agencies;
    expect(prison!.adapter).toEqual({ kind: 'sql', dialect: 'pglite', schema: 'zatvor', mapping: mappingPath('prison') });
    expect(probation!.adapter).toEqual({
      kind: 'rest', baseUrl: demo.probationUrl, mapping: mappingPath('probation'), listKeys: { path: '/api/v1/client-ids', itemsAt: 'data' }, auth: { type: 'bearer', token: TOKEN },
    });
    expect(welfare!.adapter).toEqual({ kind: 'sql', dialect: 'pglite', schema: 'csr', mapping: mappingPath('welfare') });
    expect(ngo!.adapter).toEqual({ kind: 'csv', path: join(dir, 'ngo'), mapping: mappingPath('ngo') });
    for (const a of demo.agencies) {
      expect(existsSync(a.adapter.mapping as string)).toBe(true);
      expect(a.roles.length).toBeGreaterThan(0);
    }
  });

  it('holds exactly the world’s rows in every prison and welfare table', async () => {
    const { world } = demo;
    const prison = world.people.map((p) => prisonRowsOf(world, p)).filter((r) => r !== null);
    const welfare = world.people.map((p) => welfareRowsOf(world, p)).filter((r) => r !== null);
    const sum = <T>(rows: T[], f: (r: T) => unknown[]): number => rows.reduce((n, r) => n + f(r).length, 0);
    const expected: Record<string, number> = {
      'zatvor."INMATE_MASTER"': world.counts.prison,
      'zatvor."INM_SENTENCE"': world.counts.prison,
      'zatvor."INM_OFFENCE"': sum(prison, (r) => r.offences),
      'zatvor."RISK_ASSESS"': sum(prison, (r) => r.assessments),
      'zatvor."INM_PROGRAM"': sum(prison, (r) => r.programmes),
      'zatvor."SIF_USTANOVA"': 6,
      'csr.korisnik': world.counts.welfare,
      'csr.predmet': world.counts.welfare,
      'csr.procena_potreba': sum(welfare, (r) => r.needs),
      'csr.usluga': sum(welfare, (r) => r.services),
      'csr.uputnica': sum(welfare, (r) => r.referrals),
    };
    for (const [table, n] of Object.entries(expected)) expect([table, await count(`SELECT count(*) AS n FROM ${table}`)]).toEqual([table, n]);
    expect(demo.seeded.prison.INMATE_MASTER).toBe(world.counts.prison);
    expect(demo.seeded.welfare.korisnik).toBe(world.counts.welfare);
  });

  it('finds a person known to all four by national id in both databases, and indexes the keys', async () => {
    const id = demo.world.knownToAll[0]!;
    const person = demo.world.people.find((p) => p.nationalId.value === id)!;
    const inmate = (await pglite.query('SELECT * FROM zatvor."INMATE_MASTER" WHERE "NAC_ID" = $1', [id])).rows as Record<string, unknown>[];
    expect(inmate.map((r) => String(r.INM_NO))).toEqual([person.refs.prison]);
    const client = (await pglite.query('SELECT * FROM csr.korisnik WHERE jmbg = $1', [id])).rows as Record<string, unknown>[];
    expect(client.map((r) => String(r.id))).toEqual([person.refs.welfare]);
    expect(await count(`SELECT count(*) AS n FROM csr.korisnik WHERE pismo = 'ЋИР' AND prezime ~ '[А-Яа-яЈјЉљЊњЋћЂђЏџЃѓЌќЅѕ]'`)).toBeGreaterThan(50);
    const indexes = ((await pglite.query(`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname IN ('zatvor', 'csr')`)).rows as { indexdef: string }[]).map((r) => r.indexdef);
    for (const col of ['"NAC_ID"', '(jmbg)', '"RISK_ASSESS" USING btree ("INM_NO")', 'uputnica USING btree (korisnik_id)']) {
      expect(indexes.some((d) => d.includes(col)), col).toBe(true);
    }
  });

  it('stops the probation server on close (idempotent)', async () => {
    const other = await mkdtemp(join(tmpdir(), 'reintegra-demo2-'));
    const db = new PGlite();
    try {
      const small = await startDemoWorld({ pglite: db, dir: other, people: 300, seed: 5 });
      expect((await fetch(`${small.probationUrl}/health`)).status).toBe(200);
      await small.close();
      await small.close();
      await expect(fetch(`${small.probationUrl}/health`)).rejects.toThrow();
    } finally {
      await db.close();
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('mapping files match the agency systems', () => {
  it('all four mappings use only record paths and values of the common model', () => {
    for (const agency of ['prison', 'probation', 'welfare', 'ngo'] as const) {
      expect([agency, modelProblems(loadMapping(mappingPath(agency)))]).toEqual([agency, []]);
    }
    expect(Object.keys(loadMapping(mappingPath('prison')))).toEqual(['personByNationalId', 'person', 'custody', 'riskAssessments', 'programmes']);
    expect(Object.keys(loadMapping(mappingPath('probation')))).toEqual(['personByNationalId', 'person', 'supervision', 'plan']);
    expect(Object.keys(loadMapping(mappingPath('welfare')))).toEqual(['personByNationalId', 'person', 'personByDateOfBirth', 'welfareCase', 'referrals']);
    expect(Object.keys(loadMapping(mappingPath('ngo')))).toEqual(['personByNationalId', 'person', 'personByDateOfBirth', 'programmes']);
  });

  for (const [agency, schema] of [['prison', 'zatvor'], ['welfare', 'csr']] as const) {
    it(`${agency}.yaml names existing tables and columns, and its code tables cover the data`, async () => {
      const rows = (await pglite.query('SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1', [schema])).rows as { table_name: string; column_name: string }[];
      const columns = new Map<string, Set<string>>();
      for (const r of rows) (columns.get(r.table_name) ?? columns.set(r.table_name, new Set()).get(r.table_name)!).add(r.column_name);
      const problems: string[] = [];
      const check = async (where: string, table: string | undefined, names: (string | undefined)[], fields: EntitySpec['fields']): Promise<void> => {
        const cols = table === undefined ? undefined : columns.get(table);
        if (cols === undefined) return void problems.push(`${where}: no table ${table}`);
        for (const n of names) if (n !== undefined && !cols.has(n)) problems.push(`${where}: no column ${table}.${n}`);
        for (const [path, spec] of Object.entries(fields)) {
          const col = fromOf(spec);
          if (col === null) continue;
          if (!cols.has(col)) {
            problems.push(`${where}.${path}: no column ${table}.${col}`);
            continue;
          }
          const values = (await pglite.query(`SELECT DISTINCT "${col}"::text AS v FROM "${schema}"."${table}"`)).rows.map((r) => (r as { v: unknown }).v);
          for (const v of uncovered(spec, values)) problems.push(`${where}.${path}: value ${v} of ${table}.${col} not in map`);
        }
      };
      for (const [entity, spec] of Object.entries(loadMapping(mappingPath(agency)))) {
        await check(entity, spec.source, [spec.key], spec.fields);
        for (const [list, l] of Object.entries(spec.lists ?? {})) await check(`${entity}.${list}`, l.source, [l.key, l.orderBy], l.fields);
      }
      expect(problems).toEqual([]);
    });
  }

  it('probation.yaml names existing endpoints, parameters and JSON paths, and covers the codes', async () => {
    const { world } = demo;
    const people = world.people.filter((p) => p.refs.probation !== null);
    const problems: string[] = [];
    for (const [entity, spec] of Object.entries(loadMapping(mappingPath('probation')))) {
      const keys = people.map((p) => (entity === 'personByNationalId' ? p.nationalId.value : p.refs.probation!));
      const items: unknown[] = [];
      for (let i = 0; i < keys.length; i += 500) {
        const res = await fetch(`${demo.probationUrl}${spec.path}?${spec.keyParam}=${keys.slice(i, i + 500).join(',')}`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(res.status).toBe(200);
        items.push(...(resolvePath(await res.json(), spec.itemsAt ?? '') as unknown[]));
      }
      expect(items.length, entity).toBeGreaterThan(0);
      const checkFields = (where: string, rows: unknown[], fields: EntitySpec['fields']): void => {
        for (const [path, s] of Object.entries(fields)) {
          const from = fromOf(s);
          if (from === null) continue;
          const values = rows.map((r) => resolvePath(r, from));
          if (values.some((v) => v === undefined)) problems.push(`${where}.${path}: ${from} missing`);
          if (values.every((v) => v === null)) problems.push(`${where}.${path}: ${from} never set`);
          for (const v of uncovered(s, values)) problems.push(`${where}.${path}: value ${v} not in map`);
        }
      };
      if (items.some((it) => resolvePath(it, spec.key) === undefined)) problems.push(`${entity}: key ${spec.key} missing`);
      expect(new Set(items.map((it) => String(resolvePath(it, spec.key)))).size).toBe(items.length); // one item per key
      checkFields(entity, items, spec.fields);
      for (const [list, l] of Object.entries(spec.lists ?? {})) {
        if (items.some((it) => !Array.isArray(resolvePath(it, l.from!)))) problems.push(`${entity}.${list}: ${l.from} is not an array`);
        checkFields(`${entity}.${list}`, items.flatMap((it) => resolvePath(it, l.from!) as unknown[]), l.fields);
      }
    }
    expect(problems).toEqual([]);
  });

  it('ngo.yaml names existing files and headers, and covers the codes', async () => {
    const problems: string[] = [];
    const files = new Map<string, Record<string, string>[]>();
    const read = async (file: string, delimiter: string): Promise<Record<string, string>[]> => {
      if (!files.has(file)) files.set(file, parseCsv(await readFile(join(dir, 'ngo', file), 'utf8'), { delimiter, columns: true }) as Record<string, string>[]);
      return files.get(file)!;
    };
    for (const [entity, spec] of Object.entries(loadMapping(mappingPath('ngo')))) {
      expect(spec.delimiter).toBe(';');
      const rows = await read(spec.file!, spec.delimiter!);
      const header = Object.keys(rows[0]!);
      for (const name of [spec.key, ...Object.values(spec.fields).map(fromOf)]) {
        if (name !== null && !header.includes(name)) problems.push(`${entity}: no column "${name}" in ${spec.file}`);
      }
      for (const [path, s] of Object.entries(spec.fields)) {
        const from = fromOf(s);
        if (from !== null) for (const v of uncovered(s, rows.map((r) => r[from]))) problems.push(`${entity}.${path}: value ${v} not in map`);
      }
    }
    expect(problems).toEqual([]);
  });
});
