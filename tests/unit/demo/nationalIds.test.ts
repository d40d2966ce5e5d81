/**
 * Identifier formats of the demo world: JMBG/EMBG, Kosovo* personal numbers, Albanian NIDs.
 * *This designation is without prejudice to positions on status, and is in line with
 * UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/demo/rng.js';
import { isValidJmbg, jmbgCheckDigit, makeJmbg } from '../../../src/demo/jmbg.js';
import { isAlbanianNid, makeAlbanianNid } from '../../../src/demo/albanianNid.js';
import { isKosovoPersonalNumber, makeKosovoPersonalNumber } from '../../../src/demo/kosovoPersonalNumber.js';
import { isoToDay } from '../../../src/demo/dates.js';

describe('JMBG / EMBG', () => {
  it('computes the mod-11 check digit (hand-computed cases)', () => {
    // 0·7+1·6+0·5+1·4+9·3+9·2+0·7+7·6+1·5+0·4+0·3+0·2 = 102, 102 mod 11 = 3 → 8
    expect(jmbgCheckDigit('010199071000')).toBe(8);
    expect(jmbgCheckDigit('010199071004')).toBe(0); // remainder 0 → 0
    expect(jmbgCheckDigit('010199071013')).toBeNull(); // remainder 1 → no valid check digit
    expect(() => jmbgCheckDigit('12345')).toThrow();
  });

  it('validates format, date and check digit', () => {
    expect(isValidJmbg('0101990710008')).toBe(true);
    expect(isValidJmbg('0101990710007')).toBe(false);
    expect(isValidJmbg('3102990710008')).toBe(false); // 31 February
    expect(isValidJmbg('010199071000')).toBe(false);
    expect(isValidJmbg('010199071000a')).toBe(false);
  });

  it('generates valid, unique numbers encoding date, region and sex', () => {
    const rng = new Rng(7);
    const taken = new Set<string>();
    const dob = isoToDay('1987-03-14');
    for (let i = 0; i < 2000; i++) {
      const v = makeJmbg(rng, dob, 'MK', i % 2 === 0 ? 'MALE' : 'FEMALE', taken);
      expect(isValidJmbg(v)).toBe(true);
      expect(v.slice(0, 7)).toBe('1403987');
      const region = Number(v.slice(7, 9));
      expect(region >= 41 && region <= 49).toBe(true);
      expect(Number(v.slice(9, 12)) >= 500).toBe(i % 2 === 1);
    }
    expect(taken.size).toBe(2000);
  });
});

describe('Kosovo* personal numbers and Albanian NIDs', () => {
  it('makes 10-digit Kosovo* personal numbers', () => {
    const rng = new Rng(3);
    const taken = new Set<string>();
    for (let i = 0; i < 500; i++) expect(isKosovoPersonalNumber(makeKosovoPersonalNumber(rng, taken))).toBe(true);
    expect(isKosovoPersonalNumber('123456789')).toBe(false);
  });

  it('makes Albanian NIDs: letter, 8 digits, letter, with decade, month (+50 women) and day', () => {
    const rng = new Rng(5);
    const taken = new Set<string>();
    const man = makeAlbanianNid(rng, isoToDay('1995-03-14'), 'MALE', taken);
    const woman = makeAlbanianNid(rng, isoToDay('1968-11-02'), 'FEMALE', taken);
    expect(man).toMatch(/^J50314\d{3}[A-W]$/);
    expect(woman).toMatch(/^G86102\d{3}[A-W]$/);
    expect(isAlbanianNid(man) && isAlbanianNid(woman)).toBe(true);
    expect(isAlbanianNid('J5031405A')).toBe(false);
  });
});
