import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../../src/auth/index.js';

describe('purpose of use and break-glass headers', () => {
  it('accepts a known purpose', () => {
    expect(parseIntent('RELEASE_PLANNING', undefined)).toEqual({ purpose: 'RELEASE_PLANNING', breakGlass: null });
  });

  it('allows no purpose (fields with personal data then refuse)', () => {
    expect(parseIntent(undefined, undefined)).toEqual({ purpose: null, breakGlass: null });
  });

  it('refuses an unknown purpose with the list of valid ones', () => {
    expect(() => parseIntent('CURIOSITY', undefined)).toThrow('X-Purpose-Of-Use must be one of CASE_MANAGEMENT, RISK_ASSESSMENT, RELEASE_PLANNING, REINTEGRATION_SUPPORT, SUPERVISION, STATISTICS, AUDIT, EMERGENCY');
  });

  it('refuses break-glass without purpose EMERGENCY', () => {
    expect(() => parseIntent('SUPERVISION', 'Person reported missing after leave, police request.')).toThrow('X-Break-Glass requires X-Purpose-Of-Use: EMERGENCY');
  });

  it('refuses a break-glass justification too short to be a sentence', () => {
    expect(() => parseIntent('EMERGENCY', 'urgent')).toThrow('X-Break-Glass justification must be 20–1000 characters');
  });

  it('refuses a justification of the right length that says nothing in words', () => {
    for (const empty of ['aaaaaaaaaaaaaaaaaaaa', '12345678901234567890', '!!!!!!!!!!!!!!!!!!!!!!', 'x y z 1 2 3 4 5 6 7 8 9 0']) {
      expect(() => parseIntent('EMERGENCY', empty)).toThrow('X-Break-Glass justification must say why in words (at least 3)');
    }
    expect(parseIntent('EMERGENCY', 'Osoba nestala nakon izlaska, hitno').breakGlass).toBe('Osoba nestala nakon izlaska, hitno');
  });

  it('keeps a real justification', () => {
    expect(parseIntent('EMERGENCY', 'Person reported missing after leave, police request.').breakGlass).toBe('Person reported missing after leave, police request.');
  });
});
