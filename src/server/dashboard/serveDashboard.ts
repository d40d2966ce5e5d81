import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSS, HTML, JS, PAGE_CSP, SVG, serveStaticFiles } from '../serveStaticFiles.js';

/**
 * The example statistics dashboard (GET /dashboard): one HTML file, one script, one stylesheet and
 * an icon from this folder, nothing from elsewhere; the charts are SVG drawn by that script from
 * the statistics API. On by default: it serves only these static files, and the numbers need a
 * token whose agency and role an agreement lets use data for purpose STATISTICS, which never
 * releases identity. The Content-Security-Policy is the audit page's (`PAGE_CSP`): this origin's script, style
 * and GraphQL endpoint only, no inline code, no framing, Trusted Types enforced.
 */
const here = (file: string) => () => new URL(`./${file}`, import.meta.url);

const serve = serveStaticFiles(
  {
    '/dashboard': { location: here('dashboard.html'), type: HTML },
    '/dashboard/': { location: here('dashboard.html'), type: HTML },
    '/dashboard/dashboard.js': { location: here('dashboard.js'), type: JS },
    '/dashboard/dashboard.css': { location: here('dashboard.css'), type: CSS },
    '/dashboard/favicon.svg': { location: here('favicon.svg'), type: SVG },
  },
  PAGE_CSP,
);

/** Whether `path` belongs to the dashboard (`/dashboard`, `/dashboard/…`). */
export function isDashboardPath(path: string): boolean {
  return path === '/dashboard' || path.startsWith('/dashboard/');
}

/** Serves one of the dashboard's files, or 404/405. */
export function serveDashboard(req: IncomingMessage, res: ServerResponse, path: string): void {
  serve(req, res, path);
}
