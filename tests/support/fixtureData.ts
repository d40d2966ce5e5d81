/**
 * The conformance fixture: a small legacy-looking prison register (Serbian column names,
 * Cyrillic and Albanian spellings, hostile strings, a duplicate and a bad code) plus ten
 * thousand generated people. Every backend of the conformance kit stores exactly these rows —
 * as tables, JSON behind HTTP, or CSV files — and one mapping shape reads them back.
 */

export const HOSTILE = `'; DROP TABLE x; --`;
export const QUOTED = `O'Brien "Jr" \\ \``;
/** Ten thousand Cyrillic letters: longer than any column a careless driver would truncate to. */
export const LONG = 'Ж'.repeat(10_000);
export const WITH_NUL = 'a\u0000b';

/** National ids (text keys) of the fixture people. */
export const JMBG = {
  marko: '0101990710001', // Cyrillic spelling
  lire: '1505985715002', // Albanian ë/ç, padded with spaces
  hostile: '2002002710003', // hostile strings in names
  badCountry: '0303003710004', // country code missing from the code table
  unicode: 'Ëç-Жš 1,/', // a key that is not ASCII and holds the rest separator and a slash
  duplicate: '0404004710005', // two rows: more than one record for a single-record entity
  long: '0505005710006', // a very long name
  nul: '0606006710007', // a NUL inside a name (not storable in PostgreSQL)
} as const;

/** Ten thousand generated people with national ids `0000000001000` … `0000000010999`. */
export const BULK_FROM = 1000;
export const BULK_COUNT = 10_000;
export const bulkJmbg = (i: number): string => String(BULK_FROM + i).padStart(13, '0');

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface FixtureTable {
  name: string;
  /** Column → [PostgreSQL type, MariaDB type]. */
  columns: Record<string, readonly [string, string]>;
  rows: Row[];
}

export interface FixtureOptions {
  /** Whether the backend can store NUL in text (PostgreSQL cannot). */
  holdsNul: boolean;
}

const person = (id: number, jmbg: string, ime: string, prezime: string, pismo: Cell, rod: Cell, pol: Cell, opstina: Cell, drzava: Cell): Row =>
  ({ OSU_ID: id, JMBG: jmbg, IME: ime, PREZIME: prezime, PISMO: pismo, DAT_ROD: rod, POL: pol, OPSTINA: opstina, DRZAVA: drzava });

/** The fixture's four tables. */
export function fixtureTables(options: FixtureOptions): FixtureTable[] {
  const people: Row[] = [
    person(1, JMBG.marko, 'Марко', 'Петровић', 'C', '1990-01-01', 'M', 'Нови Сад', 'SRB'),
    person(2, JMBG.lire, '  Lirë ', 'Çela', 'L', '1985-05-15', 'Z', 'Prishtinë', 'KOS'),
    person(3, JMBG.hostile, HOSTILE, QUOTED, null, null, 'X', '', null),
    person(4, JMBG.badCountry, 'Ana', 'Ilić', 'L', '2003-03-03', 'Z', null, 'ZZZ'),
    person(5, JMBG.unicode, 'Dritë', 'Gjoçaj', 'L', null, 'Z', 'Gjakovë', 'ALB'),
    person(6, JMBG.duplicate, 'Prvi', 'Dupli', 'L', null, 'M', null, 'SRB'),
    // Born the same day as Marko: a date of birth is no unique key.
    person(7, JMBG.duplicate, 'Drugi', 'Dupli', 'L', '1990-01-01', 'M', null, 'SRB'),
    person(8, JMBG.long, 'Дуги', LONG, 'C', null, 'M', null, 'SRB'),
  ];
  if (options.holdsNul) people.push(person(9, JMBG.nul, WITH_NUL, 'Nul', 'L', null, 'M', null, 'MNE'));
  for (let i = 0; i < BULK_COUNT; i++) people.push(person(BULK_FROM + i, bulkJmbg(i), 'Bulk', 'Person', 'L', null, 'M', null, 'SRB'));
  return [
    {
      name: 'OSUDJENIK',
      columns: {
        OSU_ID: ['integer PRIMARY KEY', 'INT PRIMARY KEY'], JMBG: ['varchar(20)', 'VARCHAR(20)'], IME: ['text', 'TEXT'],
        PREZIME: ['text', 'MEDIUMTEXT'], PISMO: ['char(1)', 'CHAR(1)'], DAT_ROD: ['date', 'DATE'], POL: ['char(1)', 'CHAR(1)'],
        OPSTINA: ['text', 'VARCHAR(100)'], DRZAVA: ['char(3)', 'CHAR(3)'],
      },
      rows: people,
    },
    {
      name: 'KAZNA',
      columns: {
        OSU_ID: ['integer', 'INT'], USTANOVA: ['text', 'VARCHAR(100)'], STATUS: ['char(1)', 'CHAR(1)'], DAT_PRIJEMA: ['date', 'DATE'],
        MESECI: ['numeric(4,0)', 'DECIMAL(4,0)'], POCETAK: ['date', 'DATE'],
      },
      rows: [
        { OSU_ID: 1, USTANOVA: 'KPZ Sremska Mitrovica', STATUS: 'O', DAT_PRIJEMA: '2021-02-03', MESECI: 36, POCETAK: '2021-02-03' },
        { OSU_ID: 2, USTANOVA: 'Qendra e Paraburgimit Prishtinë', STATUS: 'P', DAT_PRIJEMA: '2024-06-01', MESECI: null, POCETAK: null },
      ],
    },
    {
      name: 'DELO',
      columns: { OSU_ID: ['integer', 'INT'], RB: ['integer', 'INT'], CLAN: ['text', 'VARCHAR(20)'], OPIS: ['text', 'TEXT'], ZAKON: ['text', 'TEXT'] },
      // Stored out of order: sql reads them back by `orderBy: RB`.
      rows: [
        { OSU_ID: 1, RB: 2, CLAN: 'KZ-204', OPIS: 'Тешка крађа', ZAKON: 'чл. 204' },
        { OSU_ID: 1, RB: 1, CLAN: 'KZ-203', OPIS: 'Крађа', ZAKON: 'чл. 203' },
        { OSU_ID: 3, RB: 1, CLAN: 'X', OPIS: HOSTILE, ZAKON: null },
      ],
    },
    {
      name: 'PROCENA',
      columns: { OSU_ID: ['integer', 'INT'], ALAT: ['text', 'VARCHAR(40)'], DATUM: ['date', 'DATE'], NIVO: ['text', 'VARCHAR(20)'] },
      rows: [
        { OSU_ID: 1, ALAT: 'OASys', DATUM: '2023-01-10', NIVO: 'HIGH' },
        { OSU_ID: 1, ALAT: 'OASys', DATUM: '2024-01-10', NIVO: 'MEDIUM' },
        { OSU_ID: 2, ALAT: 'LS/CMI', DATUM: '2024-07-01', NIVO: 'moderate' },
      ],
    },
  ];
}

/** Rows of `table` ordered by the given numeric/text columns (what `orderBy` asks of sql). */
export function sortedRows(table: FixtureTable, ...columns: string[]): Row[] {
  return [...table.rows].sort((a, b) => {
    for (const c of columns) {
      const x = a[c] ?? '';
      const y = b[c] ?? '';
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}
