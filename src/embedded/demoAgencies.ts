import type { AgencyConfig } from '../config/index.js';

/** The four simulated agencies of the embedded demo: ids, names, kinds and roles. */
export const DEMO_AGENCIES: ReadonlyArray<Pick<AgencyConfig, 'id' | 'name' | 'type' | 'roles'>> = [
  { id: 'prison', name: 'Directorate for the Execution of Criminal Sanctions', type: 'PRISON', roles: ['prison_officer', 'prison_case_manager', 'prison_psychologist'] },
  { id: 'probation', name: 'Probation Service', type: 'PROBATION', roles: ['probation_officer', 'probation_manager'] },
  { id: 'welfare', name: 'Centre for Social Work', type: 'WELFARE', roles: ['social_worker', 'case_coordinator'] },
  { id: 'ngo', name: 'Civil-society programme partner', type: 'CSO', roles: ['programme_worker'] },
];

/** Demo only: a fixed key so person ids stay the same across restarts of the demo. */
export const DEMO_PSEUDONYM_KEY = 'demo-only-pseudonym-key--never-use-in-a-deployment';
