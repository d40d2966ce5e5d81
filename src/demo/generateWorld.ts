/**
 * The synthetic demo world: `people` invented persons, their national identifiers and which of
 * the four agencies (prison, probation, centre for social work, NGO) knows them.
 *
 * Contract:
 * - Deterministic: the same `seed`, `people` and `today` give an identical world; identities,
 *   identifiers and agency references do not depend on `today`, only the dates of the life
 *   stories (which are relative to it, so a demo started any day has releases "soon").
 * - Overlap: prison ≈ 60 %, probation ≈ 35 %, welfare ≈ 30 %, NGO ≈ 15 % of people, and a core
 *   of max(3 %, min(50, people / 4)) people — 60 for the default 2,000 — known to, and linkable
 *   by, all four.
 * - Linear in `people` with a small constant; per person only plain data is kept (no closures),
 *   agency detail is derived on demand by the per-agency `*RowsOf` / `*Of` functions.
 */
import { dayToIso, isoToDay, utcToday, yearStartDay } from './dates.js';
import { FEMALE_SHARE, LATEST_BIRTH_YEAR, MEMBERSHIP, STORY_SHARES, timelineFor } from './lifeStories.js';
import { makeAlbanianNid } from './albanianNid.js';
import { makeJmbg } from './jmbg.js';
import { makeKosovoPersonalNumber } from './kosovoPersonalNumber.js';
import { pickName } from './names.js';
import { COMMUNITY_WEIGHTS, COUNTRY_BY_COMMUNITY, MUNICIPALITIES, MUNICIPALITY_HINTS } from './places.js';
import { mixSeed, Rng } from './rng.js';
import type { AgencyId, Story, World, WorldNationalId, WorldPerson } from './types.js';

export interface GenerateWorldOptions {
  seed?: number;
  people?: number;
  /** Reference date (`YYYY-MM-DD`) the life stories are relative to; default: today (UTC). */
  today?: string;
}

const CORE_SOON = STORY_SHARES.length;
const CORE_PAROLE = CORE_SOON + 1;

const CYRILLIC_SHARE: Readonly<Record<string, number>> = { SERBIAN: 0.7, MACEDONIAN: 0.8, MONTENEGRIN: 0.25 };

/** Size of the all-agency core for a population. */
export function coreSize(people: number): number {
  return Math.max(Math.ceil(people * 0.03), Math.min(50, Math.floor(people / 4)));
}

/** Story codes for every position: exact counts per story, then shuffled. */
function allocateStories(n: number, core: number, rng: Rng): Uint8Array {
  const counts = STORY_SHARES.map(([, share]) => Math.floor(share * n));
  let rest = n - core - counts.reduce((a, b) => a + b, 0);
  for (; rest > 0; rest--) counts[1]! += 1; // CUSTODY absorbs rounding
  for (; rest < 0; rest++) {
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest]! -= 1;
  }
  const codes = new Uint8Array(n);
  let at = 0;
  for (let i = 0; i < core; i++) codes[at++] = i % 2 === 0 ? CORE_SOON : CORE_PAROLE;
  counts.forEach((count, story) => {
    for (let i = 0; i < count; i++) codes[at++] = story;
  });
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = codes[i]!;
    codes[i] = codes[j]!;
    codes[j] = t;
  }
  return codes;
}

