-- The prison administration's register as the walkthrough in README.md ("Connecting an agency's
-- system") finds it: schema `evidencija`, Serbian column names, its own codes. Two sample people
-- (synthetic) so the mapping can be tried on PGlite or PostgreSQL:
--   psql "$UIKS_DATABASE_URL" -f examples/sql/prison-evidencija.sql
CREATE SCHEMA evidencija;

CREATE TABLE evidencija.osudjeno_lice (
  lice_id        integer PRIMARY KEY,       -- the register's own number for the person
  jmbg           char(13),                  -- national id; NULL for some foreigners
  vrsta_isprave  varchar(4) NOT NULL,       -- JMBG | LK (Kosovo* personal number) | PAS
  ime            varchar(60) NOT NULL,
  prezime        varchar(60) NOT NULL,
  datum_rodj     date,
  pol            char(1),                   -- M | Z
  prebivaliste   varchar(80),
  izmenjeno      timestamptz NOT NULL
);

CREATE TABLE evidencija.izvrsenje (         -- one row per person in custody
  lice_id            integer PRIMARY KEY REFERENCES evidencija.osudjeno_lice,
  ustanova           varchar(80) NOT NULL,
  status             char(1) NOT NULL,      -- P pritvor | I izdržavanje | O otpušten | T premešten
  datum_prijema      date,
  kazna_meseci       smallint,
  pocetak_kazne      date,
  uslovni_od         date,
  predvidjeni_otpust date
);

CREATE TABLE evidencija.krivicno_delo (
  lice_id     integer NOT NULL REFERENCES evidencija.osudjeno_lice,
  redni_broj  smallint NOT NULL,
  sifra       varchar(12) NOT NULL,
  opis        varchar(200),
  clan_zakona varchar(40)
);

CREATE TABLE evidencija.procena_rizika (
  lice_id         integer NOT NULL REFERENCES evidencija.osudjeno_lice,
  instrument      varchar(20) NOT NULL,
  verzija         varchar(10),
  datum           date,
  nivo            varchar(10),              -- as the instrument states it
  zavrsena        boolean NOT NULL,
  sledeca_procena date
);

INSERT INTO evidencija.osudjeno_lice VALUES
  (4711, '0101990710009', 'JMBG', 'Марко', 'Петровић', '1990-01-01', 'M', 'Нови Сад', '2026-10-01 09:30:00+02'),
  (4712, '1505985715002', 'LK', 'Lirë', 'Çela', '1985-05-15', 'Z', 'Prishtinë', '2026-09-12 14:00:00+02');
INSERT INTO evidencija.izvrsenje VALUES
  (4711, 'KPZ Sremska Mitrovica', 'I', '2023-02-03', 48, '2023-02-03', '2025-10-03', '2027-02-02');
INSERT INTO evidencija.krivicno_delo VALUES
  (4711, 2, 'KZ-204', 'Тешка крађа', 'чл. 204 КЗ'),
  (4711, 1, 'KZ-203', 'Крађа', 'чл. 203 КЗ');
INSERT INTO evidencija.procena_rizika VALUES
  (4711, 'OASys', '2.1', '2024-01-10', 'HIGH', true, '2025-01-10'),
  (4711, 'OASys', '2.1', '2025-01-12', 'MEDIUM', false, NULL);
