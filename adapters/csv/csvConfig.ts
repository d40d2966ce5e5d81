import { z } from 'zod';

/** Config of a `kind: csv` adapter. */
export const csvConfig = z.strictObject({
  kind: z.literal('csv'),
  /** Folder the partner drops files in (relative to the gateway config). */
  path: z.string().min(1),
  mapping: z.string().min(1),
  deadlineMs: z.number().int().positive().default(2000),
  maxBatch: z.number().int().positive().default(1000),
});

export type CsvConfig = z.output<typeof csvConfig>;
