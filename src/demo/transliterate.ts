/**
 * Spelling a Latin name the way each agency's system stores it: Serbian or Macedonian Cyrillic
 * (the centre for social work), and upper-case ASCII without diacritics (the prison's legacy
 * register, which predates Unicode: "Hodžić" → "HODZIC", "Đorđević" → "DJORDJEVIC").
 */

const SERBIAN: Record<string, string> = {
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', dž: 'џ', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и',
  j: 'ј', k: 'к', l: 'л', lj: 'љ', m: 'м', n: 'н', nj: 'њ', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т',
  u: 'у', v: 'в', z: 'з', ž: 'ж',
};

/** Macedonian: no ć/đ; gj, kj and dz have their own letters (ѓ, ќ, ѕ). */
const MACEDONIAN: Record<string, string> = {
  ...SERBIAN, gj: 'ѓ', kj: 'ќ', dz: 'ѕ',
};

/**
 * Latin → Cyrillic, longest match first so digraphs (lj, nj, dž, gj, kj, dz) become one letter.
 * Letters without a Cyrillic counterpart pass through unchanged. Capitalisation is kept on the
 * first letter of a digraph ("Lj" → "Љ").
 */
export function toCyrillic(latin: string, language: 'sr' | 'mk'): string {
  const table = language === 'mk' ? MACEDONIAN : SERBIAN;
  let out = '';
  let i = 0;
  while (i < latin.length) {
    const two = latin.slice(i, i + 2);
    const twoLower = two.toLowerCase();
    const ch = latin.charAt(i);
    if (two.length === 2 && table[twoLower] !== undefined) {
      const cyr = table[twoLower] as string;
      out += ch === ch.toLowerCase() ? cyr : cyr.toUpperCase();
      i += 2;
      continue;
    }
    const cyr = table[ch.toLowerCase()];
    out += cyr === undefined ? ch : ch === ch.toLowerCase() ? cyr : cyr.toUpperCase();
    i += 1;
  }
  return out;
}

/** Upper-case ASCII without diacritics: đ → DJ, other marks stripped (č → C, ë → E, ç → C), dashes → '-'. */
export function toLegacyAscii(text: string): string {
  return text
    .replace(/đ/g, 'dj')
    .replace(/Đ/g, 'Dj')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2013\u2014]/g, '-')
    .toUpperCase();
}

/** True when the text contains Cyrillic letters. */
export function isCyrillic(text: string): boolean {
  return /[\u0400-\u04ff]/.test(text);
}
