import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkNationalId, createPseudonymizer, normaliseNationalId, statisticsDomain } from '../../../src/linkage/index.js';

/** Builds a valid JMBG from its first 12 digits (test oracle written from the standard, not the code). */
function withCheckDigit(first12: string): string {
  const w = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const s = [...first12].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
  const m = 11 - (s % 11);
  return first12 + String(m > 9 ? 0 : m);
}

describe('national identifiers', () => {
  it('accepts a JMBG with the right check digit and a real date', () => {
    const id = withCheckDigit('010199071001');
    expect(checkNationalId('JMBG', id)).toEqual({ ok: true, scheme: 'JMBG', value: id });
  });

  it('normalises separators people type', () => {
    const id = withCheckDigit('150398545012');
    expect(normaliseNationalId(`${id.slice(0, 7)} ${id.slice(7, 9)}-${id.slice(9)}`)).toBe(id);
    expect(checkNationalId('EMBG', `${id.slice(0, 7)} ${id.slice(7)}`).ok).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    const id = withCheckDigit('010199071001');
    const bad = id.slice(0, 12) + String((Number(id[12]) + 1) % 10);
    expect(checkNationalId('JMBG', bad)).toEqual({ ok: false, reason: 'JMBG check digit does not match' });
  });

  it('rejects an impossible date of birth', () => {
    expect(checkNationalId('JMBG', withCheckDigit('310299071001'))).toEqual({ ok: false, reason: 'JMBG has no valid date of birth' });
  });

  it('rejects injection strings and over-long values without guessing', () => {
    expect(checkNationalId('JMBG', "0101990710019' OR 1=1")).toEqual({ ok: false, reason: 'JMBG must be 13 digits' });
    expect(checkNationalId('KOSOVO_PN', '1'.repeat(100))).toEqual({ ok: false, reason: 'identifier too long' });
  });

  it('checks Kosovo* personal numbers and Albanian NIDs by format', () => {
    expect(checkNationalId('KOSOVO_PN', '1234567890').ok).toBe(true);
    expect(checkNationalId('KOSOVO_PN', '123456789').ok).toBe(false);
    expect(checkNationalId('AL_NID', 'j10314059a')).toEqual({ ok: true, scheme: 'AL_NID', value: 'J10314059A' });
    expect(checkNationalId('AL_NID', '112345678N').ok).toBe(false);
  });

  it('rejects an Albanian NID whose encoded date of birth does not exist', () => {
    expect(checkNationalId('AL_NID', 'J12345678N')).toEqual({ ok: false, reason: 'AL_NID has no valid date of birth' });
    expect(checkNationalId('AL_NID', 'J15314059A').ok).toBe(true); // month + 50: a woman born 14 March 1991
  });

  it('accepts the contested check digit 10 written as 0, with a warning', () => {
    // 0101990 71 030: weighted sum 111, remainder 1 → the check digit would be 10.
    const id = '0101990710300';
    const result = checkNationalId('JMBG', id);
    expect(result).toMatchObject({ ok: true, scheme: 'JMBG', value: id });
    expect(result.ok && result.warning).toMatch(/computes to 10 and is written 0/);
  });

  it('rejects any other check digit when it would be 10', () => {
    expect(checkNationalId('JMBG', '0101990710301')).toEqual({ ok: false, reason: 'JMBG check digit does not match' });
  });

  it('gives no warning for an ordinary number, including remainder 0 with check digit 0', () => {
    expect(checkNationalId('JMBG', '0101990710008')).toEqual({ ok: true, scheme: 'JMBG', value: '0101990710008' });
    expect(checkNationalId('JMBG', withCheckDigit('010199071004'))).toEqual({ ok: true, scheme: 'JMBG', value: '0101990710040' });
  });

  it('rejects a region in the block the register never assigned (6x)', () => {
    expect(checkNationalId('EMBG', withCheckDigit('010199065001'))).toEqual({ ok: false, reason: 'EMBG region 65 is not a register region' });
    for (const region of ['09', '17', '21', '45', '71', '80', '91']) expect(checkNationalId('JMBG', withCheckDigit(`0101990${region}001`)).ok).toBe(true);
  });
});

describe('keyed pseudonyms', () => {
  const p = createPseudonymizer('k'.repeat(32));
  const id = withCheckDigit('010199071001');

  it('is stable for the same person whatever the separators', () => {
    expect(p('person', 'JMBG', id)).toBe(p('person', 'JMBG', `${id.slice(0, 7)}-${id.slice(7)}`));
  });

  it('links JMBG and EMBG spellings of the same number', () => {
    expect(p('person', 'JMBG', id)).toBe(p('person', 'EMBG', id));
  });

  it('gives unlinkable pseudonyms in different domains and under different keys', () => {
    expect(p('person', 'JMBG', id)).not.toBe(p('audit', 'JMBG', id));
    expect(createPseudonymizer('x'.repeat(32))('person', 'JMBG', id)).not.toBe(p('person', 'JMBG', id));
  });

  it('finds the same pseudonym under a previous key after a rotation, newest key first', () => {
    const rotated = createPseudonymizer('n'.repeat(32), ['k'.repeat(32), 'o'.repeat(32)]);
    expect(rotated('person', 'JMBG', id)).toBe(createPseudonymizer('n'.repeat(32))('person', 'JMBG', id));
    expect(rotated.previous('person', 'JMBG', id)).toEqual([p('person', 'JMBG', id), createPseudonymizer('o'.repeat(32))('person', 'JMBG', id)]);
    expect(p.previous('person', 'JMBG', id)).toEqual([]);
  });

  it('keeps statistics projects unlinkable to each other and to person ids', () => {
    const a = p(statisticsDomain('recidivism-2026'), 'JMBG', id);
    expect(a).not.toBe(p(statisticsDomain('housing.pilot'), 'JMBG', id));
    expect(a).not.toBe(p('person', 'JMBG', id));
    expect(() => statisticsDomain('a:b')).toThrow(RangeError);
    expect(() => p('person\u0000JMBG', 'JMBG', id)).toThrow(RangeError);
  });

  it('is HMAC-SHA-256 of domain, scheme family and identifier, remembered or not', () => {
    // A cache of two per generation: the loop runs every path (hit, hit in the older generation,
    // miss after the older one was dropped) and each answer must still be the HMAC itself.
    const small = createPseudonymizer('k'.repeat(32), [], 2);
    const people = ['010199071001', '020298071002', '030397071003', '040496071004', '050595071005'].map(withCheckDigit);
    const expected = (domain: string, value: string) => createHmac('sha256', 'k'.repeat(32)).update(`${domain}\u0000JMBG\u0000${value}`).digest('base64url');
    for (const round of [0, 1, 2]) {
      for (const value of round === 1 ? [...people].reverse() : people) {
        expect(small('person', 'EMBG', value)).toBe(expected('person', value));
        expect(small('audit', 'JMBG', `${value.slice(0, 7)}-${value.slice(7)}`)).toBe(expected('audit', value));
      }
    }
  });

  it('checks the domain before it looks anything up', () => {
    expect(p('person', 'JMBG', id)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => p('Person', 'JMBG', id)).toThrow(RangeError);
  });

  it('never contains the identifier', () => {
    expect(p('person', 'JMBG', id)).not.toContain(id);
    expect(p('person', 'JMBG', id)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
