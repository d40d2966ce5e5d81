import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The privacy officers' page (GET /audit): one HTML file, one script, one stylesheet and an icon
 * from this folder, nothing from elsewhere. The Content-Security-Policy allows only this origin's script,
 * style and GraphQL endpoint, no inline code, no framing, and enforces Trusted Types, so event
 * contents rendered on the page cannot execute. The token is pasted into the page and sent only
 * to /graphql.
 */
export const AUDIT_PAGE_CSP = [
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

const FILES: Record<string, { file: string; type: string }> = {
  '/audit': { file: 'auditPage.html', type: 'text/html; charset=utf-8' },
  '/audit/': { file: 'auditPage.html', type: 'text/html; charset=utf-8' },
  '/audit/auditPage.js': { file: 'auditPage.js', type: 'text/javascript; charset=utf-8' },
  '/audit/auditPage.css': { file: 'auditPage.css', type: 'text/css; charset=utf-8' },
  '/audit/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

const cache = new Map<string, Buffer>();

function content(file: string): Buffer {
  let body = cache.get(file);
  if (!body) cache.set(file, (body = readFileSync(new URL(`./${file}`, import.meta.url))));
  return body;
}

/** Whether `path` belongs to the page (`/audit`, `/audit/…`). */
export function isAuditPagePath(path: string): boolean {
  return path === '/audit' || path.startsWith('/audit/');
}

/** Serves one of the page's files, or 404/405. */
export function serveAuditPage(req: IncomingMessage, res: ServerResponse, path: string): void {
  const entry = FILES[path];
  res.setHeader('Content-Security-Policy', AUDIT_PAGE_CSP);
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
  if (!entry) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found.');
    return;
  }
  const body = content(entry.file);
  res.statusCode = 200;
  res.setHeader('Content-Type', entry.type);
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
