import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../../src/demo/generateWorld.js';
import { isValidJmbg } from '../../../src/demo/jmbg.js';
import { isAlbanianNid } from '../../../src/demo/albanianNid.js';
import { isKosovoPersonalNumber } from '../../../src/demo/kosovoPersonalNumber.js';
import { prisonRowsOf } from '../../../src/demo/prisonRowsOf.js';
import { welfareRowsOf } from '../../../src/demo/welfareRowsOf.js';
import { probationOrderOf, probationPlanOf } from '../../../src/demo/probationRecordsOf.js';
import { ngoRowsOf } from '../../../src/demo/ngoRowsOf.js';
import { isCyrillic } from '../../../src/demo/transliterate.js';
import { AGENCY_IDS, type World } from '../../../src/demo/types.js';
import { caseTeamSeed } from '../../../src/demo/caseTeamSeed.js';

const TODAY = '2025-06-01';
const world = generateWorld({ seed: 1, people: 2000, today: TODAY });

/** Returns the problems found (plain checks: expect() per person would dominate at 100k). */
function identifierProblems(w: World): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const ranges: Record<string, [number, number]> = { RS: [71, 89], BA: [10, 19], ME: [21, 29], MK: [41, 49] };
  for (const p of w.people) {
    const { scheme, value, country } = p.nationalId;
    if (seen.has(value)) problems.push(`duplicate ${value}`);
    seen.add(value);
    if (scheme === 'JMBG' || scheme === 'EMBG') {
      const region = Number(value.slice(7, 9));
      const [lo, hi] = ranges[country] ?? [0, -1];
      const dob = p.dateOfBirth.slice(8, 10) + p.dateOfBirth.slice(5, 7) + p.dateOfBirth.slice(1, 4);
      if (!isValidJmbg(value)) problems.push(`invalid ${scheme} ${value}`);
      if (region < lo || region > hi) problems.push(`region ${region} for ${country}: ${value}`);
      if ((scheme === 'EMBG') !== (country === 'MK')) problems.push(`${scheme} for ${country}`);
      if (value.slice(0, 7) !== dob) problems.push(`${value} does not encode ${p.dateOfBirth}`);
      if ((Number(value.slice(9, 12)) >= 500) !== (p.sex === 'FEMALE')) problems.push(`${value} does not encode ${p.sex}`);
    } else if (scheme === 'KOSOVO_PN') {
      if (country !== 'XK' || !isKosovoPersonalNumber(value)) problems.push(`bad Kosovo* number ${value}`);
    } else if (country !== 'AL' || !isAlbanianNid(value)) problems.push(`bad AL_NID ${value}`);
  }
  return problems;
}

