import { Pool } from 'undici';
import { AdapterUnavailable } from '../sdk/index.js';
import type { HttpAuth } from './createHttpAuth.js';
import { BodyRefused, readJsonBody } from './readJsonBody.js';

export interface JsonClientOptions {
  agency: string;
  /** Base URL; request paths are relative to its path. */
  baseUrl: string;
  connections: number;
  maxResponseBytes: number;
  auth: HttpAuth;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  /** Path and query, relative to the base URL's path (starts with `/`; `''` is the base URL itself). */
  path: string;
  body?: string;
  signal: AbortSignal;
  /** Names the call in error messages (the entity). */
  what: string;
}

/** Statuses after which asking again may succeed. */
const TRANSIENT_STATUS = new Set([408, 429, 502, 503, 504]);

/**
 * JSON over one keep-alive undici `Pool` per agency origin (global fetch cost 12% CPU under
 * load, DESIGN). A non-2xx answer, invalid JSON or an oversized body is `AdapterUnavailable`
 * naming the status, never the body; 401 with a renewable token is retried once with a new one.
 */
export class JsonClient {
  readonly origin: string;
  /** The base URL's path without a trailing slash. */
  readonly prefix: string;
  private readonly pool: Pool;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: JsonClientOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.pool = new Pool(base.origin, { connections: options.connections, keepAliveTimeout: 10_000 });
  }

  async request(req: JsonRequest): Promise<unknown> {
    const { agency } = this.options;
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.options.auth.header(req.signal);
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(authorization ? { authorization } : {}),
      };
      const response = await this.pool.request({ path: `${this.prefix}${req.path}` || '/', method: req.method, headers, body: req.body ?? null, signal: req.signal });
      if (response.statusCode === 401 && attempt === 0 && authorization && this.options.auth.refused(authorization)) {
        await response.body.dump().catch(() => {});
        continue;
      }
      if (response.statusCode < 200 || response.statusCode > 299) {
        await response.body.dump().catch(() => {});
        throw new AdapterUnavailable(agency, `${agency}: ${req.what}: HTTP ${response.statusCode}`, { transient: TRANSIENT_STATUS.has(response.statusCode) });
      }
      try {
        return await readJsonBody(response, this.options.maxResponseBytes);
      } catch (error) {
        if (error instanceof BodyRefused) throw new AdapterUnavailable(agency, `${agency}: ${req.what}: ${error.message}`, { transient: false });
        throw error;
      }
    }
  }

  /** GET `path` within `timeoutMs`; true on 2xx. Never throws. */
  async probe(path: string, timeoutMs: number): Promise<{ ok: boolean; status?: number; code?: string }> {
    try {
      const authorization = await this.options.auth.header(AbortSignal.timeout(timeoutMs)).catch(() => undefined);
      const response = await this.pool.request({
        path: `${this.prefix}${path}`, method: 'GET', headers: authorization ? { authorization } : {}, signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body.dump().catch(() => {});
      return { ok: response.statusCode >= 200 && response.statusCode <= 299, status: response.statusCode };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { ok: false, ...(typeof code === 'string' ? { code } : {}) };
    }
  }

  close(): Promise<void> {
    this.closing ??= this.pool.close().catch(() => this.pool.destroy()).then(() => undefined);
    return this.closing;
  }
}
