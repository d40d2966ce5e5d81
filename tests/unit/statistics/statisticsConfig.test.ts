import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/index.js';
import { demoPolicyConfig } from '../../../src/embedded/demoConfig.js';

const base = () => {
  const demo = demoPolicyConfig();
  return { ...demo, agencies: demo.agencies.map((a) => ({ ...a })) } as Record<string, any>;
};
const project = { id: 'p1', title: 'T', approvedBy: 'Board', basis: 'Law', recipients: [{ agency: 'probation', roles: ['analyst'] }], datasets: ['CUSTODY'], valid: { from: '2026-01-01', until: '2026-12-31' } };

describe('statistics config', () => {
  it('defaults the minimum cell size to 5 and the cache to 60 seconds', () => {
    const config = validateConfig({ ...base(), statistics: undefined });
    expect(config.statistics).toEqual({ minCellSize: 5, cacheSeconds: 60, projects: [] });
  });

  it('refuses a minimum cell size below 3', () => {
    expect(() => validateConfig({ ...base(), statistics: { minCellSize: 2 } })).toThrow(/statistics\.minCellSize/);
  });

  it('refuses a project whose recipient role does not exist', () => {
    expect(() => validateConfig({ ...base(), statistics: { projects: [{ ...project, recipients: [{ agency: 'probation', roles: ['nobody'] }] }] } }))
      .toThrow('statistics.projects.p1.recipients: agency probation has no role nobody');
  });

  it('refuses a project approved until before it starts', () => {
    expect(() => validateConfig({ ...base(), statistics: { projects: [{ ...project, valid: { from: '2026-01-01', until: '2025-01-01' } }] } }))
      .toThrow('statistics.projects.p1.valid: until is before from');
  });

  it('gives the demo one statistics agreement per kind of basis and two approved projects', () => {
    const demo = demoPolicyConfig();
    expect(demo.agreements.filter((a) => a.purposes.includes('STATISTICS')).map((a) => a.id)).toEqual(['DSA-STATISTICS-07', 'DSA-STATISTICS-NGO-08']);
    expect(demo.statistics.projects.map((p) => p.id)).toEqual(['recidivism-2026', 'housing-needs-2026']);
  });
});
