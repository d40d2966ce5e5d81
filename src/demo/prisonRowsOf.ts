/**
 * Derives one person's rows in the prison register from the world: the custody episode of their
 * life story, the offences, risk assessments and prison programmes. Pure and deterministic
 * (own random stream per person), so seeding, tests and benchmarks all see the same rows.
 */
import { dayToIso, DAYS_PER_MONTH, lastUpdated } from './dates.js';
import { FACILITIES } from './places.js';
import { mixSeed, Rng } from './rng.js';
import type { SqlRow } from './sqlTables.js';
import { toLegacyAscii } from './transliterate.js';
import type { World, WorldPerson } from './types.js';

export interface PrisonRows {
  master: SqlRow;
  sentence: SqlRow;
  offences: SqlRow[];
  assessments: SqlRow[];
  programmes: SqlRow[];
}

const SALT = 0x5a47;

export const ID_SCHEME_CODES = { JMBG: 'JMBG', EMBG: 'EMBG', KOSOVO_PN: 'KPN', AL_NID: 'ANID' } as const;
export const PRISON_COUNTRY_CODES = { RS: 'SRB', BA: 'BIH', ME: 'MNE', MK: 'MKD', XK: 'KOS', AL: 'ALB' } as const;

/** Criminal-code articles (illustrative references to the Serbian and BiH codes). */
const TERROR_OFFENCES = [
  ['TER391', 'KZ RS CL. 391', 'TERORIZAM'],
  ['TER391A', 'KZ RS CL. 391A', 'JAVNO PODSTICANJE NA IZVRSENJE TERORISTICKIH DELA'],
  ['TER391B', 'KZ RS CL. 391B', 'VRBOVANJE I OBUCAVANJE ZA VRSENJE TERORISTICKIH DELA'],
  ['TER393', 'KZ RS CL. 393', 'FINANSIRANJE TERORIZMA'],
  ['TER393A', 'KZ RS CL. 393A', 'TERORISTICKO UDRUZIVANJE'],
  ['SUK386A', 'KZ RS CL. 386A', 'UCESTVOVANJE U RATU ILI ORUZANOM SUKOBU U STRANOJ DRZAVI'],
  ['BH201', 'KZ BIH CL. 201', 'TERORIZAM'],
  ['BH162B', 'KZ BIH CL. 162B', 'NEZAKONITO FORMIRANJE I PRIKLJUCIVANJE STRANIM PARAVOJNIM FORMACIJAMA'],
  ['BH202D', 'KZ BIH CL. 202D', 'ORGANIZOVANJE TERORISTICKE GRUPE'],
] as const;
const OTHER_OFFENCES = [
  ['UBI113', 'KZ RS CL. 113', 'UBISTVO'],
  ['TTP121', 'KZ RS CL. 121', 'TESKA TELESNA POVREDA'],
  ['NAS344', 'KZ RS CL. 344', 'NASILNICKO PONASANJE'],
  ['ORU348', 'KZ RS CL. 348', 'NEDOZVOLJENA PROIZVODNJA, DRZANJE I PROMET ORUZJA I EKSPLOZIVNIH MATERIJA'],
  ['MRZ317', 'KZ RS CL. 317', 'IZAZIVANJE NACIONALNE, RASNE I VERSKE MRZNJE I NETRPELJIVOSTI'],
] as const;

/** Programme catalogue: [PRG_CD, NAZIV, TIP_CD, sessions planned]. */
const PROGRAMMES = [
  ['OBR01', 'OSNOVNO OBRAZOVANJE ODRASLIH', 'OBR', 60],
  ['OBR02', 'SREDNJE STRUCNO OBRAZOVANJE', 'OBR', 80],
  ['STR01', 'OBUKA ZA ZAVARIVACA', 'STR', 40],
  ['STR02', 'OBUKA ZA PEKARA', 'STR', 30],
  ['STR03', 'RACUNARSKA OBUKA', 'STR', 24],
  ['PSI01', 'PROGRAM UPRAVLJANJA BESOM', 'PSI', 12],
  ['PSI02', 'KOGNITIVNO-BIHEJVIORALNI TRETMAN', 'PSI', 20],
  ['POR01', 'SAVETOVANJE PORODICE I PRODUZENE POSETE', 'POR', 10],
] as const;
const NGO_PROGRAMMES = [
  ['DEZ01', 'PROGRAM DEZANGAZOVANJA OD NASILNOG EKSTREMIZMA', 'DEZ', 24],
  ['MEN01', 'MENTORSKI PROGRAM PRED OTPUST', 'MEN', 16],
] as const;
const IN_HOUSE = 'SLUZBA ZA TRETMAN';
const NGO_PROVIDER = 'UDRUZENJE NOVI KORAK';

