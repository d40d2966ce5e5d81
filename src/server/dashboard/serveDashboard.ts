import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The example statistics dashboard (GET /dashboard): one HTML file, one script, one stylesheet and
 * an icon from this folder, nothing from elsewhere; the charts are SVG drawn by that script from
 * the statistics API. On by default: it serves only these static files, and the numbers need a
 * token whose agency and role an agreement lets use data for purpose STATISTICS, which never
 * releases identity. The Content-Security-Policy is the audit page's: this origin's script, style
 * and GraphQL endpoint only, no inline code, no framing, Trusted Types enforced.
 */
export const DASHBOARD_CSP = [
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
  '/dashboard': { file: 'dashboard.html', type: 'text/html; charset=utf-8' },
  '/dashboard/': { file: 'dashboard.html', type: 'text/html; charset=utf-8' },
  '/dashboard/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
  '/dashboard/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

const cache = new Map<string, Buffer>();

function content(file: string): Buffer {
  let body = cache.get(file);
  if (!body) cache.set(file, (body = readFileSync(new URL(`./${file}`, import.meta.url))));
  return body;
}

/** Whether `path` belongs to the dashboard (`/dashboard`, `/dashboard/…`). */
export function isDashboardPath(path: string): boolean {
  return path === '/dashboard' || path.startsWith('/dashboard/');
}

/** Serves one of the dashboard's files, or 404/405. */
export function serveDashboard(req: IncomingMessage, res: ServerResponse, path: string): void {
  const entry = Object.hasOwn(FILES, path) ? FILES[path] : undefined;
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
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
