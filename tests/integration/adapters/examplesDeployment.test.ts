import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/index.js';
import { checkRecord, type Adapter } from '../../../adapters/sdk/index.js';
import { checkDeployment } from '../../support/checkDeployment.js';
import { testCall, testDeps } from '../../support/testDeps.js';

describe('examples/gateway.yaml, the real-deployment example', () => {
  it("passes the gateway's config check, with every mapping loading and every adapter config valid", async () => {
    const config = await checkDeployment('examples/gateway.yaml', {
      UIKS_DATABASE_URL: 'postgres://reintegra_ro:x@db.uiks.internal:5432/evidencija',
      PROBACIJA_CLIENT_SECRET: 'x',
      CSR_DATABASE_URL: 'mariadb://reintegra_ro:x@db.csr-ns.internal:3306/socijalna_zastita',
      GRAD_API_TOKEN: 'x',
    });
    expect(config.agencies.map((a) => a.adapter.kind)).toEqual(['sql', 'rest', 'sql', 'graphql', 'csv']);
  });
});

// The README's mapping walkthrough, run: the prison's tables as examples/sql describes them,
// read through examples/mappings/prison-postgres.yaml.
describe('the mapping walkthrough (prison register on PostgreSQL)', () => {
  let db: PGlite;
  let adapter: Adapter;
  beforeAll(async () => {
    db = await PGlite.create();
    await db.exec(readFileSync(new URL('../../../examples/sql/prison-evidencija.sql', import.meta.url), 'utf8'));
    adapter = await createAdapter('uiks', { kind: 'sql', dialect: 'pglite', schema: 'evidencija', mapping: 'examples/mappings/prison-postgres.yaml' }, testDeps(process.cwd(), { pglite: db }));
  });
  afterAll(async () => {
    await adapter?.close();
    await db?.close();
  });

  it('turns a row of osudjeno_lice into the common person record', async () => {
    const [marko, lire] = await adapter.load('personByNationalId', ['0101990710009', '1505985715002'], testCall());
    expect(marko).toEqual({
      ref: '4711',
      nationalId: { scheme: 'JMBG', value: '0101990710009', country: 'RS' },
      givenName: 'Марко', familyName: 'Петровић', script: 'CYRILLIC', dateOfBirth: '1990-01-01', sex: 'MALE',
      municipality: 'Нови Сад', asOf: '2026-10-01T07:30:00.000Z',
    });
    expect(lire).toMatchObject({ ref: '4712', nationalId: { scheme: 'KOSOVO_PN', country: 'XK' }, sex: 'FEMALE' });
    expect(checkRecord('personByNationalId', marko)).toBeNull();
  });

  it('joins izvrsenje with its offences, and reads the risk assessments as a list', async () => {
    const [custody, none] = await adapter.load('custody', ['4711', '4712'], testCall());
    expect(custody).toEqual({
      ref: '4711', establishment: 'KPZ Sremska Mitrovica', status: 'SENTENCED', admissionDate: '2023-02-03',
      sentence: {
        lengthMonths: 48, startDate: '2023-02-03',
        offences: [
          { code: 'KZ-203', description: 'Крађа', legalArticle: 'чл. 203 КЗ' },
          { code: 'KZ-204', description: 'Тешка крађа', legalArticle: 'чл. 204 КЗ' },
        ],
      },
      earliestReleaseDate: null, expectedReleaseDate: '2027-02-02', paroleEligibilityDate: '2025-10-03',
    });
    expect(none).toBeNull();
    const [risks] = await adapter.load('riskAssessments', ['4711'], testCall());
    expect((risks as Array<{ status: string }>).map((r) => r.status).sort()).toEqual(['COMPLETED', 'IN_PROGRESS']);
    expect(checkRecord('custody', custody)).toBeNull();
  });
});
