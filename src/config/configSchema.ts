import { z } from 'zod';

/** Short, stable ids (agencies, clients, …): appear in tokens, audit events and errors. */
export const ID_PATTERN = /^[a-z][a-z0-9_-]{1,31}$/;
const Id = z.string().regex(ID_PATTERN, 'must be 2–32 lower-case letters, digits, _ or -');

export const AGENCY_TYPES = ['PRISON', 'PROBATION', 'WELFARE', 'MUNICIPALITY', 'CSO', 'POLICE'] as const;
export const DATA_CATEGORIES = [
  'IDENTITY', 'CONTACT', 'LOCATION', 'CUSTODY', 'OFFENCE', 'SUPERVISION', 'INTERVENTION',
  'RISK', 'WELFARE', 'HEALTH', 'FAMILY', 'PLAN', 'STAFF',
] as const;
export const PURPOSES = [
  'CASE_MANAGEMENT', 'RISK_ASSESSMENT', 'RELEASE_PLANNING', 'REINTEGRATION_SUPPORT',
  'SUPERVISION', 'STATISTICS', 'AUDIT', 'EMERGENCY',
] as const;

export type DataCategory = (typeof DATA_CATEGORIES)[number];
export type Purpose = (typeof PURPOSES)[number];

const Issuer = z.strictObject({
  iss: z.string().min(1),
  /** `file:path` (JWKS JSON), an https URL, or an inline JWKS object. */
  jwks: z.union([z.string().min(1), z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())).min(1) })]),
  /** How long keys fetched from a JWKS URL are trusted without refetching; when a refetch fails after that, tokens are refused. */
  jwksCacheSeconds: z.number().int().min(1).max(86_400).default(600),
  audience: z.string().min(1).default('reintegra'),
  algorithms: z.array(z.enum(['ES256', 'ES384', 'EdDSA', 'RS256', 'PS256'])).default(['ES256', 'EdDSA', 'RS256', 'PS256']),
  clockToleranceSec: z.number().int().min(0).max(300).default(30),
  /** Tokens expiring later than this from now are refused: a leaked token must not work for years. */
  maxTokenLifetimeSeconds: z.number().int().min(60).max(604_800).default(86_400),
});

const Agency = z.strictObject({
  id: Id,
  name: z.string().min(1),
  type: z.enum(AGENCY_TYPES),
  issuer: Issuer,
  /** Passed to the adapter factory chosen by `kind`; each kind validates the rest. */
  adapter: z.looseObject({ kind: z.string().min(1) }),
  roles: z.array(Id).min(1),
});

const AgencyRoles = z.strictObject({ agency: Id, roles: z.array(Id).min(1) });

const Agreement = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9-]{2,63}$/, 'must be upper-case letters, digits and -'),
  title: z.string().min(1),
  basis: z.strictObject({ type: z.enum(['STATUTE', 'COURT_ORDER', 'CONSENT']), citation: z.string().min(1) }),
  providers: z.array(Id).min(1),
  recipients: z.array(AgencyRoles).min(1),
  purposes: z.array(z.enum(PURPOSES)).min(1),
  categories: z.array(z.enum(DATA_CATEGORIES)).min(1),
  // Stated, never defaulted: an agreement whose conditions were forgotten would release to every
  // holder of a recipient role. `[]` says so on purpose (aggregate statistics).
  requires: z.array(z.enum(['assigned', 'consent']), { error: (issue) => (issue.input === undefined ? 'requires is required: list the conditions (assigned, consent), or [] for none' : undefined) }),
  valid: z.strictObject({ from: z.iso.date(), until: z.iso.date().optional() }),
});

const Store = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('postgres'), url: z.string().min(1), poolSize: z.number().int().min(1).max(64).default(8) }),
  /** Embedded PostgreSQL; without dataDir it lives in memory (the demo). */
  z.strictObject({ kind: z.literal('pglite'), dataDir: z.string().min(1).optional() }),
]);

