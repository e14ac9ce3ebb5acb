import type { RequestFilter } from '../../../../shared/request-filter';
import type { FilterWithoutPaging, Position } from '../repositories';
import { pgText } from './pg-text';
import { searchQuery } from './search-words';

/**
 * Turns a RequestFilter into PostgreSQL conditions with $n parameters: the same narrowing as
 * sqlite/request-query.ts (list, facets, exports and deletes agree on both adapters), kept apart
 * from the repository so the SQL it writes can be unit-tested.
 *
 * One plan shape: rows come from `requests` in (received_at, id) order; every condition has an
 * index of migration 002 ((event|status|endpoint|verification, received_at, id), and
 * (received_at, id)), and text is the GIN index on `search`. PostgreSQL's planner picks between
 * walking a time-ordered index and combining matches (bitmap AND) from its statistics, which is
 * what sqlite/request-query.ts chooses by hand.
 */

/** Collects parameter values and hands out their $n placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function anyOf(column: string, values: readonly string[], params: SqlParams): string {
  // Stored text has NUL replaced (pg-text.ts): so do the values looked for.
  return `${column} = ANY(${params.add(values.map(pgText))}::text[])`;
}

function statusCondition(selectors: readonly string[], params: SqlParams): string {
  const ranges = selectors.map((s) => {
    if (!s.endsWith('xx')) return `status = ${params.add(Number(s))}`;
    const lo = Number(s[0]) * 100;
    return `status BETWEEN ${params.add(lo)} AND ${params.add(lo + 99)}`;
  });
  return ranges.length === 1 ? ranges[0]! : `(${ranges.join(' OR ')})`;
}

function endpointCondition(endpoints: readonly string[], params: SqlParams): string {
  // The empty slug is the default inbox, stored as NULL.
  const slugs = endpoints.filter((e) => e !== '');
  const alternatives: string[] = [];
  if (slugs.length) alternatives.push(anyOf('endpoint', slugs, params));
  if (slugs.length < endpoints.length) alternatives.push('endpoint IS NULL');
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
}

/** The text condition: every typed word as a prefix (see search-words.ts); null when nothing was typed. */
function textCondition(q: string | undefined, params: SqlParams): string | null {
  const query = q === undefined ? null : searchQuery(q);
  if (query === null) return null;
  // Typed, but no letters or digits: nothing can match (as on SQLite), and '' would make PostgreSQL warn.
  return query === '' ? 'FALSE' : `search @@ ${params.add(query)}::tsquery`;
}

/** `WHERE …` for a filter and a keyset position (or '' when nothing narrows), its values added to `params`. */
export function pgWhere(filter: FilterWithoutPaging, after: Position | null, params: SqlParams): string {
  const parts: string[] = [];
  if (filter.event?.length) parts.push(anyOf('event', filter.event, params));
  if (filter.status?.length) parts.push(statusCondition(filter.status, params));
  if (filter.method?.length) parts.push(anyOf('method', filter.method, params));
  if (filter.verification?.length) parts.push(anyOf('verification', filter.verification, params));
  if (filter.endpoint?.length) parts.push(endpointCondition(filter.endpoint, params));
  // Spelled as the partial indexes of migration 004 are, so `drift: true` can use them.
  if (filter.drift !== undefined) parts.push(filter.drift ? 'drift IS NOT NULL' : 'drift IS NULL');
  if (filter.from !== undefined) parts.push(`received_at >= ${params.add(filter.from)}`);
  if (filter.to !== undefined) parts.push(`received_at <= ${params.add(filter.to)}`);
  const text = textCondition(filter.q, params);
  if (text !== null) parts.push(text);
  if (after) {
    // Row-value comparison: the (…, received_at, id) indexes are entered right at the position.
    const op = (filter.order ?? 'newest') === 'newest' ? '<' : '>';
    parts.push(`(received_at, id) ${op} (${params.add(after.receivedAt)}, ${params.add(after.id)})`);
  }
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

export function pgOrderBy(order: RequestFilter['order'] | undefined): string {
  return order === 'oldest' ? 'ORDER BY received_at ASC, id ASC' : 'ORDER BY received_at DESC, id DESC';
}
