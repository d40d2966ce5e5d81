/**
 * The prison's legacy register (Directorate for the Execution of Criminal Sanctions), schema
 * `zatvor`: UPPERCASE abbreviated names from a 1990s system, Serbian abbreviations, code columns.
 *
 * SIF_USTANOVA   code table of establishments (FAC_CD → NAZIV)
 * INMATE_MASTER  one row per inmate: INM_NO, national id (NAC_ID + ID_SCHEME + CTRY_CD), names
 *                in upper-case ASCII, DAT_ROD, POL 'M'/'Z', OPSTINA, DAT_AZUR (last update)
 * INM_SENTENCE   the current custody episode: FAC_CD, STATUS_CD (PR remand, IZ serving,
 *                OT released, PM transferred), SENT_MONTHS and the release-date columns
 * INM_OFFENCE    offences of the episode (ART_CODE, KZ_CLAN criminal-code article, OPIS)
 * RISK_ASSESS    structured assessments (INSTR_CD VERA2R / ERG22 / SKRIN, OCENA as the tool states it)
 * INM_PROGRAM    treatment, education and vocational programmes with attendance
 */
import type { TableSpec } from './sqlTables.js';

export const SIF_USTANOVA: TableSpec = {
  name: 'SIF_USTANOVA',
  columns: [['FAC_CD', 'varchar(8) PRIMARY KEY'], ['NAZIV', 'varchar(80) NOT NULL'], ['ZENSKI', 'char(1) NOT NULL']],
};

export const INMATE_MASTER: TableSpec = {
  name: 'INMATE_MASTER',
  columns: [
    ['INM_NO', 'integer PRIMARY KEY'],
    ['NAC_ID', 'varchar(16)'],
    ['ID_SCHEME', 'varchar(4)'],
    ['CTRY_CD', 'char(3)'],
    ['PREZIME', 'varchar(40) NOT NULL'],
    ['IME', 'varchar(30) NOT NULL'],
    ['DAT_ROD', 'date'],
    ['POL', 'char(1)'],
    ['OPSTINA', 'varchar(40)'],
    ['DAT_AZUR', 'timestamp(0)'],
  ],
  indexes: [['NAC_ID']],
};

export const INM_SENTENCE: TableSpec = {
  name: 'INM_SENTENCE',
  identity: 'SENT_ID',
  columns: [
    ['INM_NO', 'integer NOT NULL'],
    ['FAC_CD', 'varchar(8) NOT NULL'],
    ['STATUS_CD', 'char(2) NOT NULL'],
    ['SENT_MONTHS', 'smallint'],
    ['DAT_PRIJEM', 'date'],
    ['DAT_POC', 'date'],
    ['DAT_NAJR', 'date'],
    ['DAT_OCEK', 'date'],
    ['DAT_USL', 'date'],
    ['DAT_AZUR', 'timestamp(0)'],
  ],
  indexes: [['INM_NO']],
};

export const INM_OFFENCE: TableSpec = {
  name: 'INM_OFFENCE',
  columns: [
    ['INM_NO', 'integer NOT NULL'],
    ['SEQ', 'smallint NOT NULL'],
    ['ART_CODE', 'varchar(10) NOT NULL'],
    ['KZ_CLAN', 'varchar(20)'],
    ['OPIS', 'varchar(120)'],
  ],
  constraints: ['PRIMARY KEY ("INM_NO", "SEQ")'],
};

export const RISK_ASSESS: TableSpec = {
  name: 'RISK_ASSESS',
  identity: 'RA_ID',
  columns: [
    ['INM_NO', 'integer NOT NULL'],
    ['INSTR_CD', 'varchar(8) NOT NULL'],
    ['INSTR_VER', 'varchar(8)'],
    ['DAT_PROC', 'date'],
    ['STATUS', 'char(1) NOT NULL'],
    ['OCENA', 'varchar(80)'],
    ['ULOGA_CD', 'varchar(4)'],
    ['DAT_REV', 'date'],
    ['DAT_AZUR', 'timestamp(0)'],
  ],
  indexes: [['INM_NO']],
};

export const INM_PROGRAM: TableSpec = {
  name: 'INM_PROGRAM',
  identity: 'PRG_ID',
  columns: [
    ['INM_NO', 'integer NOT NULL'],
    ['PRG_CD', 'varchar(8) NOT NULL'],
    ['NAZIV', 'varchar(80) NOT NULL'],
    ['TIP_CD', 'char(3) NOT NULL'],
    ['IZVODJAC', 'varchar(60)'],
    ['DAT_OD', 'date'],
    ['DAT_DO', 'date'],
    ['SES_PLAN', 'smallint'],
    ['SES_PRIS', 'smallint'],
    ['ISHOD', 'char(1) NOT NULL'],
    ['DAT_AZUR', 'timestamp(0)'],
  ],
  indexes: [['INM_NO']],
};

/** All prison tables, in creation order. INM_OFFENCE's primary key already indexes INM_NO. */
export const PRISON_TABLES: readonly TableSpec[] = [SIF_USTANOVA, INMATE_MASTER, INM_SENTENCE, INM_OFFENCE, RISK_ASSESS, INM_PROGRAM];
