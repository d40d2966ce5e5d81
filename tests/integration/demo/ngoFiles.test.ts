import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../../src/demo/generateWorld.js';
import { ENROLMENT_HEADER, ngoRowsOf, PARTICIPANT_HEADER } from '../../../src/demo/ngoRowsOf.js';
import { writeNgoFiles } from '../../../src/demo/writeNgoFiles.js';

const world = generateWorld({ seed: 4, people: 2000, today: '2025-06-01' });
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('NGO CSV files', () => {
  it('parse back with csv-parse, with the right headers and row counts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reintegra-ngo-'));
    dirs.push(dir);
    const files = await writeNgoFiles(world, join(dir, 'drop'));
    const read = async (path: string): Promise<Record<string, string>[]> =>
      parse(await readFile(path, 'utf8'), { delimiter: ';', columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const participants = await read(files.participants.path);
    const enrolments = await read(files.enrolments.path);

    const expected = world.people.map((p) => ngoRowsOf(world, p)).filter((r) => r !== null);
    expect(participants.length).toBe(world.counts.ngo);
    expect(files.participants.rows).toBe(world.counts.ngo);
    expect(enrolments.length).toBe(expected.reduce((n, r) => n + r.enrolments.length, 0));
    expect(Object.keys(participants[0]!)).toEqual([...PARTICIPANT_HEADER]);
    expect(Object.keys(enrolments[0]!)).toEqual([...ENROLMENT_HEADER]);
    // Round trip, including fields that needed quoting (delimiter, quotes) and diacritics.
    expect(participants).toEqual(expected.map((r) => r.participant));
    expect(enrolments).toEqual(expected.flatMap((r) => r.enrolments));
    expect(enrolments.some((e) => (e.Programme ?? '').includes(';'))).toBe(true);
    expect(enrolments.some((e) => (e.Programme ?? '').includes('"'))).toBe(true);
  });

  it('records the national id of linked participants only', () => {
    const rows = world.people.filter((p) => p.refs.ngo !== null).map((p) => [p, ngoRowsOf(world, p)!.participant] as const);
    for (const [p, row] of rows) expect(row['ID number']).toBe(p.ngoLinked ? p.nationalId.value : '');
    expect(rows.some(([p]) => !p.ngoLinked)).toBe(true);
    for (const id of world.knownToAll) expect(rows.some(([, r]) => r['ID number'] === id)).toBe(true);
  });
});
