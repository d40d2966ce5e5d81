/**
 * Names as agencies of the region type them: Serbian and Macedonian Cyrillic, Latin with and
 * without diacritics, Albanian ë and ç, names from Kosovo* records.
 * *This designation is without prejudice to positions on status, and is in line with
 * UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.
 */
import { describe, expect, it } from 'vitest';
import { foldName, jaroWinkler, nameSimilarity } from '../../../src/linkage/index.js';

const name = (givenName: string, familyName: string) => ({ givenName, familyName });

describe('foldName', () => {
  it('folds Đorđević, Djordjevic and Ђорђевић to one spelling', () => {
    expect(foldName('Đorđević')).toBe('djordjevic');
    expect(foldName('Djordjevic')).toBe('djordjevic');
    expect(foldName('Ђорђевић')).toBe('djordjevic');
    expect(foldName('ĐORĐEVIĆ')).toBe('djordjevic');
  });

  it('transliterates the Cyrillic digraph letters љ њ џ to lj nj dž, and folds dž with Dž and Џ', () => {
    expect(foldName('Љубица')).toBe(foldName('Ljubica'));
    expect(foldName('Његош')).toBe(foldName('Njegoš'));
    expect(foldName('Njegoš')).toBe('njegos');
    expect(foldName('Џемал')).toBe('dzemal');
    expect(foldName('Džemal')).toBe('dzemal');
    expect(foldName('DŽEMAL')).toBe('dzemal');
  });

  it('transliterates Macedonian ѓ ќ ѕ as gj kj dz', () => {
    expect(foldName('Ѓорѓиевски')).toBe('gjorgjievski');
    expect(foldName('Gjorgjievski')).toBe('gjorgjievski');
    expect(foldName('Ќосевски')).toBe('kjosevski');
    expect(foldName('Ѕвонко')).toBe('dzvonko');
  });

  it('folds the Albanian ë and ç, and č ć š ž', () => {
    expect(foldName('Çeliku')).toBe('celiku');
    expect(foldName('Hoxhë')).toBe('hoxhe');
    expect(foldName('Gëzim')).toBe('gezim');
    expect(foldName('Čačak Ćosić Šušnjar Žužić')).toBe('cacak cosic susnjar zuzic');
  });

  it('turns hyphens, apostrophes, dots and runs of spaces into single spaces', () => {
    expect(foldName('  Ana-Marija   O’Brien. ')).toBe('ana marija o brien');
  });
});

describe('nameSimilarity', () => {
  it('scores the same name in two scripts as equal', () => {
    expect(nameSimilarity(name('Marko', 'Đorđević'), name('Марко', 'Ђорђевић'))).toBe(1);
    expect(nameSimilarity(name('Gjorgji', 'Gjorgjievski'), name('Ѓорѓи', 'Ѓорѓиевски'))).toBe(1);
    expect(nameSimilarity(name('Ljubica', 'Njegoš'), name('LJUBICA', 'NJEGOS'))).toBe(1);
  });

  it('scores a name typed without the đ (Dordevic) high, but below the exact spelling', () => {
    const s = nameSimilarity(name('Marko', 'Đorđević'), name('Marko', 'Dordevic'));
    expect(s).toBeGreaterThan(0.9);
    expect(s).toBeLessThan(1);
  });

  it('matches Albanian and Serbian spellings of one name through their skeleton (Hoxha / Hodža)', () => {
    expect(nameSimilarity(name('Gëzim', 'Hoxha'), name('Gezim', 'Hodža'))).toBeGreaterThan(0.95);
    expect(nameSimilarity(name('Arben', 'Çeliku'), name('Arben', 'Celiku'))).toBe(1);
  });

  it('tolerates given and family name swapped, a little below the right order', () => {
    expect(nameSimilarity(name('Ana', 'Petrović'), name('Petrović', 'Ana'))).toBe(0.95);
  });

  it('keeps siblings with the same family name clearly below one person', () => {
    expect(nameSimilarity(name('Jelena', 'Petrović'), name('Jovana', 'Petrović'))).toBeLessThan(0.8);
    expect(nameSimilarity(name('Marko', 'Petrović'), name('Nikola', 'Jovanović'))).toBeLessThan(0.5);
  });

  it('gives nothing for an empty name', () => {
    expect(nameSimilarity(name('', 'Petrović'), name('Ana', 'Petrović'))).toBe(0);
  });
});

describe('jaroWinkler', () => {
  it('reproduces the textbook values (MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.84)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('', '')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});