function nationalIdFor(rng: Rng, country: WorldNationalId['country'], dobDay: number, sex: WorldPerson['sex'], taken: Set<string>): WorldNationalId {
  switch (country) {
    case 'XK':
      return { scheme: 'KOSOVO_PN', value: makeKosovoPersonalNumber(rng, taken), country };
    case 'AL':
      return { scheme: 'AL_NID', value: makeAlbanianNid(rng, dobDay, sex, taken), country };
    case 'MK':
      return { scheme: 'EMBG', value: makeJmbg(rng, dobDay, country, sex, taken), country };
    default:
      return { scheme: 'JMBG', value: makeJmbg(rng, dobDay, country, sex, taken), country };
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function generateWorld(options: GenerateWorldOptions = {}): World {
  const seed = options.seed ?? 1;
  const n = options.people ?? 2000;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`people must be a positive integer, got ${n}`);
  const today = options.today ?? utcToday();
  const todayDay = isoToDay(today);
  const rng = new Rng(mixSeed(seed, 0x574f524c));
  const core = coreSize(n);
  const codes = allocateStories(n, core, rng);
  const taken = new Set<string>();
  const people: WorldPerson[] = new Array(n);
  const counts: Record<AgencyId, number> = { prison: 0, probation: 0, welfare: 0, ngo: 0 };
  const knownToAll: string[] = [];
  const dob1960 = yearStartDay(1960);

  for (let i = 0; i < n; i++) {
    const code = codes[i]!;
    const isCore = code >= CORE_SOON;
    const story: Story = code === CORE_SOON ? 'RELEASE_SOON' : code === CORE_PAROLE ? 'PAROLE' : STORY_SHARES[code]![0];
    const community = rng.weighted(COMMUNITY_WEIGHTS);
    const sex = rng.chance(FEMALE_SHARE[story]) ? 'FEMALE' : 'MALE';
    // The timeline has its own stream: identities must not depend on `today`.
    const timeline = timelineFor(story, new Rng(mixSeed(seed, i, 0x544c)), todayDay);
    const dobDay = rng.int(dob1960, yearStartDay(LATEST_BIRTH_YEAR[story] + 1) - 1);
    const country = rng.weighted(COUNTRY_BY_COMMUNITY[community]);
    const nationalId = nationalIdFor(rng, country, dobDay, sex, taken);
    const { givenName, familyName } = pickName(rng, community, sex);
    const hints = MUNICIPALITY_HINTS[`${community}:${country}`];
    const municipality = rng.pick(hints !== undefined && rng.chance(0.7) ? hints : MUNICIPALITIES[country]);

    const p = MEMBERSHIP[story];
    const inPrison = isCore || rng.chance(p[0]);
    const inProbation = isCore || rng.chance(p[1]);
    const inWelfare = isCore || rng.chance(p[2]);
    const inNgo = isCore || rng.chance(p[3]);
    // Some community-sanction and welfare clients also never gave the NGO their ID number: they are
    // the identity-link candidates of the demo (src/linkage). Their own stream, so that every
    // other draw (and so the rest of the world) stays as it was.
    const unlinkedClient = inNgo && !isCore && (story === 'COMMUNITY' || story === 'WELFARE') && new Rng(mixSeed(seed, i, 0x4c4e4b)).chance(0.35);
    const ngoLinked = (story !== 'PREVENTION' || isCore || rng.chance(0.7)) && !unlinkedClient;
    const welfareCyrillic = inWelfare && rng.chance(CYRILLIC_SHARE[community] ?? 0);

    const refs = {
      prison: inPrison ? String(100001 + counts.prison++) : null,
      probation: inProbation ? `KL-${pad(++counts.probation, 7)}` : null,
      welfare: inWelfare ? String(1000 + ++counts.welfare) : null,
      ngo: inNgo ? `NK-${pad(++counts.ngo, 6)}` : null,
    };
    if (inPrison && inProbation && inWelfare && inNgo && ngoLinked) knownToAll.push(nationalId.value);

    people[i] = {
      index: i,
      nationalId,
      givenName,
      familyName,
      sex,
      dateOfBirth: dayToIso(dobDay),
      community,
      municipality,
      story,
      refs,
      ngoLinked,
      welfareCyrillic,
      admissionDay: timeline.admissionDay,
      sentenceMonths: timeline.sentenceMonths,
      releaseDay: timeline.releaseDay,
    };
  }
  return { seed, today, todayDay, people, knownToAll, counts };
}