describe('generateWorld', () => {
  it('is deterministic: same seed → identical world, different seed → different world', () => {
    const again = generateWorld({ seed: 1, people: 2000, today: TODAY });
    expect(again).toEqual(world);
    for (const i of [0, 17, 1999]) {
      expect(prisonRowsOf(again, again.people[i]!)).toEqual(prisonRowsOf(world, world.people[i]!));
      expect(welfareRowsOf(again, again.people[i]!)).toEqual(welfareRowsOf(world, world.people[i]!));
    }
    const other = generateWorld({ seed: 2, people: 2000, today: TODAY });
    expect(other.people.map((p) => p.nationalId.value)).not.toEqual(world.people.map((p) => p.nationalId.value));
    // Identities do not depend on the reference date, only the story dates do.
    const later = generateWorld({ seed: 1, people: 2000, today: '2026-01-15' });
    expect(later.people.map((p) => p.nationalId.value)).toEqual(world.people.map((p) => p.nationalId.value));
  });

  it('issues valid identifiers in every scheme (JMBG/EMBG check digits, Kosovo*, Albanian)', () => {
    expect(identifierProblems(world)).toEqual([]);
    const schemes = new Set(world.people.map((p) => p.nationalId.scheme));
    expect([...schemes].sort()).toEqual(['AL_NID', 'EMBG', 'JMBG', 'KOSOVO_PN']);
  });

  it('has at least 50 people known to, and linkable by, all four agencies', () => {
    expect(world.knownToAll.length).toBeGreaterThanOrEqual(50);
    const byId = new Map(world.people.map((p) => [p.nationalId.value, p]));
    for (const id of world.knownToAll) {
      const p = byId.get(id)!;
      for (const a of AGENCY_IDS) expect(p.refs[a]).not.toBeNull();
      expect(p.ngoLinked).toBe(true);
      expect(ngoRowsOf(world, p)!.participant['ID number']).toBe(id);
    }
  });

  it('overlaps the agencies in the intended shares, with unique local refs', () => {
    const n = world.people.length;
    expect(world.counts.prison / n).toBeCloseTo(0.6, 1);
    expect(world.counts.probation / n).toBeGreaterThan(0.3);
    expect(world.counts.probation / n).toBeLessThan(0.4);
    expect(world.counts.welfare / n).toBeGreaterThan(0.25);
    expect(world.counts.welfare / n).toBeLessThan(0.35);
    expect(world.counts.ngo / n).toBeGreaterThan(0.1);
    expect(world.counts.ngo / n).toBeLessThan(0.2);
    for (const a of AGENCY_IDS) {
      const refs = world.people.map((p) => p.refs[a]).filter((r) => r !== null);
      expect(refs.length).toBe(world.counts[a]);
      expect(new Set(refs).size).toBe(refs.length);
    }
    expect(world.people.every((p) => AGENCY_IDS.some((a) => p.refs[a] !== null))).toBe(true);
  });

  it('draws names, sexes, communities and dates of birth as specified', () => {
    const years = world.people.map((p) => Number(p.dateOfBirth.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1960);
    expect(Math.max(...years)).toBeLessThanOrEqual(2004);
    expect(new Set(world.people.map((p) => p.sex)).size).toBe(2);
    expect(new Set(world.people.map((p) => p.community)).size).toBe(5);
    for (const p of world.people) {
      if (p.admissionDay !== null) {
        const ageAtAdmission = (p.admissionDay * 86_400_000 - Date.parse(p.dateOfBirth)) / (365.25 * 86_400_000);
        expect(ageAtAdmission).toBeGreaterThanOrEqual(17.9);
      }
    }
  });

  it('stores a good share of names in Cyrillic at the centre for social work', () => {
    const clients = world.people.map((p) => welfareRowsOf(world, p)).filter((r) => r !== null).map((r) => r.client);
    const cyrillic = clients.filter((c) => isCyrillic(String(c.prezime)));
    expect(cyrillic.length / clients.length).toBeGreaterThan(0.1);
    for (const c of clients) expect(c.pismo === 'ЋИР').toBe(isCyrillic(String(c.prezime)));
    // and never in the prison's legacy register
    const inmate = world.people.map((p) => prisonRowsOf(world, p)).find((r) => r !== null)!;
    expect(String(inmate.master.PREZIME)).toMatch(/^[A-Z -]+$/);
  });

  it('tells consistent life stories across agencies', () => {
    const today = world.todayDay;
    for (const p of world.people) {
      const prison = prisonRowsOf(world, p);
      if (p.story === 'RELEASE_SOON') {
        expect(p.releaseDay! - today).toBeGreaterThan(0);
        expect(p.releaseDay! - today).toBeLessThanOrEqual(180);
        expect(prison!.sentence.STATUS_CD).toBe('IZ');
        expect(probationPlanOf(world, p)).not.toBeNull(); // pre-release plan
        expect(probationOrderOf(world, p)).toBeNull();
      }
      if (p.story === 'PAROLE') {
        expect(prison!.sentence.STATUS_CD).toBe('OT');
        expect(probationOrderOf(world, p)!.orderType).toBe('parole');
      }
      const welfare = welfareRowsOf(world, p);
      for (const r of welfare?.referrals ?? []) {
        if (r.od_ustanove === 'KPZ') expect(p.refs.prison).not.toBeNull();
        if (r.od_ustanove === 'POV' || r.ka_ustanovi === 'POV') expect(p.refs.probation).not.toBeNull();
        if (r.ka_ustanovi === 'NVO') expect(p.refs.ngo).not.toBeNull();
      }
    }
    const soonWithWelfare = world.people.filter((p) => p.story === 'RELEASE_SOON' && p.refs.welfare !== null);
    expect(soonWithWelfare.length).toBeGreaterThan(0);
    for (const p of soonWithWelfare) {
      const refs = welfareRowsOf(world, p)!.referrals;
      expect(refs.some((r) => r.od_ustanove === 'KPZ' && r.oblast === 'STAN')).toBe(true);
      expect(refs.some((r) => r.od_ustanove === 'POV')).toBe(true);
    }
    const domains = new Set(world.people.flatMap((p) => welfareRowsOf(world, p)?.needs ?? []).map((n) => n.oblast));
    expect(domains.has('ZDR')).toBe(true);
  });

  it('assigns case teams only where the agency knows the person', () => {
    const teams = caseTeamSeed(world);
    const byId = new Map(world.people.map((p) => [p.nationalId.value, p]));
    for (const t of teams) expect(byId.get(t.nationalId)!.refs[t.agency]).toBe(t.ref);
    const known = AGENCY_IDS.reduce((sum, a) => sum + world.counts[a], 0);
    expect(teams.length).toBeGreaterThanOrEqual(known);
  });

  it('scales to 100,000 people', () => {
    const big = generateWorld({ seed: 9, people: 100_000, today: TODAY });
    expect(big.people.length).toBe(100_000);
    expect(big.knownToAll.length).toBeGreaterThanOrEqual(3000);
    expect(big.counts.prison).toBe(60_000);
    expect(Math.abs(big.counts.probation / 100_000 - 0.35)).toBeLessThan(0.02);
    expect(Math.abs(big.counts.welfare / 100_000 - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(big.counts.ngo / 100_000 - 0.15)).toBeLessThan(0.03);
    expect(identifierProblems(big)).toEqual([]);
  });

  it('handles small worlds', () => {
    const tiny = generateWorld({ seed: 1, people: 10, today: TODAY });
    expect(tiny.people.length).toBe(10);
    expect(tiny.knownToAll.length).toBeGreaterThanOrEqual(2);
    expect(() => generateWorld({ people: 0 })).toThrow(RangeError);
  });
});
