import { describe, expect, it } from 'vitest';
import { MAX_WALK_ITEMS, fetchPages } from '../../../adapters/rest/fetchPages.js';
import { AdapterUnavailable } from '../../../adapters/sdk/index.js';

/** An agency whose every page holds `perPage` items and links to a next page, without end. */
function endless(perPage: number) {
  let pages = 0;
  return {
    get pages() {
      return pages;
    },
    walk: {
      agency: 'probation', entity: 'supervision', first: '/orders?ids=a', origin: 'http://agency.invalid', prefix: '/api',
      spec: { next: 'links.next', max: 50 } as never,
      get: async (path: string) => {
        pages += 1;
        return { items: Array.from({ length: perPage }, (_, i) => ({ i })), links: { next: `/api/orders?ids=a&page=${pages + 1}&from=${path.length}` } };
      },
      itemsOf: (body: unknown) => (body as { items: unknown[] }).items,
    },
  };
}

describe('fetchPages', () => {
  it('fails a walk whose pages hold more than MAX_WALK_ITEMS items together, before reading on', async () => {
    const agency = endless(MAX_WALK_ITEMS / 4);
    const error = await fetchPages(agency.walk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterUnavailable);
    expect((error as Error).message).toBe(`probation: supervision: more than ${MAX_WALK_ITEMS} items in the pages of one answer`);
    expect(agency.pages).toBe(5);
  });

  it('still stops at spec.max pages of small answers', async () => {
    const agency = endless(10);
    await expect(fetchPages(agency.walk)).rejects.toThrow('probation: supervision: more than 50 pages');
    expect(agency.pages).toBe(50);
  });
});
