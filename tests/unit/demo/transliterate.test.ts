import { describe, expect, it } from 'vitest';
import { isCyrillic, toCyrillic, toLegacyAscii } from '../../../src/demo/transliterate.js';

describe('transliteration', () => {
  it('spells Serbian names in Cyrillic with digraphs as single letters', () => {
    expect(toCyrillic('Ljubisavljević', 'sr')).toBe('Љубисављевић');
    expect(toCyrillic('Đorđe Nješković', 'sr')).toBe('Ђорђе Њешковић');
    expect(toCyrillic('Džodić', 'sr')).toBe('Џодић');
  });

  it('spells Macedonian names with ѓ, ќ, ѕ', () => {
    expect(toCyrillic('Gjorgjievski', 'mk')).toBe('Ѓорѓиевски');
    expect(toCyrillic('Kjosevska', 'mk')).toBe('Ќосевска');
    expect(toCyrillic('Dzvezda', 'mk')).toBe('Ѕвезда');
    expect(isCyrillic('Трајче')).toBe(true);
    expect(isCyrillic('Trajče')).toBe(false);
  });

  it('makes the prison register’s upper-case ASCII', () => {
    expect(toLegacyAscii('Hodžić')).toBe('HODZIC');
    expect(toLegacyAscii('Đorđević')).toBe('DJORDJEVIC');
    expect(toLegacyAscii('Gëzim Bytyçi')).toBe('GEZIM BYTYCI');
    expect(toLegacyAscii('Skopje – Čair')).toBe('SKOPJE - CAIR');
  });
});
