/**
 * Derives one person's rows in the centre for social work's system: the client, the case file,
 * the needs assessment, services, and the referrals that brought them in or sent them on.
 * Consistent with the life story: people about to leave prison were referred by the prison
 * (housing, identity documents) and by probation (employment); parolees by probation; people
 * the NGO knows were referred on to it. Pure and deterministic per person.
 */
import { dayToIso, lastUpdated } from './dates.js';
import { mixSeed, Rng } from './rng.js';
import type { SqlRow } from './sqlTables.js';
import { toCyrillic } from './transliterate.js';
import type { World, WorldPerson } from './types.js';

export interface WelfareRows {
  client: SqlRow;
  caseFile: SqlRow;
  needs: SqlRow[];
  services: SqlRow[];
  referrals: SqlRow[];
}

const SALT = 0x4353;

export const WELFARE_DOCUMENT_CODES = { JMBG: 'JMBG', EMBG: 'EMBG', KOSOVO_PN: 'LBK', AL_NID: 'ALB' } as const;
export const WELFARE_COUNTRY_CODES = { RS: 'SRB', BA: 'BIH', ME: 'MNE', MK: 'MKD', XK: 'XKX', AL: 'ALB' } as const;

type Domain = 'STAN' | 'ZAP' | 'OBR' | 'POR' | 'MAT' | 'DOK' | 'ZDR';
const DOMAINS: readonly Domain[] = ['STAN', 'ZAP', 'OBR', 'POR', 'MAT', 'DOK', 'ZDR'];
const LEVELS = ['nema', 'nizak', 'srednji', 'visok'] as const;

/** Services the centre arranges per need domain: [type, provider]. */
const SERVICES: Readonly<Record<Domain, readonly (readonly [string, string | null])[]>> = {
  STAN: [['Smeštaj u prihvatilište za odrasla lica', 'Prihvatilište za odrasle'], ['Pomoć za plaćanje zakupa', null]],
  ZAP: [['Posredovanje u zapošljavanju', 'Nacionalna služba za zapošljavanje'], ['Obuka za tržište rada', 'Udruženje Novi korak']],
  OBR: [['Funkcionalno osnovno obrazovanje odraslih', 'Škola za osnovno obrazovanje odraslih']],
  POR: [['Porodično savetovanje', null], ['Posredovanje u porodičnim odnosima', 'Savetovalište za brak i porodicu']],
  MAT: [['Novčana socijalna pomoć', null], ['Jednokratna novčana pomoć', null]],
  DOK: [['Pribavljanje ličnih dokumenata', null], ['Upis u matične knjige', 'Matična služba opštine']],
  ZDR: [['Upućivanje u centar za mentalno zdravlje', 'Dom zdravlja'], ['Prijava na zdravstveno osiguranje', 'Republički fond za zdravstveno osiguranje']],
};

/** Departments of the (one, invented) municipal centre; residence does not decide the department. */
const CENTRES = ['Centar', 'Novi Grad', 'Stari Grad', 'Sever', 'Jug'].map((d) => `Centar za socijalni rad – Odeljenje ${d}`);

const REFERRAL_STATES = [['POSLATA', 20], ['PRIHVACENA', 45], ['ODBIJENA', 5], ['REALIZOVANA', 30]] as const;

