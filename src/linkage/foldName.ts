/**
 * Serbian and Macedonian Cyrillic → the folded Latin used for matching. Digraph letters become
 * their Latin digraphs (љ lj, њ nj, џ dž), the letters Latin writes with a diacritic lose it
 * (ч ћ → c, ш → s, ж → z, ђ → dj), and Macedonian ѓ ќ ѕ follow the official romanisation (gj, kj, dz).
 */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', ѓ: 'gj', е: 'e', ж: 'z', з: 'z', ѕ: 'dz', и: 'i', ј: 'j',
  к: 'k', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c', ќ: 'kj',
  у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', џ: 'dz', ш: 's',
};

/** Latin letters that do not decompose into base letter + combining mark. */
const LATIN_SPECIAL: Readonly<Record<string, string>> = { đ: 'dj', ß: 'ss', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ı: 'i' };

/**
 * A name in the form used for matching: lower case, Cyrillic transliterated (Serbian and
 * Macedonian), diacritics folded (č ć → c, đ → dj, š → s, ž → z, dž → dz, ë → e, ç → c), every run
 * of other characters (spaces, hyphens, apostrophes, dots) one space, trimmed. Folding loses
 * information on purpose: "Đorđević", "Djordjevic" and "Ђорђевић" all fold to "djordjevic".
 * Never shown to anyone; only compared.
 */
export function foldName(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFC').toLowerCase()) out += CYRILLIC[ch] ?? LATIN_SPECIAL[ch] ?? ch;
  return out
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/**
 * A coarser key for names written in another language's orthography: Albanian xh/zh/sh/ç and q,
 * Macedonian gj/kj and the typed-without-diacritics đ → d. "Hoxha" and "Hodža", "Gjorgji" and
 * "Đorđi", "Kjosevski" and "Ćosevski" meet here. Used only as a second opinion (scored lower).
 */
export function nameSkeleton(folded: string): string {
  return folded
    .replace(/xh/g, 'dz')
    .replace(/gj/g, 'dj')
    .replace(/kj/g, 'c')
    .replace(/q/g, 'c')
    .replace(/([csz])h/g, '$1')
    .replace(/dj/g, 'd')
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/y/g, 'i')
    .replace(/([a-z])\1/g, '$1');
}
