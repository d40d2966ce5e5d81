import { describe, expect, it } from 'vitest';
import type { CustodyRecord, PersonRecord, WelfareCaseRecord } from '../../../adapters/sdk/index.js';
import type { Principal } from '../../../src/auth/index.js';
import { demoPolicyConfig } from '../../../src/embedded/demoConfig.js';
import { buildExtractRows, mayReadStatistics, projectsFor, type Sourced } from '../../../src/statistics/index.js';

const principal = (agency: string, role: string): Principal => ({ sub: `${agency}-x`, agency, roles: [role] } as unknown as Principal);
const demo = demoPolicyConfig();

describe('who may read statistics', () => {
  it('lets an analyst named by a statistics agreement in force read statistics', () => {
    expect(mayReadStatistics(demo, principal('probation', 'analyst'), '2026-11-25')).toBe(true);
  });

  it('refuses a case worker, an analyst of an agency no agreement names, and any role after the agreement ends', () => {
    expect(mayReadStatistics(demo, principal('probation', 'probation_officer'), '2026-11-25')).toBe(false);
    expect(mayReadStatistics(demo, principal('ngo', 'analyst'), '2026-11-25')).toBe(false);
    expect(mayReadStatistics(demo, principal('probation', 'analyst'), '2028-01-01')).toBe(false);
  });

  it('lists only the projects the caller receives, while they are in force', () => {
    expect(projectsFor(demo, principal('welfare', 'analyst'), '2026-11-25').map((p) => p.id)).toEqual(['housing-needs-2026']);
    expect(projectsFor(demo, principal('probation', 'analyst'), '2025-12-31')).toEqual([]);
  });
});

describe('buildExtractRows', () => {
  const person = (ref: string, id: string | null): Sourced<PersonRecord> => ({
    agency: 'prison',
    record: { ref, nationalId: id ? { scheme: 'JMBG', value: id, country: 'RS' } : null, givenName: 'Marko', familyName: 'Petrović', script: 'LATIN', dateOfBirth: '1990-04-17', sex: 'MALE', municipality: 'Niš' },
  });
  const custody: Sourced<CustodyRecord> = {
    agency: 'prison',
    record: { ref: '17', establishment: 'KPZ', status: 'SENTENCED', admissionDate: '2025-03-02', sentence: { lengthMonths: 24, startDate: '2025-03-02', offences: [] }, earliestReleaseDate: null, expectedReleaseDate: '2027-03-01', paroleEligibilityDate: null },
  };

  it('keys rows by the project pseudonym and keeps only coarse attributes', () => {
    const rows = buildExtractRows({
      dataset: 'CUSTODY', records: [custody, { ...custody, record: { ...custody.record, ref: '18' } }], people: [person('17', '0101990710001'), person('18', null)],
      pseudonym: (id) => `p(${id.value.length})`, locationFrom: new Set(), healthFrom: new Set(),
    });
    expect(rows).toEqual([{
      pseudonym: 'p(13)', agency: 'prison', yearOfBirth: 1990, sex: 'MALE', municipality: null,
      establishment: 'KPZ', custodyStatus: 'SENTENCED', admissionYear: 2025, expectedReleaseYear: 2027,
    }]);
    expect(JSON.stringify(rows)).not.toMatch(/Marko|Petrović|0101990710001|"17"/);
  });

  it('lists need domains at medium or high level, health only where it may be used', () => {
    const welfare: Sourced<WelfareCaseRecord> = {
      agency: 'prison',
      record: { ref: '17', caseNumber: 'CSR-1', centre: 'Niš', status: 'OPEN', openedOn: null, services: [], needs: [
        { domain: 'HOUSING', level: 'HIGH', assessedOn: null }, { domain: 'FAMILY', level: 'LOW', assessedOn: null }, { domain: 'HEALTH', level: 'HIGH', assessedOn: null }] },
    };
    const input = { dataset: 'WELFARE' as const, records: [welfare], people: [person('17', '0101990710001')], pseudonym: () => 'p', locationFrom: new Set(['prison']) };
    expect(buildExtractRows({ ...input, healthFrom: new Set() })[0]).toMatchObject({ welfareStatus: 'OPEN', needDomains: ['HOUSING'], municipality: 'Niš' });
    expect(buildExtractRows({ ...input, healthFrom: new Set(['prison']) })[0]!.needDomains).toEqual(['HEALTH', 'HOUSING']);
    expect(JSON.stringify(buildExtractRows({ ...input, healthFrom: new Set() }))).not.toContain('CSR-1');
  });
});
