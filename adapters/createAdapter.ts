import { csvAdapter } from './csv/index.js';
import { restAdapter } from './rest/index.js';
import { AdapterConfigInvalid, type Adapter, type AdapterDeps, type AdapterFactory } from './sdk/index.js';
import { sqlAdapter } from './sql/index.js';

/** The adapter kinds the gateway can be configured with. */
export const ADAPTER_FACTORIES: Readonly<Record<string, AdapterFactory>> = {
  sql: sqlAdapter,
  rest: restAdapter,
  csv: csvAdapter,
};

/**
 * Creates an agency's adapter from its config block, choosing the factory by `kind`.
 * Throws `AdapterConfigInvalid` for an unknown kind (naming the known ones) or bad config,
 * `MappingInvalid` for a bad mapping file.
 */
export function createAdapter(agency: string, config: Record<string, unknown>, deps: AdapterDeps): Promise<Adapter> {
  const kind = config.kind;
  const factory = typeof kind === 'string' && Object.hasOwn(ADAPTER_FACTORIES, kind) ? ADAPTER_FACTORIES[kind] : undefined;
  if (!factory) {
    const known = Object.keys(ADAPTER_FACTORIES).join(', ');
    return Promise.reject(new AdapterConfigInvalid(agency, `${agency}: unknown adapter kind ${JSON.stringify(kind ?? null)} (known: ${known})`));
  }
  return factory(agency, config, deps);
}
