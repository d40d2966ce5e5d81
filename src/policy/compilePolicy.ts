import type { DataCategory, GatewayConfig, Purpose } from '../config/index.js';

export interface CompiledAgreement {
  id: string;
  basis: string;
  providers: ReadonlySet<string>;
  /** `agency\0role` pairs. */
  recipients: ReadonlySet<string>;
  purposes: ReadonlySet<Purpose>;
  categories: ReadonlySet<DataCategory>;
  requiresAssigned: boolean;
  requiresConsent: boolean;
  from: string;
  until: string | null;
}

/** The config's policy in the shape rules read fast: sets instead of arrays, agreements indexed by provider. */
export interface CompiledPolicy {
  byProvider: ReadonlyMap<string, readonly CompiledAgreement[]>;
  emergencyRoles: ReadonlySet<string>;
  emergencyCategories: ReadonlySet<DataCategory>;
}

export function compilePolicy(config: Pick<GatewayConfig, 'agreements' | 'emergency'>): CompiledPolicy {
  const byProvider = new Map<string, CompiledAgreement[]>();
  for (const a of config.agreements) {
    const compiled: CompiledAgreement = {
      id: a.id,
      basis: `${a.basis.type}: ${a.basis.citation}`,
      providers: new Set(a.providers),
      recipients: new Set(a.recipients.flatMap((r) => r.roles.map((role) => `${r.agency}\u0000${role}`))),
      purposes: new Set(a.purposes),
      categories: new Set(a.categories),
      requiresAssigned: a.requires.includes('assigned'),
      requiresConsent: a.requires.includes('consent'),
      from: a.valid.from,
      until: a.valid.until ?? null,
    };
    for (const p of a.providers) byProvider.set(p, [...(byProvider.get(p) ?? []), compiled]);
  }
  return {
    byProvider,
    emergencyRoles: new Set(config.emergency.roles),
    emergencyCategories: new Set(config.emergency.categories),
  };
}
