/**
 * A small legacy-looking prison database (Serbian column names, CHAR-padded ids, Cyrillic and
 * Albanian spellings, hostile strings) that runs on PostgreSQL and PGlite alike, plus the
 * mapping that reads it.
 */

export const HOSTILE = `'; DROP TABLE x; --`;

/** National ids of the fixture people. */
export const JMBG = {
  marko: '0101990710001', // Cyrillic spelling
  lire: '1505985715002', // Albanian ë/ç
  hostile: '2002002710003', // hostile strings in names
  badCountry: '0303003710004', // country code missing from the code table
} as const;

/** Ten thousand generated people with national ids `0000000001000` … `0000000010999`. */
export const BULK_FROM = 1000;
export const BULK_COUNT = 10_000;
export const bulkJmbg = (i: number): string => String(BULK_FROM + i).padStart(13, '0');

export function fixtureSql(schema: string): string {
  const s = `"${schema}"`;
  return `
CREATE SCHEMA ${s};
CREATE TABLE ${s}."OSUDJENIK" (
  "OSU_ID" integer PRIMARY KEY, "JMBG" char(13), "IME" varchar(60), "PREZIME" varchar(60),
  "PISMO" char(1), "DAT_ROD" date, "POL" char(1), "OPSTINA" text, "DRZAVA" char(3)
);
CREATE TABLE ${s}."KAZNA" (
  "OSU_ID" integer, "USTANOVA" text, "STATUS" char(1), "DAT_PRIJEMA" date, "MESECI" numeric(4,0), "POCETAK" date
);
CREATE TABLE ${s}."DELO" ("OSU_ID" integer, "RB" integer, "CLAN" text, "OPIS" text, "ZAKON" text);
CREATE TABLE ${s}."PROCENA" ("OSU_ID" integer, "ALAT" text, "DATUM" date, "NIVO" text);
INSERT INTO ${s}."OSUDJENIK" VALUES
  (1, '${JMBG.marko}', 'Марко', 'Петровић', 'C', '1990-01-01', 'M', 'Нови Сад', 'SRB'),
  (2, '${JMBG.lire}', '  Lirë ', 'Çela', 'L', '1985-05-15', 'Z', 'Prishtinë', 'KOS'),
  (3, '${JMBG.hostile}', '${HOSTILE.replaceAll("'", "''")}', 'O''Brien "Jr"', NULL, NULL, 'X', '', NULL),
  (4, '${JMBG.badCountry}', 'Ana', 'Ilić', 'L', '2003-03-03', 'Z', NULL, 'ZZZ');
INSERT INTO ${s}."OSUDJENIK"
  SELECT ${BULK_FROM} + g, lpad((${BULK_FROM} + g)::text, 13, '0'), 'Bulk', 'Person', 'L', NULL, 'M', NULL, 'SRB'
  FROM generate_series(0, ${BULK_COUNT - 1}) AS g;
INSERT INTO ${s}."KAZNA" VALUES
  (1, 'KPZ Sremska Mitrovica', 'O', '2021-02-03', 36, '2021-02-03'),
  (2, 'Qendra e Paraburgimit Prishtinë', 'P', '2024-06-01', NULL, NULL);
INSERT INTO ${s}."DELO" VALUES
  (1, 2, 'KZ-204', 'Тешка крађа', 'чл. 204'),
  (1, 1, 'KZ-203', 'Крађа', 'чл. 203'),
  (3, 1, 'X', '${HOSTILE.replaceAll("'", "''")}', NULL);
INSERT INTO ${s}."PROCENA" VALUES
  (1, 'OASys', '2023-01-10', 'HIGH'),
  (1, 'OASys', '2024-01-10', 'MEDIUM'),
  (2, 'LS/CMI', '2024-07-01', 'moderate');
`;
}

export function fixtureMapping(schema: string): string {
  return `
entities:
  personByNationalId:
    source: OSUDJENIK
    key: JMBG
    fields:
      ref: OSU_ID
      nationalId.scheme: { const: JMBG }
      nationalId.value: JMBG
      nationalId.country: { from: DRZAVA, map: { SRB: RS, KOS: XK, ALB: AL, MNE: ME } }
      givenName: IME
      familyName: PREZIME
      script: { from: PISMO, map: { C: CYRILLIC, L: LATIN } }
      dateOfBirth: { from: DAT_ROD, type: date }
      sex: { from: POL, map: { M: MALE, Z: FEMALE }, default: UNKNOWN }
      municipality: OPSTINA
  person:
    source: OSUDJENIK
    key: OSU_ID
    keyType: int
    fields: { ref: OSU_ID, givenName: IME, familyName: PREZIME }
  custody:
    source: KAZNA
    key: OSU_ID
    keyType: int
    fields:
      ref: OSU_ID
      establishment: USTANOVA
      status: { from: STATUS, map: { P: REMAND, O: SENTENCED } }
      admissionDate: { from: DAT_PRIJEMA, type: date }
      sentence.lengthMonths: { from: MESECI, type: int }
      sentence.startDate: { from: POCETAK, type: date }
    lists:
      sentence.offences:
        source: DELO
        key: OSU_ID
        orderBy: RB
        fields: { code: CLAN, description: OPIS, legalArticle: ZAKON }
  riskAssessments:
    source: PROCENA
    key: OSU_ID
    keyType: int
    many: true
    fields:
      ref: OSU_ID
      tool: ALAT
      assessedOn: { from: DATUM, type: date }
      status: { const: COMPLETED }
      judgement: NIVO
  supervision:
    # A deliberately slow source, for deadline and abort tests.
    source: { query: 'SELECT o.* FROM "${schema}"."OSUDJENIK" o CROSS JOIN pg_sleep(0.8)' }
    key: JMBG
    fields: { ref: OSU_ID, orderType: { const: PAROLE } }
`;
}
