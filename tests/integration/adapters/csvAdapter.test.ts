import { utimes } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import { AdapterUnavailable, MappingInvalid, type Adapter } from '../../../adapters/sdk/index.js';
import { createTempDir, type TempDir } from '../../support/tempDir.js';
import { testCall, testDeps, type TestDeps } from '../../support/testDeps.js';

const MAPPING = `entities:
  personByNationalId:
    file: osobe.csv
    delimiter: ";"
    key: JMBG
    fields:
      ref: ID
      nationalId.scheme: { const: JMBG }
      nationalId.value: JMBG
      nationalId.country: { const: RS }
      givenName: IME
      familyName: PREZIME
      dateOfBirth: { from: ROĐEN, type: date }
  welfareCase:
    file: predmeti.csv
    key: OSOBA
    fields:
      ref: OSOBA
      caseNumber: BROJ
      status: { from: STATUS, map: { O: OPEN, Z: CLOSED } }
    lists:
      needs:
        file: potrebe.csv
        key: OSOBA
        fields:
          domain: { from: OBLAST, map: { STAN: HOUSING, POSAO: EMPLOYMENT } }
          level: { from: NIVO, map: { 1: LOW, 2: MEDIUM, 3: HIGH } }
  programmes:
    file: programi.csv
    key: OSOBA
    many: true
    fields: { ref: OSOBA, programme: NAZIV, provider: { const: NGO }, type: { const: OTHER }, completion: { const: ONGOING } }
`;

const PEOPLE = `\uFEFFID;JMBG;IME;PREZIME;ROĐEN
1;0101990710001;Марко;Петровић;01.01.1990.
2;1505985715002;"Lirë";"Çela; ""e vogla""";1985-05-15
3;2002002710003;"'; DROP TABLE x; --";O'Brien;
`;

describe('csv adapter', () => {
  let dir: TempDir;
  let adapter: Adapter;
  let deps: TestDeps;
  const load = (entity: Parameters<Adapter['load']>[0], keys: string[]) => adapter.load(entity, keys, testCall());

  beforeAll(async () => {
    dir = await createTempDir();
    await dir.write('ngo.yaml', MAPPING);
    await dir.write('drop/osobe.csv', PEOPLE);
    await dir.write('drop/predmeti.csv', 'OSOBA,BROJ,STATUS\n1,SR-2024-17,O\n2,SR-2023-03,Z\n');
    await dir.write('drop/potrebe.csv', 'OSOBA,OBLAST,NIVO\n1,STAN,3\n1,POSAO,2\n2,POSAO,1\n');
    await dir.write('drop/programi.csv', 'OSOBA,NAZIV\n1,Opismenjavanje\n1,Zanat\n');
    deps = testDeps(dir.path);
    adapter = await createAdapter('ngo', { kind: 'csv', path: 'drop', mapping: 'ngo.yaml', maxBatch: 2 }, deps);
  });
  beforeEach(() => {
    deps.backendCalls.length = 0;
  });
  afterAll(async () => {
    await adapter.close();
    await dir.remove();
  });

  it('answers in key order with BOM, semicolons, quotes and Cyrillic handled', async () => {
    const out = await load('personByNationalId', ['1505985715002', 'nobody', '0101990710001', '1505985715002']);
    expect(out[0]).toMatchObject({ ref: '2', givenName: 'Lirë', familyName: 'Çela; "e vogla"', dateOfBirth: '1985-05-15' });
    expect(out[1]).toBeNull();
    expect(out[2]).toMatchObject({ ref: '1', givenName: 'Марко', familyName: 'Петровић', dateOfBirth: '1990-01-01' });
    expect(out[3]).toEqual(out[0]);
    // maxBatch 2: three unique keys are two chunks, each one backend call.
    expect(deps.backendCalls).toEqual(['personByNationalId', 'personByNationalId']);
  });

  it('returns hostile strings verbatim', async () => {
    const [p] = await load('personByNationalId', ['2002002710003']);
    expect(p).toMatchObject({ givenName: `'; DROP TABLE x; --`, familyName: "O'Brien", dateOfBirth: null });
  });

  it('reads lists from another file and many rows per key', async () => {
    const [one, two, none] = await load('welfareCase', ['1', '2', '9']);
    expect(one).toEqual({
      ref: '1', caseNumber: 'SR-2024-17', centre: null, status: 'OPEN', openedOn: null,
      needs: [{ domain: 'HOUSING', level: 'HIGH', assessedOn: null }, { domain: 'EMPLOYMENT', level: 'MEDIUM', assessedOn: null }],
      services: [],
    });
    expect(two).toMatchObject({ status: 'CLOSED', needs: [{ domain: 'EMPLOYMENT', level: 'LOW' }] });
    expect(none).toBeNull();
    const [progs, empty] = await load('programmes', ['1', '2']);
    expect((progs as Array<{ programme: string }>).map((p) => p.programme)).toEqual(['Opismenjavanje', 'Zanat']);
    expect(empty).toEqual([]);
  });

  it('re-reads a file after it changes', async () => {
    expect(await load('welfareCase', ['3'])).toEqual([null]);
    const file = await dir.write('drop/predmeti.csv', 'OSOBA,BROJ,STATUS\n1,SR-2024-17,O\n3,SR-2025-01,O\n');
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    expect(await load('welfareCase', ['3'])).toEqual([expect.objectContaining({ caseNumber: 'SR-2025-01' })]);
  });

  it('calls no backend for an empty batch', async () => {
    expect(await load('personByNationalId', [])).toEqual([]);
    expect(deps.backendCalls).toEqual([]);
  });

  it('rejects a malformed file with AdapterUnavailable, without quoting it', async () => {
    await dir.write('drop/programi.csv', 'OSOBA,NAZIV\n1,"secret" value\n');
    const error = await load('programmes', ['1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterUnavailable);
    expect((error as Error).message).not.toContain('secret');
    await dir.write('drop/programi.csv', 'OSOBA,NAZIV\n1,Zanat\n');
    expect(await load('programmes', ['1'])).toEqual([[expect.objectContaining({ programme: 'Zanat' })]]);
  });

  it('refuses mapping files outside its folder', async () => {
    await dir.write('escape.yaml', MAPPING.replace('file: osobe.csv', 'file: ../ngo.yaml'));
    const error = await createAdapter('ngo', { kind: 'csv', path: 'drop', mapping: 'escape.yaml' }, testDeps(dir.path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingInvalid);
    expect((error as Error).message).toBe(
      `ngo: invalid mapping ${dir.path}/escape.yaml:2: entity "personByNationalId": file "../ngo.yaml" is outside the adapter's folder`,
    );
  });

  it('is ready when the folder is readable, not when it is missing', async () => {
    expect(await adapter.ready()).toEqual({ ok: true, circuit: 'closed' });
    const missing = await createAdapter('ngo', { kind: 'csv', path: 'nowhere', mapping: 'ngo.yaml' }, testDeps(dir.path));
    expect(await missing.ready()).toEqual({ ok: false, detail: 'the csv folder is not readable (ENOENT)', circuit: 'closed' });
  });
});
