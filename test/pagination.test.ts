import { describe, expect, it } from "vitest";
import { paginateItems, paginatePages, type Page } from "../src/client/pagination.js";

interface Item {
  id: string;
}

/** A server over a list that can change between requests; records every request. */
function server(initial: number, options: { maxPageSize?: number } = {}) {
  let list: Item[] = Array.from({ length: initial }, (_, i) => ({ id: `i${i}` }));
  const requests: [number, number][] = [];
  const fetchPage = async (page: number, pageSize: number): Promise<Page<Item>> => {
    requests.push([page, pageSize]);
    const size = Math.min(pageSize, options.maxPageSize ?? Infinity);
    const items = list.slice((page - 1) * size, page * size);
    return { total: list.length, page, pageSize: size, items };
  };
  return {
    fetchPage,
    requests,
    change: (update: (items: Item[]) => Item[]) => {
      list = update(list);
    },
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `i${from + i}`);

describe("paginatePages", () => {
  it("fetches nothing before iteration starts", async () => {
    const s = server(10);
    const pages = paginatePages(s.fetchPage);
    expect(s.requests).toEqual([]);
    await pages.next();
    expect(s.requests).toEqual([[1, 50]]);
  });

  it("yields one empty page for an empty list", async () => {
    const s = server(0);
    const pages = await collect(paginatePages(s.fetchPage));
    expect(pages).toEqual([{ total: 0, page: 1, pageSize: 50, items: [] }]);
    expect(s.requests).toEqual([[1, 50]]);
  });

  it("stops after one short page", async () => {
    const s = server(7);
    const pages = await collect(paginatePages(s.fetchPage));
    expect(pages.map((p) => p.items.length)).toEqual([7]);
    expect(s.requests).toEqual([[1, 50]]);
  });

  it("makes exactly 2 requests for exactly 2 full pages", async () => {
    const s = server(20);
    const pages = await collect(paginatePages(s.fetchPage, { pageSize: 10 }));
    expect(pages.map((p) => [p.page, p.total, p.items.length])).toEqual([
      [1, 20, 10],
      [2, 20, 10],
    ]);
    expect(s.requests).toEqual([
      [1, 10],
      [2, 10],
    ]);
  });

  it("walks many pages, each carrying the total", async () => {
    const s = server(1234);
    const pages = await collect(paginatePages(s.fetchPage));
    expect(pages).toHaveLength(25);
    expect(pages.every((p) => p.total === 1234)).toBe(true);
    expect(pages.map((p) => p.page)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(s.requests).toHaveLength(25);
  });

  it("stops on an empty page even if total promises more", async () => {
    const fetchPage = async (page: number, pageSize: number): Promise<Page<Item>> => ({
      total: 1000,
      page,
      pageSize,
      items: page === 1 ? ids(pageSize).map((id) => ({ id })) : [],
    });
    const pages = await collect(paginatePages(fetchPage, { pageSize: 5 }));
    expect(pages.map((p) => p.items.length)).toEqual([5, 0]);
  });

  it("starts at startPage", async () => {
    const s = server(30);
    const pages = await collect(paginatePages(s.fetchPage, { pageSize: 10, startPage: 2 }));
    expect(pages.map((p) => p.items[0]!.id)).toEqual(["i10", "i20"]);
    expect(s.requests).toEqual([
      [2, 10],
      [3, 10],
    ]);
  });

  it("follows the page size the server used when it is smaller than asked", async () => {
    const s = server(25, { maxPageSize: 10 });
    const items = await collect(paginateItems(s.fetchPage));
    expect(items.map((i) => i.id)).toEqual(ids(25));
    expect(s.requests).toEqual([
      [1, 50],
      [2, 50],
      [3, 50],
    ]);
  });

  it("stops fetching when the loop breaks", async () => {
    const s = server(500);
    for await (const page of paginatePages(s.fetchPage)) {
      expect(page.page).toBe(1);
      break;
    }
    expect(s.requests).toEqual([[1, 50]]);
  });

  it("passes fetch errors through", async () => {
    const boom = new Error("boom");
    const pages = paginatePages(async () => {
      throw boom;
    });
    await expect(pages.next()).rejects.toBe(boom);
  });
});

describe("paginateItems", () => {
  it("yields nothing for an empty list", async () => {
    const s = server(0);
    expect(await collect(paginateItems(s.fetchPage))).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });

  it("yields every item of many pages in order", async () => {
    const s = server(133);
    const items = await collect(paginateItems(s.fetchPage, { pageSize: 20 }));
    expect(items.map((i) => i.id)).toEqual(ids(133));
    expect(s.requests.map(([page]) => page)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.requests.every(([, size]) => size === 20)).toBe(true);
  });

  it("makes one request when the loop breaks after the first item", async () => {
    const s = server(500);
    for await (const item of paginateItems(s.fetchPage)) {
      expect(item.id).toBe("i0");
      break;
    }
    expect(s.requests).toEqual([[1, 50]]);
  });

  it("yields an item pushed onto the next page by an insertion only once", async () => {
    const s = server(20);
    const seen: string[] = [];
    for await (const item of paginateItems(s.fetchPage, { pageSize: 10 })) {
      seen.push(item.id);
      // After page 1 was read, a new item appears at the head of the list.
      if (seen.length === 10) s.change((list) => [{ id: "new" }, ...list]);
    }
    // Page 2 now starts with i9 again: it is not repeated. total became 21, so a third page is read.
    expect(seen).toEqual(ids(20));
    expect(s.requests.map(([page]) => page)).toEqual([1, 2, 3]);
  });

  it("misses an item pulled back onto a page already read by a deletion (documented limitation)", async () => {
    const s = server(20);
    const seen: string[] = [];
    for await (const item of paginateItems(s.fetchPage, { pageSize: 10 })) {
      seen.push(item.id);
      if (seen.length === 10) s.change((list) => list.slice(1));
    }
    expect(seen).toEqual([...ids(10), ...ids(9, 11)]);
    expect(seen).not.toContain("i10");
  });

  it("dedupes by a custom getId, and yields items without an id", async () => {
    const pages: Page<{ key?: number }>[] = [
      { total: 6, page: 1, pageSize: 3, items: [{ key: 1 }, { key: 2 }, {}] },
      { total: 6, page: 2, pageSize: 3, items: [{ key: 2 }, {}, { key: 3 }] },
    ];
    const items = await collect(
      paginateItems(async (page) => pages[page - 1]!, {
        pageSize: 3,
        getId: (item) => (item.key === undefined ? undefined : String(item.key)),
      }),
    );
    expect(items).toEqual([{ key: 1 }, { key: 2 }, {}, {}, { key: 3 }]);
  });

  it("stops on total by pages, not by unique items", async () => {
    // Page 2 repeats an item of page 1, so only 19 distinct items are seen of a total of 20:
    // counting distinct items would ask for a third page.
    const requests: number[] = [];
    const fetchPage = async (page: number, pageSize: number): Promise<Page<Item>> => {
      requests.push(page);
      const from = page === 1 ? 0 : 9;
      return { total: 20, page, pageSize, items: ids(10, from).map((id) => ({ id })) };
    };
    const items = await collect(paginateItems(fetchPage, { pageSize: 10 }));
    expect(items).toHaveLength(19);
    expect(requests).toEqual([1, 2]);
  });
});
