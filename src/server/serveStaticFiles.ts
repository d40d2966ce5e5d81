import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The strict policy of the gateway's own pages (/audit, /dashboard): this origin's script, style
 * and GraphQL endpoint only, no inline code, no framing, and Trusted Types enforced, so data
 * rendered on a page cannot execute.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

export interface StaticFile {
  /** Where the file is; read once, on its first request. */
  location: () => string | URL;
  type: string;
}

export const HTML = 'text/html; charset=utf-8';
export const JS = 'text/javascript; charset=utf-8';
export const CSS = 'text/css; charset=utf-8';
export const SVG = 'image/svg+xml';

export type StaticFileServer = (req: IncomingMessage, res: ServerResponse, path: string) => void;

/**
 * Serves a fixed set of files by request path (an allow-list: nothing else is reachable), with
 * `csp` and the isolation headers every page of the gateway sends; 405 for anything but GET and
 * HEAD, 404 for a path not in `files`.
 */
export function serveStaticFiles(files: Readonly<Record<string, StaticFile>>, csp: string, headers: Readonly<Record<string, string>> = {}): StaticFileServer {
  const cache = new Map<string, Buffer>();
  return (req, res, path) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      res.statusCode = 405;
      res.end();
      return;
    }
    const entry = Object.hasOwn(files, path) ? files[path]! : undefined;
    if (!entry) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not found.');
      return;
    }
    let body = cache.get(path);
    if (!body) cache.set(path, (body = readFileSync(entry.location())));
    res.statusCode = 200;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('Content-Type', entry.type);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
