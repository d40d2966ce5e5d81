import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoDate, toIsoInstant } from '../../../adapters/sdk/index.js';

describe('toIsoInstant', () => {
  it('returns a canonical UTC instant unchanged, as the full parse would rebuild it', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(toIsoInstant(iso)).toBe(iso);
        expect(toIsoInstant(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(iso.replace(/\.\d{3}Z$/, '.000Z'));
        // The same instant written another way goes through the full parse to the same answer.
        expect(toIsoInstant(iso.replace('T', ' ').replace('Z', '+00:00'))).toBe(iso);
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });

  it.each([
    ['a day February does not have', '2023-02-29T10:00:00.000Z'],
    ['the 31st of April', '2024-04-31T00:00:00.000Z'],
    ['hour 24', '2024-01-01T24:00:00.000Z'],
    ['minute 60', '2024-01-01T10:60:00.000Z'],
    ['second 60', '2024-01-01T10:00:60.000Z'],
    ['second 60 without milliseconds', '2024-01-01T10:00:60Z'],
    ['month 13', '2024-13-01T10:00:00.000Z'],
  ])('refuses %s in canonical form', (_what, text) => {
    expect(toIsoInstant(text)).toBeNull();
  });

  it('converts zones, local notation and epoch milliseconds to UTC', () => {
    expect(toIsoInstant('2024-02-29T23:30:00+01:00')).toBe('2024-02-29T22:30:00.000Z');
    expect(toIsoInstant('2024-03-01 10:00:00+01')).toBe('2024-03-01T09:00:00.000Z');
    expect(toIsoInstant('01.03.2024. 10:00')).toBe('2024-03-01T10:00:00.000Z');
    expect(toIsoInstant(Date.UTC(2024, 0, 2))).toBe('2024-01-02T00:00:00.000Z');
    expect(toIsoInstant('yesterday')).toBeNull();
  });
});

describe('toIsoDate', () => {
  it('keeps the calendar date as written and refuses impossible ones', () => {
    expect(toIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(toIsoDate('2023-02-29')).toBeNull();
    expect(toIsoDate('1.3.2024.')).toBe('2024-03-01');
  });
});
