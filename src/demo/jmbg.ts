/**
 * The unique master citizen number (JMBG; EMBG in North Macedonia): 13 digits DDMMYYYRRBBBK.
 * DD MM YYY: date of birth (YYY = last three digits of the year); RR: political region
 * (Bosnia and Herzegovina 10–19, Montenegro 21–29, North Macedonia 41–49, Serbia 71–79 and
 * Vojvodina 80–89); BBB: serial, 000–499 male, 500–999 female; K: check digit.
 *
 * Check digit: weights 7,6,5,4,3,2,7,6,5,4,3,2 over the first twelve digits, r = sum mod 11;
 * r = 0 → 0, r = 1 → no valid check digit (such a serial is never issued), otherwise 11 − r.
 * The gateway's linkage module has its own validator; this one belongs to the demo world only.
 */
import { dayToIso } from './dates.js';
import type { Rng } from './rng.js';

const WEIGHTS = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Check digit for the first 12 digits, or null when the combination admits none (r = 1). */
export function jmbgCheckDigit(first12: string): number | null {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`JMBG prefix must be 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += WEIGHTS[i]! * (first12.charCodeAt(i) - 48);
  const r = sum % 11;
  if (r === 0) return 0;
  if (r === 1) return null;
  return 11 - r;
}

/** Calendar year encoded by YYY: 9xx → 19xx, 0xx → 20xx (the scheme's own convention). */
export function jmbgYear(yyy: number): number {
  return yyy >= 800 ? 1000 + yyy : 2000 + yyy;
}

/** 13 digits, a real calendar date of birth, and the right check digit. */
export function isValidJmbg(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const dd = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  const year = jmbgYear(Number(value.slice(4, 7)));
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return false;
  return jmbgCheckDigit(value.slice(0, 12)) === Number(value.charAt(12));
}

/** Region digit ranges per issuing country. */
export const JMBG_REGIONS: Readonly<Record<'RS' | 'BA' | 'ME' | 'MK', readonly [number, number]>> = {
  BA: [10, 19],
  ME: [21, 29],
  MK: [41, 49],
  RS: [71, 89],
};

/**
 * A fresh valid JMBG/EMBG for the date of birth, country and sex, not in `taken` (and added to it).
 * Serials whose check digit does not exist are skipped, as the issuing offices do.
 */
export function makeJmbg(
  rng: Rng,
  dobDay: number,
  country: keyof typeof JMBG_REGIONS,
  sex: 'MALE' | 'FEMALE',
  taken: Set<string>,
): string {
  const iso = dayToIso(dobDay);
  const datePart = iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(1, 4);
  const [lo, hi] = JMBG_REGIONS[country];
  for (;;) {
    const region = rng.int(lo, hi);
    const serial = sex === 'MALE' ? rng.int(0, 499) : rng.int(500, 999);
    const first12 = datePart + String(region).padStart(2, '0') + String(serial).padStart(3, '0');
    const check = jmbgCheckDigit(first12);
    if (check === null) continue;
    const value = first12 + String(check);
    if (taken.has(value)) continue;
    taken.add(value);
    return value;
  }
}
