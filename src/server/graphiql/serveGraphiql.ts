import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * GraphiQL for browsers (`server.graphiql`, off by default): the page at `GET /graphql` for a
 * browser that asks for HTML, and its files under `/graphiql/assets/`. Every file comes from this
 * folder or from the gateway's own npm dependencies (graphiql's UMD build and React 18's), so the
 * page loads nothing from any other origin; the Content-Security-Policy says the same to the browser.
 *
 * Three relaxations against the audit page's policy, all forced by GraphiQL's bundle; scripts stay
 * `'self'` only, with no `'unsafe-eval'`:
 * - `style-src 'unsafe-inline'`: its dialogs (Radix) add a `<style>` element while open to stop the
 *   page scrolling; its content depends on the scrollbar's width, so no hash can allow it instead;
 * - `font-src` and `img-src` allow `data:`: its stylesheet inlines its fonts and a few icons as
 *   data URIs (no network involved);
 * - no Trusted Types: React and CodeMirror write HTML through innerHTML (schema descriptions, editors).
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ASSETS = '/graphiql/assets/';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

/** Served name → file on disk (resolved when first asked) and content type. */
const FILES: Record<string, { path: () => string; type: string }> = {
  'graphiql.html': { path: () => join(here, 'graphiql.html'), type: 'text/html; charset=utf-8' },
  'graphiqlPage.js': { path: () => join(here, 'graphiqlPage.js'), type: JS },
  'graphiqlPage.css': { path: () => join(here, 'graphiqlPage.css'), type: CSS },
  'favicon.svg': { path: () => join(here, 'favicon.svg'), type: 'image/svg+xml' },
  'react.production.min.js': { path: () => join(packageDir('react'), 'umd', 'react.production.min.js'), type: JS },
  'react-dom.production.min.js': { path: () => join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), type: JS },
  'graphiql.min.js': { path: () => join(packageDir('graphiql'), 'graphiql.min.js'), type: JS },
  'graphiql.min.css': { path: () => join(packageDir('graphiql'), 'graphiql.min.css'), type: CSS },
};

const cache = new Map<string, Buffer>();

function content(name: string): Buffer {
  let body = cache.get(name);
  if (!body) cache.set(name, (body = readFileSync(FILES[name]!.path())));
  return body;
}

/**
 * Whether a request to `/graphql` is a browser asking for a page rather than a GraphQL client:
 * a GET without a `query` parameter whose Accept header names HTML and no GraphQL response type.
 */
export function wantsGraphiql(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' || url.searchParams.has('query')) return false;
  const accept = req.headers.accept ?? '';
  return /\btext\/html\b/i.test(accept) && !/application\/(graphql-response\+)?json/i.test(accept);
}

/** Whether `path` is one of GraphiQL's files (`/graphiql/assets/…`). */
export function isGraphiqlAssetPath(path: string): boolean {
  return path.startsWith(ASSETS);
}

/** Serves the page (`/graphql`) or one of its files, or 404/405. */
export function serveGraphiql(req: IncomingMessage, res: ServerResponse, path: string): void {
  const name = path === '/graphql' ? 'graphiql.html' : path.slice(ASSETS.length);
  res.setHeader('Content-Security-Policy', GRAPHIQL_CSP);
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
  if (!Object.hasOwn(FILES, name) || (name === 'graphiql.html' && path !== '/graphql')) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found.');
    return;
  }
  const body = content(name);
  res.statusCode = 200;
  res.setHeader('Content-Type', FILES[name]!.type);
  res.setHeader('Content-Length', body.length);
  if (name === 'graphiql.html') res.setHeader('Vary', 'Accept');
  res.end(req.method === 'HEAD' ? undefined : body);
}
