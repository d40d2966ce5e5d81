import type { IdentifierScheme } from '../../adapters/sdk/index.js';

export type NationalIdCheck =
  | { ok: true; scheme: IdentifierScheme; value: string; warning?: string }
  | { ok: false; reason: string };

const WEIGHTS = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Removes the separators people type (spaces, dots, dashes) and upper-cases letters. */
export function normaliseNationalId(value: string): string {
  return value.replace(/[\s.\-/]/g, '').toUpperCase();
}

/**
 * Validates a national identifier of the region. JMBG/EMBG: 13 digits DDMMYYYRRBBBK, a real date,
 * and the mod-11 check digit (remainder 1 has no valid check digit; remainder 0 → 0). Kosovo*
 * personal numbers: 10 digits. Albanian NID: letter, 8 digits, letter. Invalid identifiers are
 * reported, never guessed or repaired.
 */
export function checkNationalId(scheme: IdentifierScheme, raw: string): NationalIdCheck {
  if (raw.length > 64) return { ok: false, reason: 'identifier too long' };
  const value = normaliseNationalId(raw);
  switch (scheme) {
    case 'JMBG':
    case 'EMBG': {
      if (!/^\d{13}$/.test(value)) return { ok: false, reason: `${scheme} must be 13 digits` };
      const d = [...value].map(Number);
      const day = d[0]! * 10 + d[1]!;
      const month = d[2]! * 10 + d[3]!;
      const y = d[4]! * 100 + d[5]! * 10 + d[6]!;
      const year = y >= 800 ? 1000 + y : 2000 + y;
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { ok: false, reason: `${scheme} has no valid date of birth` };
      const sum = WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0);
      const remainder = sum % 11;
      if (remainder === 1) return { ok: false, reason: `${scheme} check digit cannot be valid` };
      const check = remainder === 0 ? 0 : 11 - remainder;
      if (check !== d[12]) return { ok: false, reason: `${scheme} check digit does not match` };
      return { ok: true, scheme, value };
    }
    case 'KOSOVO_PN':
      return /^\d{10}$/.test(value) ? { ok: true, scheme, value } : { ok: false, reason: 'KOSOVO_PN must be 10 digits' };
    case 'AL_NID':
      return /^[A-Z]\d{8}[A-Z]$/.test(value) ? { ok: true, scheme, value } : { ok: false, reason: 'AL_NID must be a letter, 8 digits and a letter' };
  }
}

/** JMBG and EMBG share one number space; the others are their own. */
export function schemeFamily(scheme: IdentifierScheme): string {
  return scheme === 'EMBG' ? 'JMBG' : scheme;
}
