/**
 * Albanian personal numbers (scheme AL_NID): a letter, 8 digits, a letter, e.g. "J50314059A".
 * As issued: the first letter is the decade of birth (A = 1900s … G = 1960s … K = 2000s), then
 * the last digit of the year, the month (plus 50 for women), the day, a 3-digit serial and a
 * check letter. The check letter here is the demo's own (weighted sum mod 23 over A–W); the
 * official algorithm is not reproduced, only the shape and the date/sex encoding.
 */
import { dayToIso } from './dates.js';
import type { Rng } from './rng.js';

const DECADES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CHECK_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVW';

function checkLetter(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const c = first9.charCodeAt(i);
    const v = i === 0 ? c - 64 : c - 48;
    sum += (i + 1) * v;
  }
  return CHECK_LETTERS.charAt(sum % 23);
}

/** Letter, 8 digits, letter, with a plausible month/day and the demo's check letter. */
export function isAlbanianNid(value: string): boolean {
  if (!/^[A-Z]\d{8}[A-Z]$/.test(value)) return false;
  const mm = Number(value.slice(2, 4));
  const dd = Number(value.slice(4, 6));
  const month = mm > 50 ? mm - 50 : mm;
  if (month < 1 || month > 12 || dd < 1 || dd > 31) return false;
  return checkLetter(value.slice(0, 9)) === value.charAt(9);
}

/** A fresh number encoding the date of birth and sex, not in `taken` (and added to it). */
export function makeAlbanianNid(rng: Rng, dobDay: number, sex: 'MALE' | 'FEMALE', taken: Set<string>): string {
  const iso = dayToIso(dobDay);
  const year = Number(iso.slice(0, 4));
  const decade = DECADES.charAt(Math.floor((year - 1900) / 10));
  const month = Number(iso.slice(5, 7)) + (sex === 'FEMALE' ? 50 : 0);
  const head = `${decade}${year % 10}${String(month).padStart(2, '0')}${iso.slice(8, 10)}`;
  for (;;) {
    const first9 = head + rng.digits(3);
    const value = first9 + checkLetter(first9);
    if (taken.has(value)) continue;
    taken.add(value);
    return value;
  }
}
