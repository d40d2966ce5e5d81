import { z } from 'zod';

const common = {
  kind: z.literal('sql'),
  /** PostgreSQL schema, or MariaDB database, that table sources are qualified with. */
  schema: z.string().optional(),
  mapping: z.string().min(1),
  deadlineMs: z.number().int().positive().default(2000),
  maxBatch: z.number().int().positive().default(1000),
};

/** Config of a `kind: sql` adapter, one variant per dialect. */
export const sqlConfig = z.discriminatedUnion('dialect', [
  /** `url` may be `env:NAME` (the whole URL, password included, from the environment). */
  z.strictObject({ ...common, dialect: z.literal('postgres'), url: z.string().min(1), poolSize: z.number().int().positive().default(4) }),
  z.strictObject({ ...common, dialect: z.literal('pglite'), dataDir: z.string().min(1).optional() }),
  z.strictObject({
    ...common,
    dialect: z.literal('mariadb'),
    /** `mariadb://user:password@host:3306/database` (or `mysql://`), or `env:NAME` holding one. */
    url: z.string().regex(/^((mariadb|mysql):\/\/|env:)/, 'must start with mariadb://, mysql:// or env:'),
    poolSize: z.number().int().positive().default(4),
    /** Require TLS with a verified server certificate. */
    tls: z.boolean().default(false),
  }),
]);

export type SqlConfig = z.output<typeof sqlConfig>;
