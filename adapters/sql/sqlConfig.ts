import { z } from 'zod';

const common = {
  kind: z.literal('sql'),
  schema: z.string().optional(),
  mapping: z.string().min(1),
  deadlineMs: z.number().int().positive().default(2000),
  maxBatch: z.number().int().positive().default(1000),
};

/** Config of a `kind: sql` adapter, one variant per dialect. */
export const sqlConfig = z.discriminatedUnion('dialect', [
  z.strictObject({ ...common, dialect: z.literal('postgres'), url: z.string().min(1), poolSize: z.number().int().positive().default(4) }),
  z.strictObject({ ...common, dialect: z.literal('pglite'), dataDir: z.string().min(1).optional() }),
]);

export type SqlConfig = z.output<typeof sqlConfig>;
