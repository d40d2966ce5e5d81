import type { z } from 'zod';
import { AdapterConfigInvalid } from './errors.js';

/**
 * Validates an adapter's config block against its kind's schema. Throws `AdapterConfigInvalid`
 * naming the agency and every offending key; values are not echoed (a config holds secrets).
 */
export function parseAdapterConfig<S extends z.ZodType>(agency: string, kind: string, schema: S, config: unknown): z.output<S> {
  const result = schema.safeParse(config);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(config)'}: ${i.message}`);
  throw new AdapterConfigInvalid(agency, `${agency}: invalid ${kind} adapter config: ${problems.join('; ')}`);
}
