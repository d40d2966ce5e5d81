/**
 * Places of the demo world: municipalities of residence per country (real, public place names,
 * used only as plausible addresses), and the prison establishments, which are invented.
 *
 * Kosovo* municipalities are given in their Albanian spelling.
 * *This designation is without prejudice to positions on status, and is in line with
 * UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.
 */
import type { Community, CountryCode } from './types.js';

export const MUNICIPALITIES: Readonly<Record<CountryCode, readonly string[]>> = {
  RS: ['Beograd – Zemun', 'Beograd – Palilula', 'Novi Sad', 'Niš', 'Kragujevac', 'Novi Pazar', 'Tutin', 'Sjenica', 'Preševo', 'Bujanovac', 'Kraljevo', 'Čačak'],
  BA: ['Sarajevo – Centar', 'Sarajevo – Novi Grad', 'Zenica', 'Tuzla', 'Bihać', 'Travnik', 'Mostar', 'Banja Luka', 'Bijeljina', 'Brčko', 'Kakanj', 'Visoko'],
  ME: ['Podgorica', 'Nikšić', 'Bijelo Polje', 'Rožaje', 'Plav', 'Bar', 'Ulcinj', 'Berane', 'Pljevlja'],
  MK: ['Skopje – Čair', 'Skopje – Centar', 'Kumanovo', 'Tetovo', 'Gostivar', 'Struga', 'Bitola', 'Ohrid', 'Štip', 'Veles'],
  XK: ['Prishtinë', 'Prizren', 'Ferizaj', 'Gjilan', 'Mitrovicë', 'Pejë', 'Gjakovë', 'Podujevë'],
  AL: ['Tiranë', 'Durrës', 'Elbasan', 'Shkodër', 'Kukës', 'Korçë', 'Vlorë', 'Fier'],
};

/** Where each community's members hold their identity documents from (weights). */
export const COUNTRY_BY_COMMUNITY: Readonly<Record<Community, readonly (readonly [CountryCode, number])[]>> = {
  ALBANIAN: [['XK', 35], ['AL', 30], ['MK', 25], ['ME', 5], ['RS', 5]],
  BOSNIAK: [['BA', 60], ['RS', 25], ['ME', 15]],
  MACEDONIAN: [['MK', 100]],
  MONTENEGRIN: [['ME', 90], ['RS', 10]],
  SERBIAN: [['RS', 80], ['BA', 12], ['ME', 8]],
};

/** Community shares of the demo population. */
export const COMMUNITY_WEIGHTS: readonly (readonly [Community, number])[] = [
  ['BOSNIAK', 30],
  ['ALBANIAN', 30],
  ['SERBIAN', 16],
  ['MACEDONIAN', 12],
  ['MONTENEGRIN', 12],
];

/**
 * Municipalities more likely for a community within a country (e.g. Albanians in North
 * Macedonia, Bosniaks in Serbia); others fall back to the whole country list.
 */
export const MUNICIPALITY_HINTS: Readonly<Partial<Record<`${Community}:${CountryCode}`, readonly string[]>>> = {
  'ALBANIAN:MK': ['Skopje – Čair', 'Tetovo', 'Gostivar', 'Struga', 'Kumanovo'],
  'ALBANIAN:RS': ['Preševo', 'Bujanovac'],
  'ALBANIAN:ME': ['Ulcinj', 'Plav'],
  'BOSNIAK:RS': ['Novi Pazar', 'Tutin', 'Sjenica'],
  'BOSNIAK:ME': ['Rožaje', 'Plav', 'Bijelo Polje', 'Berane'],
  'SERBIAN:BA': ['Banja Luka', 'Bijeljina', 'Brčko'],
  'MACEDONIAN:MK': ['Skopje – Centar', 'Kumanovo', 'Bitola', 'Ohrid', 'Štip', 'Veles'],
};

/** Prison establishments (invented): code → name, as in the prison's SIF_USTANOVA code table. */
export const FACILITIES: readonly { code: string; name: string; women: boolean }[] = [
  { code: 'KPZ-C', name: 'KAZNENO-POPRAVNI ZAVOD CENTAR', women: false },
  { code: 'KPZ-S', name: 'KAZNENO-POPRAVNI ZAVOD SEVER', women: false },
  { code: 'KPZ-J', name: 'KAZNENO-POPRAVNI ZAVOD JUG', women: false },
  { code: 'OZ-I', name: 'OKRUZNI ZATVOR ISTOK', women: false },
  { code: 'OZ-Z', name: 'OKRUZNI ZATVOR ZAPAD', women: false },
  { code: 'KPZ-Z', name: 'KAZNENO-POPRAVNI ZAVOD ZA ZENE', women: true },
];
