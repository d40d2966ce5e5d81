import type { ConsentInput } from '../consent/index.js';
import type { World } from '../demo/index.js';

/**
 * The demo's consents: everyone known to all four agencies, and every second other person the
 * centre for social work or the NGO knows, has consented to their welfare case and programme
 * participation being shared for release planning, supervision and reintegration support.
 */
export function demoConsents(world: World, subjectOf: (scheme: World['people'][number]['nationalId']['scheme'], value: string) => string): ConsentInput[] {
  const core = new Set(world.knownToAll);
  const out: ConsentInput[] = [];
  const purposes = ['RELEASE_PLANNING', 'SUPERVISION', 'REINTEGRATION_SUPPORT'] as const;
  for (const p of world.people) {
    if (!core.has(p.nationalId.value) && p.index % 2 === 1) continue;
    const subject = subjectOf(p.nationalId.scheme, p.nationalId.value);
    if (p.refs.welfare) {
      out.push({ subject, provider: 'welfare', recipients: ['probation', 'prison'], categories: ['IDENTITY', 'WELFARE', 'FAMILY', 'PLAN'], purposes: [...purposes], validFrom: '2025-01-01', validUntil: null, evidenceRef: `CSR/SAGL/${p.refs.welfare}` });
    }
    if (p.refs.ngo) {
      out.push({ subject, provider: 'ngo', recipients: ['probation', 'welfare', 'prison'], categories: ['IDENTITY', 'INTERVENTION'], purposes: [...purposes], validFrom: '2025-01-01', validUntil: null, evidenceRef: `NK/consent/${p.refs.ngo}` });
    }
  }
  return out;
}
