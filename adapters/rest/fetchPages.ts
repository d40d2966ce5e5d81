import { AdapterUnavailable, pathGetter, type PageSpec } from '../sdk/index.js';

export interface PageWalk {
  agency: string;
  entity: string;
  /** Path and query of the first page, relative to the adapter's base path. */
  first: string;
  /** Origin and base path the `next` links must stay under. */
  origin: string;
  prefix: string;
  spec: PageSpec | undefined;
  /** GETs one page (one backend call) and returns its body. */
  get(path: string): Promise<unknown>;
  /** The page's items (throws when the page has no item array). */
  itemsOf(body: unknown): unknown[];
}

/**
 * The most items one chunk's pages may hold together. Each page is bounded by
 * `maxResponseBytes`; without a bound on the walk, an agency answering page after page of
 * small items could make one request hold gigabytes before `spec.max` pages stop it.
 */
export const MAX_WALK_ITEMS = 100_000;

/**
 * Reads every page of one chunk's answer. Without `spec` that is the first page only. With
 * `next`, the link in each page is followed while it stays on the agency's origin and under
 * the base path (a link elsewhere would carry our token to another host: refused); with
 * `cursor`, the cursor is sent back as `param`. An empty page, a missing link/cursor or a
 * link already seen ends the walk; more than `spec.max` pages, or more than `MAX_WALK_ITEMS`
 * items in all, fails it as runaway.
 */
export async function fetchPages(walk: PageWalk): Promise<unknown[]> {
  const { spec } = walk;
  const items: unknown[] = [];
  const seen = new Set<string>();
  const nextOf = spec?.next === undefined ? null : pathGetter(spec.next);
  const cursorOf = spec?.cursor === undefined ? null : pathGetter(spec.cursor);
  let path: string | null = walk.first;
  for (let page = 1; path !== null; page++) {
    if (spec && page > spec.max) throw new AdapterUnavailable(walk.agency, `${walk.agency}: ${walk.entity}: more than ${spec.max} pages`, { transient: false });
    seen.add(path);
    const body = await walk.get(path);
    const pageItems = walk.itemsOf(body);
    if (items.length + pageItems.length > MAX_WALK_ITEMS) {
      throw new AdapterUnavailable(walk.agency, `${walk.agency}: ${walk.entity}: more than ${MAX_WALK_ITEMS} items in the pages of one answer`, { transient: false });
    }
    for (const item of pageItems) items.push(item);
    if (!spec || pageItems.length === 0) break;
    path = null;
    if (nextOf) {
      const link = nextOf(body);
      if (typeof link === 'string' && link !== '') path = sameOrigin(walk, link);
    } else if (cursorOf) {
      const cursor = cursorOf(body);
      if ((typeof cursor === 'string' && cursor !== '') || typeof cursor === 'number') {
        path = `${walk.first}&${encodeURIComponent(spec.param!)}=${encodeURIComponent(String(cursor))}`;
      }
    }
    if (path !== null && seen.has(path)) path = null;
  }
  return items;
}

function sameOrigin(walk: PageWalk, link: string): string {
  let url: URL;
  try {
    url = new URL(link, `${walk.origin}${walk.prefix}/`);
  } catch {
    throw new AdapterUnavailable(walk.agency, `${walk.agency}: ${walk.entity}: the next-page link is not a URL`, { transient: false });
  }
  if (url.origin !== walk.origin || !url.pathname.startsWith(`${walk.prefix}/`)) {
    throw new AdapterUnavailable(walk.agency, `${walk.agency}: ${walk.entity}: the next-page link leaves the agency's API`, { transient: false });
  }
  return `${url.pathname.slice(walk.prefix.length)}${url.search}`;
}
