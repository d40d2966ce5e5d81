import { z } from 'zod';

/**
 * How the gateway authenticates to an agency's HTTP API (rest and graphql kinds). Secrets may
 * be written `env:NAME` and are read from the environment when the adapter starts.
 *
 * ```yaml
 * auth: { type: bearer, token: "env:PROBATION_TOKEN" }
 * auth: { type: clientCredentials, tokenUrl: "https://idp.example/oauth2/token",
 *         clientId: reintegra, clientSecret: "env:PROBATION_CLIENT_SECRET", scope: "clients.read" }
 * ```
 */
export const httpAuthConfig = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('bearer'), token: z.string().min(1) }),
  /** OAuth 2.0 client credentials grant (RFC 6749 §4.4); the token is cached and renewed before it expires. */
  z.strictObject({
    type: z.literal('clientCredentials'),
    tokenUrl: z.url({ protocol: /^https?$/ }),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scope: z.string().min(1).optional(),
    audience: z.string().min(1).optional(),
    /** `basic`: credentials in an Authorization header (client_secret_basic); `post`: in the form body. */
    method: z.enum(['basic', 'post']).default('basic'),
    /** Renew this long before the token expires (shorter-lived tokens: at half their life). */
    refreshBeforeSec: z.number().int().min(0).max(3600).default(30),
  }),
]);

export type HttpAuthConfig = z.output<typeof httpAuthConfig>;
