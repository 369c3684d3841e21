/**
 * Lazy iteration over HighLevel's page-based lists (`page` from 1, `pageSize`, `total`).
 */

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export type FetchPage<T> = (page: number, pageSize: number) => Promise<Page<T>>;

/**
 * Lazily fetches pages 1, 2, ... (pageSize default 50). Stops once page * pageSize >= total, or
 * after a short or empty page. Nothing is fetched before iteration starts, and breaking out of
 * a for-await fetches nothing more.
 */
export async function* paginatePages<T>(
  fetchPage: FetchPage<T>,
  options: { pageSize?: number; startPage?: number } = {},
): AsyncIterableIterator<Page<T>> {
  const pageSize = options.pageSize ?? 50;
  for (let page = options.startPage ?? 1; ; page++) {
    const result = await fetchPage(page, pageSize);
    yield result;
    // The server may use a smaller page size than asked for; it says which.
    const size = result.pageSize > 0 ? result.pageSize : pageSize;
    if (result.items.length < size || page * size >= result.total) return;
  }
}

/**
 * Items of every page, each yielded once (by `getId`, default `item.id`) even when the list
 * shifts between requests: an insertion ahead of the cursor pushes the last items of a page onto
 * the next one, and they are skipped there. Only the previous page's ids are remembered, so
 * memory stays O(page size); a shift of more than a page between two requests is not detected.
 * A deletion ahead of the cursor pulls an item back onto the page already read, and that item is
 * missed; only a fresh pass would find it.
 */
export async function* paginateItems<T>(
  fetchPage: FetchPage<T>,
  options: { pageSize?: number; getId?: (item: T) => string | undefined } = {},
): AsyncIterableIterator<T> {
  const getId = options.getId ?? defaultId;
  let previous = new Set<string>();
  for await (const page of paginatePages(fetchPage, options)) {
    const current = new Set<string>();
    for (const item of page.items) {
      const id = getId(item);
      if (id !== undefined) {
        if (previous.has(id) || current.has(id)) continue;
        current.add(id);
      }
      yield item;
    }
    previous = current;
  }
}

function defaultId(item: unknown): string | undefined {
  const id = (item as { id?: unknown } | null)?.id;
  return id == null ? undefined : String(id);
}
