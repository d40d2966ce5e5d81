import { describe, expect, it } from 'vitest';
import { DATA_CATEGORIES, PURPOSES, type DataCategory, type Purpose } from '../../../src/config/index.js';
import { demoPolicyConfig } from '../../../src/embedded/demoConfig.js';
import { createDecide, type DecisionInput, type PersonFacts } from '../../../src/policy/index.js';

const config = demoPolicyConfig();
const decide = createDecide(config);
const AT = new Date('2026-11-25T10:00:00Z');

function ask(agency: string, role: string, purpose: Purpose, provider: string | null, category: DataCategory, facts: Partial<PersonFacts> = {}, breakGlass: string | null = null) {
  const input: DecisionInput = {
    principal: { sub: 'u1', agency, roles: [role], client: null },
    intent: { purpose, breakGlass },
    purpose,
    person: 'p1',
    category,
    provider,
    facts: { assigned: false, consents: [], ...facts },
    at: AT,
  };
  return decide(input);
}

function consentFrom(provider: string, recipient: string, category: DataCategory, purpose: Purpose, withdrawnAt: string | null = null) {
  return [{ id: 'c1', provider, recipients: [recipient], categories: [category], purposes: [purpose], validFrom: '2025-01-01', validUntil: null, withdrawnAt }];
}

/**
 * Oracle written from DESIGN.md's sentence, independently of the rules: released exactly when
 * own data, or an agreement in force lists provider, recipient+role, purpose and category and
 * every condition holds, or break-glass applies; STATISTICS never releases IDENTITY; AUDIT
 * never releases records.
 */
function oracle(agency: string, role: string, purpose: Purpose, provider: string, category: DataCategory, assigned: boolean, consent: boolean): boolean {
  if (role === 'privacy_officer') return false; // reads the audit log, never records
  if (purpose === 'STATISTICS' && ['IDENTITY', 'CONTACT', 'STAFF'].includes(category)) return false;
  if (purpose === 'AUDIT') return false;
  if (agency === provider) return true;
  const day = AT.toISOString().slice(0, 10);
  return config.agreements.some(
    (a) =>
      a.providers.includes(provider) &&
      a.recipients.some((r) => r.agency === agency && r.roles.includes(role)) &&
      a.purposes.includes(purpose) &&
      a.categories.includes(category) &&
      a.valid.from <= day && (!a.valid.until || day <= a.valid.until) &&
      (!a.requires.includes('assigned') || assigned) &&
      (!a.requires.includes('consent') || consent),
  );
}

