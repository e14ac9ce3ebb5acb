import type { RequestFilter } from '../../../../shared/request-filter';

/**
 * Turns a RequestFilter into SQL with positional parameters. Kept apart from the repository so
 * the SQL it writes can be unit-tested, and so the list, the facets and the exports narrow
 * requests in exactly the same way.
 *
 * Two plans, chosen by whether there is text to search:
 * - Without text, rows come from `requests` in (received_at, id) order; every condition can use
 *   an index of migration 003 ((event|status|endpoint, received_at) and received_at), so a page is
 *   an index range walked in order and stopped after `limit` rows.
 * - With text, rows are driven by the FTS5 index in rowid (= capture) order, joined to
 *   `requests`. FTS5 streams its matches in rowid order, so the first page of a common word costs
 *   ~40 ms on a million rows, where filtering the time-ordered table by the full match set cost
 *   ~250 ms (bench/query.mjs). Capture order and arrival order differ only for slow uploads.
 */
export interface WhereClause {
  sql: string;
  params: (string | number)[];
}

/** Keyset position: the (received_at, id) of the last row of the previous page. */
export interface Position {
  receivedAt: number;
  id: number;
}

export type FilterWithoutPaging = Omit<RequestFilter, 'order'> & { order?: RequestFilter['order'] };

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/**
 * An FTS5 query from what a user typed: every word must appear, as a prefix. Each word is quoted,
 * so FTS5 operators (AND, NEAR, *, :, parentheses) in the input are searched for, never executed.
 */
export function ftsQuery(text: string): string | null {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/** The conditions of a filter other than text and paging (unqualified columns of `requests`). */
export function buildWhere(filter: FilterWithoutPaging, after: Position | null = null): WhereClause {
  const parts: string[] = [];
  const params: (string | number)[] = [];

  if (filter.event?.length) {
    parts.push(`event IN (${placeholders(filter.event.length)})`);
    params.push(...filter.event);
  }
  if (filter.status?.length) {
    // Codes and classes both become ranges: 4xx is 400..499, 404 is 404..404.
    const ranges = filter.status.map((s) => {
      const lo = s.endsWith('xx') ? Number(s[0]) * 100 : Number(s);
      params.push(lo, s.endsWith('xx') ? lo + 99 : lo);
      return 'status BETWEEN ? AND ?';
    });
    parts.push(ranges.length === 1 ? ranges[0]! : `(${ranges.join(' OR ')})`);
  }
  if (filter.method?.length) {
    parts.push(`method IN (${placeholders(filter.method.length)})`);
    params.push(...filter.method);
  }
  if (filter.endpoint?.length) {
    const slugs = filter.endpoint.filter((e) => e !== '');
    const alternatives: string[] = [];
    if (slugs.length) {
      alternatives.push(`endpoint IN (${placeholders(slugs.length)})`);
      params.push(...slugs);
    }
    if (slugs.length < filter.endpoint.length) alternatives.push('endpoint IS NULL');
    parts.push(alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`);
  }
  if (filter.from !== undefined) {
    parts.push('received_at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push('received_at <= ?');
    params.push(filter.to);
  }
  if (after) {
    // Row-value comparison: SQLite walks the (…, received_at, rowid) index straight to the spot.
    parts.push((filter.order ?? 'newest') === 'newest' ? '(received_at, id) < (?, ?)' : '(received_at, id) > (?, ?)');
    params.push(after.receivedAt, after.id);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function orderBy(order: RequestFilter['order']): string {
  return order === 'oldest' ? 'ORDER BY received_at ASC, id ASC' : 'ORDER BY received_at DESC, id DESC';
}

/** A complete row source: `SELECT <columns> ${from} ${where} ${order} LIMIT ?`. */
export interface RowSource {
  from: string;
  where: string;
  order: string;
  params: (string | number)[];
}

/** Columns are selected qualified (`requests.x`): with text, `path` exists in both tables. */
export function qualify(columns: string): string {
  return columns
    .split(',')
    .map((c) => `requests.${c.trim()}`)
    .join(', ');
}

export function buildSource(filter: FilterWithoutPaging, after: Position | null = null): RowSource {
  const order = filter.order ?? 'newest';
  const match = filter.q === undefined ? null : ftsQuery(filter.q);
  if (match === null) {
    const where = buildWhere(filter, after);
    return { from: 'FROM requests', where: where.sql, order: orderBy(order), params: where.params };
  }
  const rest = buildWhere(filter);
  const parts = ['requests_fts MATCH ?'];
  const params: (string | number)[] = [match];
  if (rest.sql) {
    parts.push(rest.sql.slice('WHERE '.length));
    params.push(...rest.params);
  }
  if (after) {
    parts.push(order === 'newest' ? 'requests_fts.rowid < ?' : 'requests_fts.rowid > ?');
    params.push(after.id);
  }
  return {
    from: 'FROM requests_fts JOIN requests ON requests.id = requests_fts.rowid',
    where: `WHERE ${parts.join(' AND ')}`,
    order: `ORDER BY requests_fts.rowid ${order === 'newest' ? 'DESC' : 'ASC'}`,
    params,
  };
}
