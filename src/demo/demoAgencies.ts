/**
 * The four agencies of the demo world: identity, type, the roles their staff hold (for access
 * control), and where their mapping files live. Adapter configs themselves are built by
 * `startDemoWorld`, since they carry runtime values (the probation URL, the NGO folder).
 */
import { fileURLToPath } from 'node:url';
import type { AgencyId } from './types.js';

export interface DemoAgencyInfo {
  id: AgencyId;
  name: string;
  type: 'PRISON' | 'PROBATION' | 'WELFARE' | 'CSO';
  roles: readonly string[];
}

export const DEMO_AGENCIES: Readonly<Record<AgencyId, DemoAgencyInfo>> = {
  prison: {
    id: 'prison',
    name: 'Directorate for the Execution of Criminal Sanctions',
    type: 'PRISON',
    roles: ['prison_officer', 'prison_case_manager', 'prison_psychologist'],
  },
  probation: {
    id: 'probation',
    name: 'Probation Service',
    type: 'PROBATION',
    roles: ['probation_officer', 'probation_manager'],
  },
  welfare: {
    id: 'welfare',
    name: 'Centre for Social Work',
    type: 'WELFARE',
    roles: ['social_worker', 'case_coordinator'],
  },
  ngo: {
    id: 'ngo',
    name: 'Novi Korak Association',
    type: 'CSO',
    roles: ['programme_worker'],
  },
};

/** Absolute path of an agency's mapping file (src/demo/mappings/<agency>.yaml). */
export function mappingPath(agency: AgencyId): string {
  return fileURLToPath(new URL(`./mappings/${agency}.yaml`, import.meta.url));
}
