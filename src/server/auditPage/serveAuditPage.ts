import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSS, HTML, JS, PAGE_CSP, SVG, serveStaticFiles } from '../serveStaticFiles.js';

/**
 * The privacy officers' page (GET /audit): one HTML file, one script, one stylesheet and an icon
 * from this folder, nothing from elsewhere. The Content-Security-Policy (`PAGE_CSP`) allows only this origin's script,
 * style and GraphQL endpoint, no inline code, no framing, and enforces Trusted Types, so event
 * contents rendered on the page cannot execute. The token is pasted into the page and sent only
 * to /graphql.
 */
const here = (file: string) => () => new URL(`./${file}`, import.meta.url);

const serve = serveStaticFiles(
  {
    '/audit': { location: here('auditPage.html'), type: HTML },
    '/audit/': { location: here('auditPage.html'), type: HTML },
    '/audit/auditPage.js': { location: here('auditPage.js'), type: JS },
    '/audit/auditPage.css': { location: here('auditPage.css'), type: CSS },
    '/audit/favicon.svg': { location: here('favicon.svg'), type: SVG },
  },
  PAGE_CSP,
);

/** Whether `path` belongs to the page (`/audit`, `/audit/…`). */
export function isAuditPagePath(path: string): boolean {
  return path === '/audit' || path.startsWith('/audit/');
}

/** Serves one of the page's files, or 404/405. */
export function serveAuditPage(req: IncomingMessage, res: ServerResponse, path: string): void {
  serve(req, res, path);
}
