import { z } from 'zod';

/** Config of a `kind: rest` adapter. */
export const restConfig = z.strictObject({
  kind: z.literal('rest'),
  baseUrl: z.url({ protocol: /^https?$/ }),
  mapping: z.string().min(1),
  deadlineMs: z.number().int().positive().default(2000),
  maxBatch: z.number().int().positive().default(100),
  /** Keep-alive connections to the agency's origin. */
  connections: z.number().int().positive().default(8),
  healthPath: z.string().startsWith('/').default('/health'),
  /** Larger answers are refused (AdapterUnavailable) rather than buffered. */
  maxResponseBytes: z.number().int().positive().default(32 * 1024 * 1024),
  /** `token` may be `env:NAME`, read from the environment when the adapter starts. */
  auth: z.strictObject({ type: z.literal('bearer'), token: z.string().min(1) }).optional(),
});

export type RestConfig = z.output<typeof restConfig>;
