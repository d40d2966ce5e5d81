import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '../../../adapters/sdk/index.js';
import { CANDIDATE_THRESHOLD, scoreCandidate, swapDayMonth, type LinkedPersonProfile } from '../../../src/linkage/index.js';

const person: LinkedPersonProfile = {
  names: [{ givenName: 'Марко', familyName: 'Ђорђевић' }, { givenName: 'MARKO', familyName: 'DJORDJEVIC' }],
  datesOfBirth: ['1988-04-03'],
  sex: 'MALE',
};

function record(over: Partial<PersonRecord>): PersonRecord {
  return { ref: 'NK-000001', nationalId: null, givenName: 'Marko', familyName: 'Đorđević', script: 'LATIN', dateOfBirth: '1988-04-03', sex: 'MALE', municipality: null, ...over };
}

describe('scoreCandidate', () => {
  it('scores the same name and date in another script 1', () => {
    expect(scoreCandidate(person, record({}))).toEqual({ score: 1, nameScore: 1, dateOfBirth: 'EXACT' });
  });

  it('is no candidate at all without the same date of birth, whatever the name', () => {
    expect(scoreCandidate(person, record({ dateOfBirth: '1988-04-04' }))).toBeNull();
    expect(scoreCandidate(person, record({ dateOfBirth: null }))).toBeNull();
  });

  it('accepts day and month exchanged, at 0.9 of the score', () => {
    expect(scoreCandidate(person, record({ dateOfBirth: '1988-03-04' }))).toEqual({ score: 0.9, nameScore: 1, dateOfBirth: 'DAY_MONTH_SWAPPED' });
  });

  it('lowers the score when both records state a different sex', () => {
    expect(scoreCandidate(person, record({ sex: 'FEMALE' }))!.score).toBe(0.85);
    expect(scoreCandidate(person, record({ sex: 'UNKNOWN' }))!.score).toBe(1);
  });

  it('keeps a different person born the same day below the threshold', () => {
    expect(scoreCandidate(person, record({ givenName: 'Fatmir', familyName: 'Krasniqi' }))!.score).toBeLessThan(CANDIDATE_THRESHOLD);
  });

  it('takes the best of the person’s spellings (Dordevic typed without the đ)', () => {
    expect(scoreCandidate(person, record({ familyName: 'Dordevic' }))!.score).toBeGreaterThan(0.9);
  });
});

describe('swapDayMonth', () => {
  it('exchanges day and month only when that is another real date', () => {
    expect(swapDayMonth('1988-04-03')).toBe('1988-03-04');
    expect(swapDayMonth('1988-04-04')).toBeNull();
    expect(swapDayMonth('1988-04-13')).toBeNull();
  });
});