describe('the decision over the demo agreements', () => {
  it('matches the oracle for every role × provider × category × purpose, with and without assignment and consent', () => {
    let checked = 0;
    let allowed = 0;
    for (const agency of config.agencies) {
      for (const role of agency.roles) {
        for (const provider of config.agencies.map((a) => a.id)) {
          for (const category of DATA_CATEGORIES) {
            for (const purpose of PURPOSES) {
              for (const assigned of [false, true]) {
                for (const consent of [false, true]) {
                  const facts = { assigned, consents: consent ? consentFrom(provider, agency.id, category, purpose) : [] };
                  const got = ask(agency.id, role, purpose, provider, category, facts).allow;
                  const want = oracle(agency.id, role, purpose, provider, category, assigned, consent);
                  if (got !== want) throw new Error(`${agency.id}/${role} ${purpose} ${provider}.${category} assigned=${assigned} consent=${consent}: got ${got}, want ${want}`);
                  checked += 1;
                  if (got) allowed += 1;
                }
              }
            }
          }
        }
      }
    }
    const roles = config.agencies.reduce((n, a) => n + a.roles.length, 0);
    expect(checked).toBe(roles * config.agencies.length * DATA_CATEGORIES.length * PURPOSES.length * 4);
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThan(checked / 2);
  });

  it('releases prison custody data to an assigned probation officer for release planning, citing the agreement', () => {
    const d = ask('probation', 'probation_officer', 'RELEASE_PLANNING', 'prison', 'CUSTODY', { assigned: true });
    expect(d).toMatchObject({ allow: true, agreement: 'DSA-RELEASE-01' });
    expect(d.trace.at(-1)).toBe('DSA-RELEASE-01: all conditions hold');
  });

  it('denies it with NOT_ASSIGNED when the officer is not on the case', () => {
    expect(ask('probation', 'probation_officer', 'RELEASE_PLANNING', 'prison', 'CUSTODY')).toMatchObject({ allow: false, reason: 'NOT_ASSIGNED', agreement: 'DSA-RELEASE-01' });
  });

  it('denies with PURPOSE_NOT_ALLOWED when the purpose is not in the agreement', () => {
    expect(ask('probation', 'probation_officer', 'CASE_MANAGEMENT', 'prison', 'CUSTODY', { assigned: true })).toMatchObject({ allow: false, reason: 'PURPOSE_NOT_ALLOWED' });
  });

  it('denies with NO_AGREEMENT when no agreement names the recipient', () => {
    expect(ask('ngo', 'programme_worker', 'SUPERVISION', 'probation', 'SUPERVISION', { assigned: true })).toMatchObject({ allow: false, reason: 'NO_AGREEMENT' });
  });

  it('denies with AGREEMENT_EXPIRED under an agreement that has ended', () => {
    expect(ask('ngo', 'programme_worker', 'REINTEGRATION_SUPPORT', 'prison', 'INTERVENTION', { assigned: true })).toMatchObject({ allow: false, reason: 'AGREEMENT_EXPIRED', agreement: 'DSA-PILOT-2023' });
  });

  it('denies welfare data without consent (NO_CONSENT) and after withdrawal (CONSENT_WITHDRAWN)', () => {
    expect(ask('probation', 'probation_officer', 'SUPERVISION', 'welfare', 'WELFARE', { assigned: true })).toMatchObject({ allow: false, reason: 'NO_CONSENT' });
    const withdrawn = consentFrom('welfare', 'probation', 'WELFARE', 'SUPERVISION', '2026-11-01T09:00:00.000Z');
    expect(ask('probation', 'probation_officer', 'SUPERVISION', 'welfare', 'WELFARE', { assigned: true, consents: withdrawn })).toMatchObject({ allow: false, reason: 'CONSENT_WITHDRAWN' });
    const valid = consentFrom('welfare', 'probation', 'WELFARE', 'SUPERVISION');
    expect(ask('probation', 'probation_officer', 'SUPERVISION', 'welfare', 'WELFARE', { assigned: true, consents: valid }).allow).toBe(true);
  });

  it('never releases HEALTH to prison staff, even with consent and assignment', () => {
    for (const role of ['prison_officer', 'prison_case_manager', 'prison_psychologist']) {
      for (const purpose of PURPOSES) {
        expect(ask('prison', role, purpose, 'welfare', 'HEALTH', { assigned: true, consents: consentFrom('welfare', 'prison', 'HEALTH', purpose) }).allow).toBe(false);
      }
    }
  });

  it('never releases IDENTITY under STATISTICS, not even an agency’s own', () => {
    expect(ask('prison', 'prison_officer', 'STATISTICS', 'prison', 'IDENTITY')).toMatchObject({ allow: false, reason: 'STATISTICS_NO_IDENTITY' });
  });

  it('lets an agency reach its own data', () => {
    expect(ask('welfare', 'social_worker', 'CASE_MANAGEMENT', 'welfare', 'HEALTH')).toMatchObject({ allow: true, basis: 'OWN_DATA' });
  });

  it('denies with FACT_UNAVAILABLE when the case team could not be read', () => {
    expect(ask('probation', 'probation_officer', 'RELEASE_PLANNING', 'prison', 'CUSTODY', { assigned: null })).toMatchObject({ allow: false, reason: 'FACT_UNAVAILABLE' });
  });

  it('breaks the glass only for emergency roles and categories, with a justification', () => {
    const why = 'Person reported missing after prison leave; police request location.';
    expect(ask('probation', 'probation_officer', 'EMERGENCY', 'prison', 'LOCATION', {}, why)).toMatchObject({ allow: true, basis: 'BREAK_GLASS' });
    expect(ask('probation', 'probation_officer', 'EMERGENCY', 'prison', 'RISK', {}, why).allow).toBe(false);
    expect(ask('welfare', 'social_worker', 'EMERGENCY', 'prison', 'LOCATION', {}, why).allow).toBe(false);
    expect(ask('probation', 'probation_officer', 'EMERGENCY', 'prison', 'LOCATION', {}, null).allow).toBe(false);
  });

  it('shows case metadata only to members of the case team', () => {
    expect(ask('ngo', 'programme_worker', 'REINTEGRATION_SUPPORT', null, 'STAFF', { assigned: true })).toMatchObject({ allow: true, basis: 'CASE_TEAM' });
    expect(ask('ngo', 'programme_worker', 'REINTEGRATION_SUPPORT', null, 'STAFF')).toMatchObject({ allow: false, reason: 'NOT_ASSIGNED' });
  });

  it('gives a privacy officer no records, not even their own agency’s', () => {
    expect(ask('prison', 'privacy_officer', 'CASE_MANAGEMENT', 'prison', 'CUSTODY')).toMatchObject({ allow: false, reason: 'NO_ROLE' });
  });

  it('denies a caller with no known role', () => {
    const d = decide({ principal: { sub: 'x', agency: 'prison', roles: [], client: null }, intent: { purpose: 'CASE_MANAGEMENT', breakGlass: null }, purpose: 'CASE_MANAGEMENT', person: 'p', category: 'CUSTODY', provider: 'prison', facts: { assigned: true, consents: [] }, at: AT });
    expect(d).toMatchObject({ allow: false, reason: 'NO_ROLE' });
  });
});
