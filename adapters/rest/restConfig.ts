import { z } from 'zod';
import { httpAuthConfig } from './httpAuthConfig.js';

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
  /**
   * Longest request URL (path and query) the agency's server accepts: chunks are cut so their
   * key list fits, and a single key that cannot fit is answered with `AdapterKeyRefused`.
   */
  maxUrlLength: z.number().int().min(256).default(8000),
  /**
   * Where the agency lists its person references, for statistics (`listKeys`): GET
   * `<path>?after=<last ref>&limit=<n>` answering the refs in ascending order (under `itemsAt`).
   * Serves every entity keyed by person ref. Without it the adapter cannot be scanned.
   */
  listKeys: z.strictObject({
    path: z.string().startsWith('/'),
    itemsAt: z.string().min(1).optional(),
  }).optional(),
  /** `bearer` (a fixed token) or `clientCredentials` (OAuth 2.0); secrets may be `env:NAME`. */
  auth: httpAuthConfig.optional(),
});

export type RestConfig = z.output<typeof restConfig>;
