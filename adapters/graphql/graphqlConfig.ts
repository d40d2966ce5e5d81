import { z } from 'zod';
import { httpAuthConfig } from '../rest/index.js';

/** Config of a `kind: graphql` adapter: an agency that already exposes a GraphQL endpoint. */
export const graphqlConfig = z.strictObject({
  kind: z.literal('graphql'),
  /** The agency's GraphQL endpoint (POST, application/json). */
  url: z.url({ protocol: /^https?$/ }),
  mapping: z.string().min(1),
  deadlineMs: z.number().int().positive().default(2000),
  /** Keys per query (the list variable's length). */
  maxBatch: z.number().int().positive().default(100),
  connections: z.number().int().positive().default(8),
  maxResponseBytes: z.number().int().positive().default(32 * 1024 * 1024),
  auth: httpAuthConfig.optional(),
});

export type GraphqlConfig = z.output<typeof graphqlConfig>;
