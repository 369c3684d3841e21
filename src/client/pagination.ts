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

export interface PaginateOptions<T> {
  /** Items asked for per page (default 50; the client passes the spec's maximum). */
  pageSize?: number | undefined;
  /** The first page fetched (default 1): resumes a listing. */
  startPage?: number | undefined;
  /** Stops the iteration before its next item or page once it fires (rejects with `aborted()`). */
  signal?: AbortSignal | undefined;
  aborted?: ((reason: unknown) => unknown) | undefined;
  /** A page whose ids repeat the previous page's: the server ignores `page` (rejects with it). */
  stuck?: ((page: number) => unknown) | undefined;
  getId?: ((item: T) => string | undefined) | undefined;
}

/**
 * Lazily fetches pages from `startPage` on. Stops once page * pageSize >= total, or after a short
 * or empty page. Nothing is fetched before iteration starts, and breaking out of a for-await
 * fetches nothing more. A page identical to one before it (by ids) ends the iteration with the
 * `stuck` error instead of looping forever.
 */
export async function* paginatePages<T>(
  fetchPage: FetchPage<T>,
  options: PaginateOptions<T> = {},
): AsyncIterableIterator<Page<T>> {
  const pageSize = options.pageSize ?? 50;
  const getId = options.getId ?? defaultId;
  // Every page seen, by its first and last ids and its length (a real list never repeats a
  // page): a server that ignores `page`, or cycles through a few pages, cannot loop forever.
  const seen = new Set<string>();
  for (let page = options.startPage ?? 1; ; page++) {
    checkAbort(options);
    const result = await fetchPage(page, pageSize);
    const { items } = result;
    if (items.length) {
      const signature = `${items.length}\n${getId(items[0]!)}\n${getId(items.at(-1)!)}`;
      if (seen.has(signature)) throw options.stuck?.(page) ?? new Error("page repeated");
      seen.add(signature);
    }
    checkAbort(options);
    yield result;
    // The server may use a smaller page size than asked for; it says which.
    const size = result.pageSize > 0 ? result.pageSize : pageSize;
    if (!result.items.length || result.items.length < size || page * size >= result.total) return;
  }
}

function checkAbort({ signal, aborted }: PaginateOptions<never>) {
  if (signal?.aborted) throw aborted?.(signal.reason) ?? signal.reason;
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
  options: PaginateOptions<T> = {},
): AsyncIterableIterator<T> {
  const getId = options.getId ?? defaultId;
  let previous = new Set<string>();
  for await (const page of paginatePages(fetchPage, options)) {
    const current = new Set<string>();
    for (const item of page.items) {
      const id = getId(item);
      if (id !== undefined) {
        const repeated = previous.has(id) || current.has(id);
        // Skipped ids count as this page's too: the next page is compared with all of them.
        current.add(id);
        if (repeated) continue;
      }
      checkAbort(options);
      yield item;
    }
    previous = current;
  }
}

function defaultId(item: unknown): string | undefined {
  const id = (item as { id?: unknown } | null)?.id;
  return id == null ? undefined : String(id);
}
