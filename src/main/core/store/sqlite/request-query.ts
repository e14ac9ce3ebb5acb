import type { RequestFilter } from '../../../../shared/request-filter';
import type { FilterWithoutPaging, Position } from '../repositories';

/**
 * Turns a RequestFilter into SQL with positional parameters. Kept apart from the repository so
 * the SQL it writes can be unit-tested, and so the list, the facets and the exports narrow
 * requests in exactly the same way.
 *
 * Three plans:
 * - Without text, rows come from `requests` in (received_at, id) order; every condition can use
 *   an index of migration 003 ((event|status|endpoint, received_at) and received_at), so a page is
 *   an index range walked in order and stopped after `limit` rows.
 * - Text with at most status/method conditions: rows are driven by the FTS5 index in rowid
 *   (= capture) order, joined to `requests`. FTS5 streams its matches in rowid order, so the first
 *   page of a common word costs ~40 ms on a million rows, where filtering the time-ordered table
 *   by the full match set cost ~250 ms (bench/query.mjs). Capture order and arrival order differ
 *   only for slow uploads.
 * - Text with a selective condition (event, endpoint, date range): walking FTS matches in rowid
 *   order could pass hundreds of thousands of them before one fits (seconds at 1M rows), so the
 *   selective index drives and each row is checked against the match set (`id IN (MATCH)`), which
 *   SQLite builds once per query: bounded by the size of the match set (≤ ~250 ms at 1M rows).
 */
export interface WhereClause {
  sql: string;
  params: (string | number)[];
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/**
 * An FTS5 query from what a user typed: every word must appear, as a prefix. Each word is quoted,
 * so FTS5 operators (AND, NEAR, *, :, parentheses) in the input are searched for, never executed.
 * NUL separates words too: FTS5 reads it as the end of the query ("unterminated string"), and its
 * tokenizer never puts one inside a token anyway.
 */
export function ftsQuery(text: string): string | null {
  const words = text.split(/[\s\0]+/).filter((w) => w.length > 0);
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
    const only = filter.status.length === 1 ? filter.status[0]! : null;
    if (only !== null && !only.endsWith('xx')) {
      // One exact code: the (status, received_at) index yields the page already in time order.
      parts.push('status = ?');
      params.push(Number(only));
    } else {
      // Classes (and several codes) are ranges. `+status` keeps SQLite off the status index here:
      // a range over it would have to sort every match by time (≈1 s for 2xx at 1M rows), while
      // walking the time index and checking the status stops after one page.
      const ranges = filter.status.map((s) => {
        const lo = s.endsWith('xx') ? Number(s[0]) * 100 : Number(s);
        params.push(lo, s.endsWith('xx') ? lo + 99 : lo);
        return '+status BETWEEN ? AND ?';
      });
      parts.push(ranges.length === 1 ? ranges[0]! : `(${ranges.join(' OR ')})`);
    }
  }
  if (filter.method?.length) {
    parts.push(`method IN (${placeholders(filter.method.length)})`);
    params.push(...filter.method);
  }
  if (filter.verification?.length) {
    parts.push(`verification IN (${placeholders(filter.verification.length)})`);
    params.push(...filter.verification);
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
  if (filter.drift !== undefined) {
    // Spelled as the partial indexes of migration 012 are, so `drift: true` can walk them.
    parts.push(filter.drift ? 'drift IS NOT NULL' : 'drift IS NULL');
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

/** Conditions with an index that usually narrows far more than a word does (flagged captures are few). */
function hasSelectiveCondition(filter: FilterWithoutPaging): boolean {
  return Boolean(filter.event?.length || filter.endpoint?.length || filter.from !== undefined || filter.to !== undefined || filter.drift === true);
}

export function buildSource(filter: FilterWithoutPaging, after: Position | null = null): RowSource {
  const order = filter.order ?? 'newest';
  const match = filter.q === undefined ? null : ftsQuery(filter.q);
  if (match === null) {
    const where = buildWhere(filter, after);
    return { from: 'FROM requests', where: where.sql, order: orderBy(order), params: where.params };
  }
  if (hasSelectiveCondition(filter)) {
    const where = buildWhere(filter, after);
    const text = 'requests.id IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?)';
    return {
      from: 'FROM requests',
      where: where.sql ? `${where.sql} AND ${text}` : `WHERE ${text}`,
      order: orderBy(order),
      params: [...where.params, match],
    };
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
