/**
 * The probation service's officers (invented people): 24 officers across six offices. Their
 * `staffRef` appears on supervision orders; `sub` is the login subject the demo case teams use.
 */
import { pickName } from './names.js';
import { Rng } from './rng.js';
import type { Community } from './types.js';

export interface ProbationOfficer {
  staffRef: string;
  sub: string;
  name: string;
  office: string;
}

const OFFICES = ['Centar', 'Sever', 'Jug', 'Istok', 'Zapad', 'Sandžak'].map((o) => `Poverenička kancelarija ${o}`);
const COMMUNITIES: readonly Community[] = ['SERBIAN', 'BOSNIAK', 'MONTENEGRIN', 'MACEDONIAN', 'ALBANIAN'];

export const PROBATION_OFFICERS: readonly ProbationOfficer[] = (() => {
  const rng = new Rng(0x50524f42); // fixed: the staff list does not change with the world seed
  return Array.from({ length: 24 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const { givenName, familyName } = pickName(rng, COMMUNITIES[i % COMMUNITIES.length]!, rng.chance(0.55) ? 'FEMALE' : 'MALE');
    return { staffRef: `PO-${n}`, sub: `probation-po-${n}`, name: `${givenName} ${familyName}`, office: OFFICES[i % OFFICES.length]! };
  });
})();

/** The officer responsible for a person (stable per world seed and person). */
export function officerFor(seed: number, index: number): ProbationOfficer {
  return PROBATION_OFFICERS[(((seed * 31 + index) % 24) + 24) % 24]!;
}
