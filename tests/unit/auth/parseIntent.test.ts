import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../../src/auth/index.js';

/** A header value as Node hands it over: each byte of the UTF-8 a client sent, as one Latin-1 character. */
const asSent = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

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

  it('reads a justification in the region’s languages, sent as raw UTF-8 or percent-encoded after UTF-8\'\'', () => {
    for (const why of ['Hitno: osoba bez svijesti, ljekar traži podatke', 'Итно: лицето е во несвест, лекарот бара податоци', 'Urgjencë mjekësore: personi pa ndjenja']) {
      expect(parseIntent('EMERGENCY', asSent(why)).breakGlass).toBe(why);
      expect(parseIntent('EMERGENCY', `UTF-8''${encodeURIComponent(why)}`).breakGlass).toBe(why);
    }
  });

  it('refuses a justification that is not UTF-8, or holds control characters once decoded', () => {
    // Latin-1 bytes of "Urgjencë", as a browser's fetch sends them: 0xEB alone is not UTF-8.
    expect(() => parseIntent('EMERGENCY', 'Urgjenc\u00eb mjek\u00ebsore: personi pa ndjenja')).toThrow("X-Break-Glass must be UTF-8: raw, or as UTF-8'' followed by the percent-encoded text");
    expect(() => parseIntent('EMERGENCY', "UTF-8''%E0%A4%A")).toThrow('X-Break-Glass must be UTF-8');
    expect(() => parseIntent('EMERGENCY', asSent('Person missing \u0085 after leave, police ask'))).toThrow('X-Break-Glass must not hold control or bidirectional-override characters');
  });
});