export const ConfigSchema = z.strictObject({
  server: z.strictObject({
    port: z.number().int().min(0).max(65535).default(4000),
    host: z.string().default('127.0.0.1'),
    introspection: z.boolean().default(false),
    /** GraphiQL at `GET /graphql` for browsers (needs `introspection`); the embedded demo turns it on. */
    graphiql: z.boolean().default(false),
    /**
     * How operations are executed: `jit` compiles each operation once (graphql-jit) and reuses it;
     * `graphql-js` is the reference executor. Same schema, resolvers and enforcement either way.
     */
    execution: z.enum(['jit', 'graphql-js']).default('jit'),
    bodyLimitBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(1024 * 1024),
    /** A request still running after this time is answered with what has arrived; agency calls still waiting are aborted. */
    requestTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** A client must send its request headers within this time (slow-client defence). */
    headersTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
    /** Limits on what one operation may ask for, checked before it runs. */
    limits: z.strictObject({
      maxDepth: z.number().int().min(2).max(100).default(12),
      maxAliases: z.number().int().min(0).max(1000).default(20),
      maxDirectives: z.number().int().min(0).max(1000).default(20),
      maxTokens: z.number().int().min(100).max(1_000_000).default(5000),
      maxCost: z.number().int().min(50).max(10_000_000).default(25_000),
      /** People one `people(identifiers:)` request may ask for. */
      maxPeople: z.number().int().min(1).max(10_000).default(500),
    }).prefault({}),
    /** Per caller (agency + subject), per gateway replica: a token bucket. */
    rateLimit: z.strictObject({
      requestsPerMinute: z.number().int().min(1).max(1_000_000).default(600),
      burst: z.number().int().min(1).max(100_000).default(100),
    }).prefault({}),
  }).prefault({}),
  /**
   * Trusted operations per client (`azp`/`client_id` of the token, else its `sub`): `off` runs any
   * operation; `log` runs unknown ones and logs them; `enforce` refuses them.
   */
  persistedOperations: z.strictObject({
    mode: z.enum(['off', 'log', 'enforce']).default('off'),
    /** JSON manifest: `{ "<client>": { "<operation id>": "<document>" } }`. */
    manifest: z.string().min(1).optional(),
  }).prefault({}),
  store: Store,
  pseudonyms: z.strictObject({
    /** HMAC key for person ids and audit pseudonyms: `env:NAME`, or the key itself (≥ 32 chars). */
    key: z.string().min(1),
    /**
     * Earlier keys after a rotation, newest first (same forms): stored metadata is found and
     * re-keyed on touch, and the audit log is searched under them. See README, "Identity linkage".
     */
    previousKeys: z.array(z.string().min(1)).max(8).default([]),
  }),
  agencies: z.array(Agency).min(1),
  agreements: z.array(Agreement).default([]),
  emergency: z.strictObject({
    roles: z.array(Id).default([]),
    categories: z.array(z.enum(DATA_CATEGORIES)).default([]),
  }).prefault({}),
  /** Who may record and withdraw consents (on behalf of the providing agency, the controller). */
  consent: z.strictObject({ recorders: z.array(AgencyRoles).default([]) }).prefault({}),
  /** Who may add and remove case-team members (need to know). */
  caseTeams: z.strictObject({ coordinators: z.array(AgencyRoles).default([]) }).prefault({}),
  /** Statistics for dashboard builders (schema/statistics.graphql, src/statistics). */
  statistics: z.strictObject({
    /** Cells (and totals) counting fewer people are withheld; at least 3. */
    minCellSize: z.number().int().min(3).max(1000).default(5),
    /** How long a suppressed table may be reused for callers with the same sources (no personal data once suppressed); 0: never. */
    cacheSeconds: z.number().int().min(0).max(3600).default(60),
    /** Approved analysis projects that may receive pseudonymous row-level extracts. */
    projects: z.array(z.strictObject({
      id: Id,
      title: z.string().min(1),
      approvedBy: z.string().min(1),
      basis: z.string().min(1),
      recipients: z.array(AgencyRoles).min(1),
      datasets: z.array(z.enum(['CUSTODY', 'PROGRAMMES', 'SUPERVISION', 'WELFARE'])).min(1),
      valid: z.strictObject({ from: z.iso.date(), until: z.iso.date() }),
    })).default([]),
  }).prefault({}),
  /**
   * The audit log's checkpoints. `signingKey`: a private EC P-256 or Ed25519 JWK as `env:NAME`,
   * `file:path` or the JSON itself; `previousKeys`: a JWKS of earlier public keys (after a
   * rotation). Without this block events are still hashed into the log, but nothing is signed.
   */
  audit: z.strictObject({
    signingKey: z.string().min(1),
    previousKeys: z.string().min(1).optional(),
    checkpointIntervalSeconds: z.number().int().min(1).max(86_400).default(60),
  }).optional(),
});

export type GatewayConfig = z.infer<typeof ConfigSchema>;
export type AgencyConfig = GatewayConfig['agencies'][number];
export type AgreementConfig = GatewayConfig['agreements'][number];
export type StatisticsProjectConfig = GatewayConfig['statistics']['projects'][number];
