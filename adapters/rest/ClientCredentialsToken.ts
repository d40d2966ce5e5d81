import { request } from 'undici';
import { AdapterUnavailable, untilAborted } from '../sdk/index.js';
import { BodyRefused, readJsonBody } from './readJsonBody.js';

export interface ClientCredentialsOptions {
  agency: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  audience?: string;
  method: 'basic' | 'post';
  refreshBeforeSec: number;
  /** Bound on one token request, whoever waits for it. */
  timeoutMs: number;
  /** Lifetime assumed when the token endpoint states no `expires_in`. */
  defaultTtlSec?: number;
  now?: () => number;
}

interface Cached {
  token: string;
  /** Epoch ms after which the token is not used. */
  expiresAt: number;
  /** Epoch ms after which a renewal starts (in the background while the token is still valid). */
  refreshAt: number;
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const BACKGROUND_RETRY_MS = 5000;
const form = (fields: Record<string, string | undefined>): string =>
  Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v!)}`).join('&');

/**
 * An OAuth 2.0 client-credentials access token for one agency API, fetched on first use and
 * cached. Concurrent callers share one token request. Within `refreshBeforeSec` of expiry (or
 * past half the life of a short-lived token) a renewal starts in the background and callers keep
 * the valid token; only an expired or invalidated token makes callers wait. Failures are
 * `AdapterUnavailable` naming the HTTP status or network code, never the response body.
 */
export class ClientCredentialsToken {
  private cached: Cached | null = null;
  private pending: Promise<Cached> | null = null;
  /** When a background renewal last failed: the next is not tried for a while. */
  private failedAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A valid access token; rejects with the caller's signal reason when it aborts first. */
  async get(signal: AbortSignal): Promise<string> {
    const now = this.now();
    const cached = this.cached;
    if (cached && now < cached.expiresAt) {
      // A failing token endpoint is not asked on every call while the old token still works.
      if (now >= cached.refreshAt && now - this.failedAt >= BACKGROUND_RETRY_MS) {
        this.renew().catch(() => (this.failedAt = this.now()));
      }
      return cached.token;
    }
    return (await untilAborted(this.renew(), signal)).token;
  }

  /** Forgets `token` (the API refused it), so the next `get` fetches a new one. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private renew(): Promise<Cached> {
    this.pending ??= this.fetchToken().then(
      (fresh) => {
        this.pending = null;
        this.cached = fresh;
        return fresh;
      },
      (error: unknown) => {
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }

  private async fetchToken(): Promise<Cached> {
    const o = this.options;
    const fail = (why: string, options?: { cause?: unknown; transient?: boolean }): AdapterUnavailable =>
      new AdapterUnavailable(o.agency, `${o.agency}: token endpoint ${why}`, options);
    const basic = o.method === 'basic';
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64 in the Basic header.
    if (basic) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(o.clientId)}:${encodeURIComponent(o.clientSecret)}`).toString('base64')}`;
    const body = form({
      grant_type: 'client_credentials',
      scope: o.scope,
      audience: o.audience,
      ...(basic ? {} : { client_id: o.clientId, client_secret: o.clientSecret }),
    });
    let response;
    try {
      response = await request(o.tokenUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs) });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw fail(`could not be reached${typeof code === 'string' ? ` (${code})` : ''}`, { cause: error });
    }
    if (response.statusCode < 200 || response.statusCode > 299) {
      await response.body.dump().catch(() => {});
      throw fail(`answered HTTP ${response.statusCode}`, { transient: TRANSIENT_STATUS.has(response.statusCode) });
    }
    let json: unknown;
    try {
      json = await readJsonBody(response, 64 * 1024);
    } catch (error) {
      throw fail(error instanceof BodyRefused ? error.message : 'answer could not be read', { cause: error });
    }
    const t = json as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    if (typeof t.access_token !== 'string' || t.access_token === '' || /[\r\n]/.test(t.access_token)) throw fail('answered without a usable access_token');
    if (typeof t.token_type === 'string' && t.token_type.toLowerCase() !== 'bearer') throw fail('answered a token type other than Bearer');
    const ttlSec = typeof t.expires_in === 'number' && t.expires_in > 0 ? t.expires_in : o.defaultTtlSec ?? 300;
    const now = this.now();
    const early = Math.min(o.refreshBeforeSec, ttlSec / 2);
    return { token: t.access_token, expiresAt: now + ttlSec * 1000, refreshAt: now + (ttlSec - early) * 1000 };
  }
}
