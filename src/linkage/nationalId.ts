import type { IdentifierScheme } from '../../adapters/sdk/index.js';

export type NationalIdCheck =
  | { ok: true; scheme: IdentifierScheme; value: string; warning?: string }
  | { ok: false; reason: string };

const WEIGHTS = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/**
 * Register regions (RR) of the JMBG, by block: 0x naturalised citizens and foreigners,
 * 1x Bosnia and Herzegovina, 2x Montenegro, 3x Croatia, 4x North Macedonia, 5x Slovenia,
 * 7x central Serbia, 8x Vojvodina, 9x Kosovo*. The 6x block was never assigned.
 * (*See the README for the designation note.)
 */
const UNASSIGNED_REGION_BLOCK = 6;

/** Removes the separators people type (spaces, dots, dashes) and upper-cases letters. */
export function normaliseNationalId(value: string): string {
  return value.replace(/[\s.\-/]/g, '').toUpperCase();
}

/**
 * Validates a national identifier of the region. Invalid identifiers are reported, never guessed
 * or repaired.
 *
 * JMBG/EMBG: 13 digits DDMMYYYRRBBBK, a real date of birth, a register region RR outside the
 * unassigned 6x block, and the mod-11 check digit (weights 7 6 5 4 3 2 7 6 5 4 3 2, r = sum mod 11,
 * K = 11 − r; r = 0 → K = 0). When r = 1 the check digit would be 10: the standard says such
 * numbers are not issued, yet some offices issued them with K = 0. Those are accepted with a
 * `warning` (to be surfaced to the caller); any other K for r = 1 is rejected.
 *
 * Kosovo* personal numbers: 10 digits. Albanian NID: a letter (decade of birth), 8 digits
 * encoding year digit, month (+50 for women) and day, which must form a real date, and a letter.
 */
export function checkNationalId(scheme: IdentifierScheme, raw: string): NationalIdCheck {
  if (raw.length > 64) return { ok: false, reason: 'identifier too long' };
  const value = normaliseNationalId(raw);
  switch (scheme) {
    case 'JMBG':
    case 'EMBG':
      return checkJmbg(scheme, value);
    case 'KOSOVO_PN':
      return /^\d{10}$/.test(value) ? { ok: true, scheme, value } : { ok: false, reason: 'KOSOVO_PN must be 10 digits' };
    case 'AL_NID':
      return checkAlbanianNid(value);
  }
}

function checkJmbg(scheme: 'JMBG' | 'EMBG', value: string): NationalIdCheck {
  if (!/^\d{13}$/.test(value)) return { ok: false, reason: `${scheme} must be 13 digits` };
  const d = [...value].map(Number);
  const day = d[0]! * 10 + d[1]!;
  const month = d[2]! * 10 + d[3]!;
  const y = d[4]! * 100 + d[5]! * 10 + d[6]!;
  if (!isRealDate(y >= 800 ? 1000 + y : 2000 + y, month, day)) return { ok: false, reason: `${scheme} has no valid date of birth` };
  if (d[7] === UNASSIGNED_REGION_BLOCK) return { ok: false, reason: `${scheme} region ${value.slice(7, 9)} is not a register region` };
  const remainder = WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0) % 11;
  if (remainder === 1) {
    if (d[12] !== 0) return { ok: false, reason: `${scheme} check digit does not match` };
    return { ok: true, scheme, value, warning: `${scheme} check digit computes to 10 and is written 0: issued by some offices, but outside the standard; verify the number against a document` };
  }
  const check = remainder === 0 ? 0 : 11 - remainder;
  if (check !== d[12]) return { ok: false, reason: `${scheme} check digit does not match` };
  return { ok: true, scheme, value };
}

function checkAlbanianNid(value: string): NationalIdCheck {
  if (!/^[A-Z]\d{8}[A-Z]$/.test(value)) return { ok: false, reason: 'AL_NID must be a letter, 8 digits and a letter' };
  const year = 1900 + (value.charCodeAt(0) - 65) * 10 + Number(value[1]);
  const mm = Number(value.slice(2, 4));
  const month = mm > 50 ? mm - 50 : mm;
  if (!isRealDate(year, month, Number(value.slice(4, 6)))) return { ok: false, reason: 'AL_NID has no valid date of birth' };
  return { ok: true, scheme: 'AL_NID', value };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** JMBG and EMBG share one number space; the others are their own. */
export function schemeFamily(scheme: IdentifierScheme): string {
  return scheme === 'EMBG' ? 'JMBG' : scheme;
}