export function welfareRowsOf(world: World, p: WorldPerson): WelfareRows | null {
  if (p.refs.welfare === null) return null;
  const rng = new Rng(mixSeed(world.seed, p.index, SALT));
  const today = world.todayDay;
  const id = Number(p.refs.welfare);
  const lang = p.community === 'MACEDONIAN' ? 'mk' : 'sr';

  // When the centre opened the case follows the story: before release for prisoners, after for others.
  let opened: number;
  if (p.story === 'RELEASE_SOON') opened = Math.max(p.admissionDay! + 30, Math.min(today, p.releaseDay! - rng.int(30, 170)));
  else if (p.story === 'PAROLE' || p.story === 'RELEASED') opened = Math.min(today, p.releaseDay! + rng.int(-60, 60));
  else if (p.story === 'CUSTODY' || p.story === 'REMAND') opened = Math.max(p.admissionDay!, today - rng.int(10, 600));
  else opened = today - rng.int(30, 3000);

  const status =
    p.story === 'RELEASE_SOON' ? rng.weighted([['C', 50], ['A', 50]] as const)
    : p.story === 'PAROLE' ? 'A'
    : rng.weighted([['A', 65], ['C', 10], ['Z', 25]] as const);
  const closed = status === 'Z' ? Math.min(today, opened + rng.int(60, 900)) : null;

  const centre = rng.pick(CENTRES);
  const client: SqlRow = {
    id,
    jmbg: p.nationalId.value,
    vrsta_isprave: WELFARE_DOCUMENT_CODES[p.nationalId.scheme],
    drzava: WELFARE_COUNTRY_CODES[p.nationalId.country],
    ime: p.welfareCyrillic ? toCyrillic(p.givenName, lang) : p.givenName,
    prezime: p.welfareCyrillic ? toCyrillic(p.familyName, lang) : p.familyName,
    pismo: p.welfareCyrillic ? 'ЋИР' : 'LAT',
    datum_rodjenja: p.dateOfBirth,
    pol: p.sex === 'MALE' ? 'M' : 'Ž',
    opstina: p.municipality,
    azurirano: lastUpdated(rng, opened, closed ?? today),
  };
  const caseFile: SqlRow = {
    korisnik_id: id,
    broj_predmeta: `551-${String(rng.int(1, 99)).padStart(3, '0')}-${String(id).padStart(6, '0')}/${dayToIso(opened).slice(0, 4)}`,
    centar: centre,
    status,
    datum_otvaranja: dayToIso(opened),
    datum_zatvaranja: closed === null ? null : dayToIso(closed),
    azurirano: lastUpdated(rng, opened, closed ?? today),
  };

  // Needs: leaving custody always means housing, documents and work; HEALTH for about a third.
  const leaving = p.story === 'RELEASE_SOON' || p.story === 'PAROLE' || p.story === 'RELEASED';
  const domains = new Set<Domain>(leaving ? ['STAN', 'DOK', 'ZAP'] : []);
  for (const d of DOMAINS) if (rng.chance(d === 'ZDR' ? 0.35 : 0.3)) domains.add(d);
  if (domains.size === 0) domains.add(rng.pick(DOMAINS));
  const assessed = Math.min(today, opened + rng.int(0, 30));
  const needs: SqlRow[] = [];
  const services: SqlRow[] = [];
  for (const d of DOMAINS) {
    if (!domains.has(d)) continue;
    const level = leaving && (d === 'STAN' || d === 'DOK') ? rng.int(2, 3) : rng.int(0, 3);
    needs.push({ korisnik_id: id, oblast: d, nivo: LEVELS[level]!, datum_procene: dayToIso(assessed) });
    if (level >= 2 && rng.chance(0.6)) {
      const [type, provider] = rng.pick(SERVICES[d]);
      const start = Math.min(today, assessed + rng.int(0, 60));
      const state = closed !== null ? rng.weighted([['Z', 80], ['O', 20]] as const) : start > today - 14 ? 'P' : rng.weighted([['A', 60], ['Z', 30], ['O', 10]] as const);
      services.push({
        korisnik_id: id, vrsta: type, oblast: d, pruzalac: provider ?? centre,
        datum_od: dayToIso(start),
        datum_do: state === 'Z' || state === 'O' ? dayToIso(Math.min(today, closed ?? start + rng.int(30, 365))) : null,
        status: state,
      });
    }
  }

  const referrals: SqlRow[] = [];
  const refer = (from: string, to: string, domain: string, day: number, note: string | null): void => {
    const d = Math.max(opened - 30, Math.min(today, day));
    referrals.push({
      korisnik_id: id, od_ustanove: from, ka_ustanovi: to, oblast: domain, datum_upucivanja: dayToIso(d),
      status: d > today - 7 ? 'POSLATA' : rng.weighted(REFERRAL_STATES), napomena: note, azurirano: lastUpdated(rng, d, today),
    });
  };
  if (p.refs.prison !== null && (p.story === 'RELEASE_SOON' || p.story === 'PAROLE' || (p.story === 'RELEASED' && rng.chance(0.5)))) {
    const before = p.releaseDay! - rng.int(45, 150);
    refer('KPZ', 'CSR', 'STAN', before, 'Priprema za otpust – smeštaj nakon izlaska');
    if (rng.chance(0.7)) refer('KPZ', 'CSR', 'DOK', before + rng.int(0, 20), 'Lična karta istekla tokom izdržavanja kazne');
  }
  if (p.refs.probation !== null && p.story !== 'WELFARE') {
    const around = p.releaseDay ?? opened;
    refer('POV', 'CSR', rng.chance(0.7) ? 'ZAP' : 'STAN', around - rng.int(0, 60), null);
  }
  if (p.refs.ngo !== null && rng.chance(0.7)) refer('CSR', 'NVO', rng.pick(['POR', 'ZAP', 'OST'] as const), opened + rng.int(10, 120), null);
  if (status === 'A' && p.refs.probation !== null && rng.chance(0.15)) refer('CSR', 'POV', 'NADZ', today - rng.int(1, 90), 'Obaveštenje o promeni adrese');
  return { client, caseFile, needs, services, referrals };
}
