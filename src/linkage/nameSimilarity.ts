import { foldName, nameSkeleton } from './foldName.js';
import { jaroWinkler } from './jaroWinkler.js';

export interface PersonNameParts {
  givenName: string;
  familyName: string;
}

/** Agencies that put the family name in the given-name field (forms filled in "surname first"). */
const SWAPPED_PENALTY = 0.95;
/** The orthography-blind skeleton is a weaker witness than the folded spelling. */
const SKELETON_PENALTY = 0.97;

/**
 * How alike two people's names are, 0 to 1, after folding script, case and diacritics: the
 * product of the given-name and family-name similarities (Jaro-Winkler), so a name that matches
 * only in its family name (a sibling, a twin) stays well below one that matches in both. Also
 * tried, and taken when better: the parts swapped (×0.95), and the names' orthographic
 * skeletons (×0.97, for Albanian ↔ Serbian and Macedonian ↔ Serbian spellings). A part that
 * holds several words ("Ana Marija") is compared whole and word by word, best kept.
 */
export function nameSimilarity(a: PersonNameParts, b: PersonNameParts): number {
  const ga = foldName(a.givenName);
  const fa = foldName(a.familyName);
  const gb = foldName(b.givenName);
  const fb = foldName(b.familyName);
  if (!ga || !fa || !gb || !fb) return 0;
  const direct = partScore(ga, gb) * partScore(fa, fb);
  const swapped = partScore(ga, fb) * partScore(fa, gb) * SWAPPED_PENALTY;
  return Math.max(direct, swapped);
}

function partScore(a: string, b: string): number {
  let best = Math.max(jaroWinkler(a, b), jaroWinkler(nameSkeleton(a), nameSkeleton(b)) * SKELETON_PENALTY);
  if (best === 1) return 1;
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  if (wordsA.length > 1 || wordsB.length > 1) {
    // "Ana Marija" against "Ana": the shared word counts, a little less than the whole.
    for (const x of wordsA) for (const y of wordsB) best = Math.max(best, jaroWinkler(x, y) * 0.9);
  }
  return best;
}
