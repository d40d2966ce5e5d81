import type { Node } from 'yaml';
import type { MappingReader, Where } from './MappingReader.js';
import type { PageSpec } from './mappingTypes.js';

const PAGE_KEYS: ReadonlySet<string> = new Set(['next', 'cursor', 'param', 'max']);

/** Default page limit per chunk: a runaway "next" chain must end. */
export const DEFAULT_MAX_PAGES = 50;

/**
 * Reads a rest entity's `pages:` block: `{ next: links.next }` or
 * `{ cursor: meta.nextCursor, param: cursor }`, optionally `max`.
 */
export function readPages(reader: MappingReader, node: Node | null, where: Where): PageSpec {
  const get = new Map(reader.entries(node, where, 'pages', PAGE_KEYS).map((e) => [e.key, e.value] as const));
  const text = (k: string): string | undefined => (get.has(k) ? reader.string(get.get(k) ?? null, where, `pages.${k}`) : undefined);
  const next = text('next');
  const cursor = text('cursor');
  const param = text('param');
  if ((next === undefined) === (cursor === undefined)) reader.fail(node, where, 'pages needs exactly one of next (a link path) or cursor (a cursor path)');
  if (cursor !== undefined && param === undefined) reader.fail(node, where, 'pages.cursor needs param (the query parameter that sends the cursor back)');
  if (next !== undefined && param !== undefined) reader.fail(get.get('param') ?? node, where, 'pages.param goes with cursor, not next');
  const max = get.has('max') ? reader.positiveInt(get.get('max') ?? null, where, 'pages.max') : DEFAULT_MAX_PAGES;
  return { ...(next === undefined ? {} : { next }), ...(cursor === undefined ? {} : { cursor, param: param! }), max };
}
