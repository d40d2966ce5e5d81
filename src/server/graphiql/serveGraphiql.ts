import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSS, HTML, JS, SVG, serveStaticFiles } from '../serveStaticFiles.js';

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

const require = createRequire(import.meta.url);
const here = (file: string) => () => new URL(`./${file}`, import.meta.url);
const fromPackage = (name: string, ...path: string[]) => () => join(dirname(require.resolve(`${name}/package.json`)), ...path);

/** The page at `/graphql` (a browser's GET, see `wantsGraphiql`) and its files; `Vary: Accept` because `/graphql` also answers GraphQL clients. */
const serve = serveStaticFiles(
  {
    '/graphql': { location: here('graphiql.html'), type: HTML },
    [`${ASSETS}graphiqlPage.js`]: { location: here('graphiqlPage.js'), type: JS },
    [`${ASSETS}graphiqlPage.css`]: { location: here('graphiqlPage.css'), type: CSS },
    [`${ASSETS}favicon.svg`]: { location: here('favicon.svg'), type: SVG },
    [`${ASSETS}react.production.min.js`]: { location: fromPackage('react', 'umd', 'react.production.min.js'), type: JS },
    [`${ASSETS}react-dom.production.min.js`]: { location: fromPackage('react-dom', 'umd', 'react-dom.production.min.js'), type: JS },
    [`${ASSETS}graphiql.min.js`]: { location: fromPackage('graphiql', 'graphiql.min.js'), type: JS },
    [`${ASSETS}graphiql.min.css`]: { location: fromPackage('graphiql', 'graphiql.min.css'), type: CSS },
  },
  GRAPHIQL_CSP,
  { Vary: 'Accept' },
);

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
  serve(req, res, path);
}
