/**
 * The page rule of the catch-up feed (`hookbench listen`), the same on every adapter: a page
 * stops at `limit` rows or once `maxBytes` of bodies and headers are in, and always holds at least
 * one row (a body larger than `maxBytes` must still get through). `rows` may be lazy: it is read
 * one row past the page at most, to know whether there is more.
 */
export function takeCatchUpPage<T>(rows: Iterable<T>, limit: number, maxBytes: number, bytesOf: (row: T) => number): { rows: T[]; more: boolean } {
  const page: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = bytesOf(row);
    if (page.length === limit || (page.length > 0 && bytes + size > maxBytes)) return { rows: page, more: true };
    bytes += size;
    page.push(row);
  }
  return { rows: page, more: false };
}
