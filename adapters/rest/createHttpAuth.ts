import { ClientCredentialsToken } from './ClientCredentialsToken.js';
import type { HttpAuthConfig } from './httpAuthConfig.js';
import { readSecret } from '../sdk/index.js';

/** The Authorization header an agency API call carries. */
export interface HttpAuth {
  /** The header value, or undefined without auth. Rejects when a token cannot be had. */
  header(signal: AbortSignal): Promise<string | undefined>;
  /** The API answered 401 to `header`: forget it. True when asking again may get a new one. */
  refused(header: string): boolean;
}

const NO_AUTH: HttpAuth = { header: async () => undefined, refused: () => false };

/** Builds the auth of a rest/graphql adapter; secrets (`env:NAME`) are read now. */
export function createHttpAuth(agency: string, config: HttpAuthConfig | undefined, timeoutMs: number): HttpAuth {
  if (!config) return NO_AUTH;
  if (config.type === 'bearer') {
    const value = `Bearer ${readSecret(agency, config.token, 'auth token')}`;
    return { header: async () => value, refused: () => false };
  }
  const token = new ClientCredentialsToken({
    agency,
    tokenUrl: config.tokenUrl,
    clientId: readSecret(agency, config.clientId, 'auth clientId'),
    clientSecret: readSecret(agency, config.clientSecret, 'auth clientSecret'),
    ...(config.scope === undefined ? {} : { scope: config.scope }),
    ...(config.audience === undefined ? {} : { audience: config.audience }),
    method: config.method,
    refreshBeforeSec: config.refreshBeforeSec,
    timeoutMs,
  });
  return {
    header: async (signal) => `Bearer ${await token.get(signal)}`,
    refused(header) {
      token.invalidate(header.slice('Bearer '.length));
      return true;
    },
  };
}
