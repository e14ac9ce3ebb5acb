import type { RequestFilter } from '../../../../shared/request-filter';

/**
 * Turns a RequestFilter into a WHERE clause with positional parameters. Kept apart from the
 * repository so the SQL it writes can be unit-tested, and so the list, the facets and the exports
 * narrow requests in exactly the same way.
 *
 * Every condition is written so that SQLite can use the indexes of migration 003:
 * (event, received_at), (status, received_at), (endpoint, received_at) and (received_at).
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
  const match = filter.q === undefined ? null : ftsQuery(filter.q);
  if (match !== null) {
    parts.push('id IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?)');
    params.push(match);
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
