/**
 * The municipal centre for social work's case system, schema `csr`: a different legacy style
 * from the prison's — lower-case Serbian/Bosnian names, surrogate integer keys, codes as short
 * Serbian abbreviations, names stored in the script the family uses (Cyrillic or Latin).
 *
 * korisnik         clients: id, jmbg (holds any national id; vrsta_isprave says which), drzava,
 *                  ime, prezime, pismo 'ЋИР'/'LAT', datum_rodjenja, pol 'M'/'Ž', opstina, azurirano
 * predmet          the client's case file: broj_predmeta, centar, status A/C/Z, datum_otvaranja
 * procena_potreba  needs assessment by domain (oblast) with level nema/nizak/srednji/visok
 * usluga           services (vrsta, oblast, pruzalac, period, status P/A/Z/O)
 * uputnica         referrals between institutions (od_ustanove → ka_ustanovi: KPZ, POV, CSR, NVO)
 */
import type { TableSpec } from './sqlTables.js';

export const KORISNIK: TableSpec = {
  name: 'korisnik',
  columns: [
    ['id', 'integer PRIMARY KEY'],
    ['jmbg', 'varchar(16)'],
    ['vrsta_isprave', 'varchar(4)'],
    ['drzava', 'char(3)'],
    ['ime', 'varchar(40) NOT NULL'],
    ['prezime', 'varchar(40) NOT NULL'],
    ['pismo', 'varchar(3) NOT NULL'],
    ['datum_rodjenja', 'date'],
    ['pol', 'varchar(1)'],
    ['opstina', 'varchar(60)'],
    ['azurirano', 'timestamptz'],
  ],
  indexes: [['jmbg']],
};

export const PREDMET: TableSpec = {
  name: 'predmet',
  identity: 'id',
  columns: [
    ['korisnik_id', 'integer NOT NULL'],
    ['broj_predmeta', 'varchar(30) NOT NULL'],
    ['centar', 'varchar(60)'],
    ['status', 'char(1) NOT NULL'],
    ['datum_otvaranja', 'date'],
    ['datum_zatvaranja', 'date'],
    ['azurirano', 'timestamptz'],
  ],
  indexes: [['korisnik_id']],
};

export const PROCENA_POTREBA: TableSpec = {
  name: 'procena_potreba',
  identity: 'id',
  columns: [
    ['korisnik_id', 'integer NOT NULL'],
    ['oblast', 'varchar(4) NOT NULL'],
    ['nivo', 'varchar(8) NOT NULL'],
    ['datum_procene', 'date'],
  ],
  indexes: [['korisnik_id']],
};

export const USLUGA: TableSpec = {
  name: 'usluga',
  identity: 'id',
  columns: [
    ['korisnik_id', 'integer NOT NULL'],
    ['vrsta', 'varchar(80) NOT NULL'],
    ['oblast', 'varchar(4) NOT NULL'],
    ['pruzalac', 'varchar(80)'],
    ['datum_od', 'date'],
    ['datum_do', 'date'],
    ['status', 'char(1) NOT NULL'],
  ],
  indexes: [['korisnik_id']],
};

export const UPUTNICA: TableSpec = {
  name: 'uputnica',
  identity: 'id',
  columns: [
    ['korisnik_id', 'integer NOT NULL'],
    ['od_ustanove', 'varchar(4) NOT NULL'],
    ['ka_ustanovi', 'varchar(4) NOT NULL'],
    ['oblast', 'varchar(4) NOT NULL'],
    ['datum_upucivanja', 'date'],
    ['status', 'varchar(12) NOT NULL'],
    ['napomena', 'text'],
    ['azurirano', 'timestamptz'],
  ],
  indexes: [['korisnik_id']],
};

export const WELFARE_TABLES: readonly TableSpec[] = [KORISNIK, PREDMET, PROCENA_POTREBA, USLUGA, UPUTNICA];