const VERA = ['LOW', 'MODERATE', 'HIGH'] as const;
const ERG_LEVELS = ['low', 'moderate', 'high'] as const;

export function prisonRowsOf(world: World, p: WorldPerson): PrisonRows | null {
  if (p.refs.prison === null || p.admissionDay === null) return null;
  const rng = new Rng(mixSeed(world.seed, p.index, SALT));
  const today = world.todayDay;
  const INM_NO = Number(p.refs.prison);
  const admission = p.admissionDay;
  const inCustody = p.story === 'RELEASE_SOON' || p.story === 'CUSTODY' || p.story === 'REMAND';
  const released = p.story === 'PAROLE' || p.story === 'RELEASED';
  const end = released && p.releaseDay !== null ? p.releaseDay : today; // last day in custody so far
  const months = p.sentenceMonths;
  const days = months === null ? null : Math.round(months * DAYS_PER_MONTH);

  const master: SqlRow = {
    INM_NO,
    NAC_ID: p.nationalId.value,
    ID_SCHEME: ID_SCHEME_CODES[p.nationalId.scheme],
    CTRY_CD: PRISON_COUNTRY_CODES[p.nationalId.country],
    PREZIME: toLegacyAscii(p.familyName),
    IME: toLegacyAscii(p.givenName),
    DAT_ROD: p.dateOfBirth,
    POL: p.sex === 'MALE' ? 'M' : 'Z',
    OPSTINA: toLegacyAscii(p.municipality),
    DAT_AZUR: lastUpdated(rng, admission, end),
  };

  // Offences first: whether the case is terrorism-related shapes parole and assessments.
  const terror = rng.chance(p.story === 'RELEASE_SOON' || p.story === 'PAROLE' ? 0.75 : 0.6);
  const offences: SqlRow[] = [];
  const main = terror
    ? p.nationalId.country === 'BA' && rng.chance(0.6) ? TERROR_OFFENCES[6 + rng.int(0, 2)]! : TERROR_OFFENCES[rng.int(0, 5)]!
    : rng.pick(OTHER_OFFENCES);
  const codes = new Set<string>([main[0]]);
  offences.push({ INM_NO, SEQ: 1, ART_CODE: main[0], KZ_CLAN: main[1], OPIS: main[2] });
  for (let extra = rng.int(0, 2); extra > 0; extra--) {
    const o = rng.chance(0.5) ? rng.pick(OTHER_OFFENCES) : rng.pick(TERROR_OFFENCES);
    if (codes.has(o[0])) continue;
    codes.add(o[0]);
    offences.push({ INM_NO, SEQ: offences.length + 1, ART_CODE: o[0], KZ_CLAN: o[1], OPIS: o[2] });
  }

  const facility =
    p.sex === 'FEMALE' ? 'KPZ-Z'
    : p.story === 'REMAND' ? rng.pick(['OZ-I', 'OZ-Z'])
    : rng.pick(FACILITIES.filter((f) => !f.women && f.code.startsWith('KPZ'))).code;
  const status =
    p.story === 'REMAND' ? 'PR'
    : released ? 'OT'
    : p.story === 'CUSTODY' && rng.chance(0.02) ? 'PM'
    : 'IZ';
  const fullTerm = days === null ? null : admission + days;
  const paroleDay = days === null ? null : admission + Math.round((days * 2) / 3);
  // Parole is excluded for some terrorism convictions still in custody (never for PAROLE stories).
  const paroleExcluded = terror && inCustody && rng.chance(0.3);
  const sentence: SqlRow = {
    INM_NO,
    FAC_CD: facility,
    STATUS_CD: status,
    SENT_MONTHS: months,
    DAT_PRIJEM: dayToIso(admission),
    DAT_POC: days === null ? null : dayToIso(admission),
    DAT_NAJR: paroleDay === null ? null : dayToIso(paroleExcluded ? fullTerm! : paroleDay),
    DAT_OCEK: released ? dayToIso(p.releaseDay!) : fullTerm === null ? null : dayToIso(p.releaseDay ?? fullTerm),
    DAT_USL: paroleDay === null || paroleExcluded ? null : dayToIso(paroleDay),
    DAT_AZUR: lastUpdated(rng, admission, end),
  };

  const assessments: SqlRow[] = [];
  const screening = admission + rng.int(3, 14);
  assessments.push({
    INM_NO, INSTR_CD: 'SKRIN', INSTR_VER: '3', DAT_PROC: dayToIso(screening), STATUS: 'Z',
    OCENA: terror ? 'UPUCEN NA SPECIJALIZOVANU PROCENU' : rng.pick(['BEZ POSEBNIH NALAZA', 'UPUCEN NA SPECIJALIZOVANU PROCENU']),
    ULOGA_CD: 'PSIH', DAT_REV: null, DAT_AZUR: lastUpdated(rng, screening, end),
  });
  if (p.story !== 'REMAND' && terror) {
    const dates: number[] = [];
    for (let d = admission + rng.int(30, 90); d <= end; d += rng.int(180, 365)) dates.push(d);
    const recent = dates.slice(-4);
    let level = rng.int(0, 2);
    recent.forEach((d, i) => {
      const last = i === recent.length - 1;
      const next = last ? d + rng.int(180, 365) : recent[i + 1]!;
      const state = last && inCustody ? rng.weighted([['Z', 82], ['U', 8], ['K', 10]] as const) : 'Z';
      if (rng.chance(0.35)) level = Math.max(0, Math.min(2, level + (rng.chance(0.6) ? -1 : 1)));
      assessments.push({
        INM_NO, INSTR_CD: 'VERA2R', INSTR_VER: '2.0',
        DAT_PROC: state === 'K' ? null : dayToIso(d),
        STATUS: state,
        OCENA: state === 'Z' ? VERA[level]! : null,
        ULOGA_CD: rng.pick(['PSIH', 'PSIH', 'SOCR', 'PEDA']),
        DAT_REV: dayToIso(state === 'K' ? d : Math.max(next, d + 1)),
        DAT_AZUR: lastUpdated(rng, d, end),
      });
    });
    if (rng.chance(0.4) && admission + 120 <= end) {
      const d = rng.int(admission + 90, Math.max(admission + 90, end - 30));
      assessments.push({
        INM_NO, INSTR_CD: 'ERG22', INSTR_VER: '1.1', DAT_PROC: dayToIso(d), STATUS: 'Z',
        OCENA: `Engagement: ${rng.pick(ERG_LEVELS)}; Intent: ${rng.pick(ERG_LEVELS)}; Capability: ${rng.pick(ERG_LEVELS)}`,
        ULOGA_CD: 'SPEC', DAT_REV: dayToIso(d + 365), DAT_AZUR: lastUpdated(rng, d, end),
      });
    }
  }

  const programmes: SqlRow[] = [];
  if (p.story !== 'REMAND') {
    const catalogue: (typeof PROGRAMMES[number] | typeof NGO_PROGRAMMES[number])[] = [];
    for (let k = rng.int(0, 3); k > 0; k--) catalogue.push(rng.pick(PROGRAMMES));
    if (p.refs.ngo !== null || (terror && rng.chance(0.3))) catalogue.push(rng.pick(NGO_PROGRAMMES));
    const seen = new Set<string>();
    for (const [code, name, type, planned] of catalogue) {
      if (seen.has(code) || admission + 30 >= end) continue;
      seen.add(code);
      const start = rng.int(admission + 30, end);
      const length = planned * 7;
      const finished = start + length <= end;
      const outcome = finished ? (rng.chance(0.8) ? 'Z' : 'O') : released ? 'O' : start > today - 7 && rng.chance(0.3) ? 'N' : 'U';
      const attended = outcome === 'Z' ? planned - rng.int(0, 2) : outcome === 'N' ? 0 : Math.min(planned, Math.floor(((Math.min(end, start + length) - start) / 7) * (0.6 + 0.4 * rng.next())));
      programmes.push({
        INM_NO, PRG_CD: code, NAZIV: name, TIP_CD: type,
        IZVODJAC: NGO_PROGRAMMES.some((n) => n[0] === code) ? NGO_PROVIDER : IN_HOUSE,
        DAT_OD: dayToIso(start),
        DAT_DO: outcome === 'Z' || outcome === 'O' ? dayToIso(Math.min(end, start + length)) : null,
        SES_PLAN: planned,
        SES_PRIS: attended,
        ISHOD: outcome,
        DAT_AZUR: lastUpdated(rng, start, end),
      });
    }
  }

  return { master, sentence, offences, assessments, programmes };
}
