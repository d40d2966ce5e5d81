/**
 * Personal numbers issued in Kosovo* (scheme KOSOVO_PN, country code XK): 10 digits.
 * The demo generates them with a leading 1 and a trailing mod-10 check digit of its own; the
 * official allocation rules are not reproduced, only the shape.
 *
 * *This designation is without prejudice to positions on status, and is in line with
 * UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.
 */
import type { Rng } from './rng.js';

/** Demo check digit: weighted sum (weights 1..9) of the first nine digits, mod 10. */
function checkDigit(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (i + 1) * (first9.charCodeAt(i) - 48);
  return sum % 10;
}

/** Ten digits (the format); the demo's own check digit is verified too. */
export function isKosovoPersonalNumber(value: string): boolean {
  return /^\d{10}$/.test(value) && checkDigit(value.slice(0, 9)) === Number(value.charAt(9));
}

/** A fresh number not in `taken` (and added to it). */
export function makeKosovoPersonalNumber(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const first9 = `1${rng.digits(8)}`;
    const value = first9 + String(checkDigit(first9));
    if (taken.has(value)) continue;
    taken.add(value);
    return value;
  }
}
