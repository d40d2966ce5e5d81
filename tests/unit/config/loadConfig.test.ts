import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';

const VALID = `
store: { kind: pglite }
pseudonyms: { key: "env:REINTEGRA_PSEUDONYM_KEY" }
agencies:
  - id: prison
    name: Correctional Service
    type: PRISON
    issuer: { iss: "https://idp.prison.example", jwks: "file:keys/prison.jwks.json" }
    adapter: { kind: sql, dialect: postgres, url: "postgres://127.0.0.1/prison", mapping: mappings/prison.yaml }
    roles: [prison_officer]
  - id: probation
    name: Probation Service
    type: PROBATION
    issuer: { iss: "https://idp.probation.example", jwks: "file:keys/probation.jwks.json" }
    adapter: { kind: rest, baseUrl: "http://127.0.0.1:8081", mapping: mappings/probation.yaml }
    roles: [probation_officer]
agreements:
  - id: DSA-RELEASE-01
    title: Release planning between prison and probation
    basis: { type: STATUTE, citation: "Law on Execution of Penal Sanctions" }
    providers: [prison]
    recipients:
      - { agency: probation, roles: [probation_officer] }
    purposes: [RELEASE_PLANNING]
    categories: [IDENTITY, CUSTODY]
    requires: [assigned]
    valid: { from: 2024-01-01, until: 2027-12-31 }
`;

describe('gateway config', () => {
  it('accepts the shape privacy officers read and fills defaults', () => {
    const config = parseConfig(VALID, 'gateway.yaml');
    expect(config.server.port).toBe(4000);
    expect(config.server.introspection).toBe(false);
    expect(config.agencies[0]!.issuer.audience).toBe('reintegra');
    expect(config.agreements[0]!.requires).toEqual(['assigned']);
  });

  it('names the file, line and path of a wrong value', () => {
    const text = VALID.replace('type: PROBATION', 'type: PROBATIO');
    expect(() => parseConfig(text, 'gateway.yaml')).toThrow(/gateway\.yaml:13: agencies\.1\.type: /);
  });

  it('refuses an agreement naming a role its recipient agency does not have', () => {
    const text = VALID.replace('{ agency: probation, roles: [probation_officer] }', '{ agency: probation, roles: [prison_officer] }');
    expect(() => parseConfig(text, 'gateway.yaml')).toThrow('gateway.yaml:23: agreements.DSA-RELEASE-01.recipients: agency probation has no role prison_officer');
  });

  it('names the line of a reference to an agency the config does not have', () => {
    const text = `${VALID}consent: { recorders: [{ agency: prison, roles: [prison_officer] }, { agency: welfare, roles: [social_worker] }] }\n`;
    const lines = text.split('\n').length - 1;
    expect(() => parseConfig(text, 'gateway.yaml')).toThrow(`gateway.yaml:${lines}: consent.recorders: unknown agency welfare`);
  });

  it('refuses unknown keys instead of ignoring them', () => {
    expect(() => parseConfig(`${VALID}\nenforcement: off\n`, 'gateway.yaml')).toThrow(/gateway\.yaml:\d+: \(root\): Unrecognized key/);
  });

  it('refuses an agreement whose conditions were left out, rather than releasing to every holder of its roles', () => {
    const text = VALID.replace('    requires: [assigned]\n', '');
    expect(() => parseConfig(text, 'gateway.yaml')).toThrow(/gateway\.yaml:\d+: agreements\.0\.requires: requires is required: list the conditions \(assigned, consent\), or \[\] for none/);
    expect(parseConfig(VALID.replace('requires: [assigned]', 'requires: []'), 'gateway.yaml').agreements[0]!.requires).toEqual([]);
  });

  it('reports broken YAML with its line', () => {
    expect(() => parseConfig('agencies: [\n  - id: x\n', 'bad.yaml')).toThrow(/invalid YAML\nbad\.yaml:\d+:/);
  });
});
