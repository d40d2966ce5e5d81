import { describe, expect, it } from 'vitest';
import { DateScalar } from '../../../src/resolvers/scalars.js';

describe('the Date scalar', () => {
  it('takes days that exist, leap days included', () => {
    for (const day of ['2024-02-29', '0001-01-01', '9999-12-31', '2026-12-07']) expect(DateScalar.parseValue(day)).toBe(day);
  });

  it('refuses days that do not exist, before the database sees them', () => {
    for (const day of ['2026-02-30', '2023-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '0000-01-01', '2026-1-01']) {
      expect(() => DateScalar.parseValue(day), day).toThrow('Date must be YYYY-MM-DD, a day that exists in the years 0001 to 9999');
    }
  });
});
