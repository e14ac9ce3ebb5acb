import type { Database, Statement } from 'better-sqlite3';
import type { RequestFacets, RequestFilter } from '../../../../shared/request-filter';
import type { HeaderPairs, Page, RequestDetail, RequestSummary } from '../../../../shared/request-schemas';
import type { FtsIndexer } from '../fts-indexer';
import { GroupCommit } from '../group-commit';
import { buildSource, qualify, type FilterWithoutPaging, type Position } from './request-query';

/** What the receiver hands to the store for one captured request. */
export interface NewRequest {
  endpoint: string | null;
  method: string;
  path: string;
  query: string;
  headers: HeaderPairs;
  body: Buffer;
  size: number;
  truncated: boolean;
  contentType: string | null;
  event: string | null;
  scheme: string | null;
  status: number;
  clientAddress: string | null;
  receivedAt: number;
}

interface Row {
  id: number;
  endpoint: string | null;
  method: string;
  path: string;
  query: string;
  size: number;
  truncated: number;
  content_type: string | null;
  event: string | null;
  status: number;
  client_address: string | null;
  received_at: number;
}

interface DetailRow extends Row {
  headers: string;
  body: Buffer;
  scheme: string | null;
}

const SUMMARY_COLUMNS =
  'id, endpoint, method, path, query, size, truncated, content_type, event, status, client_address, received_at';

function toSummary(row: Row): RequestSummary {
  return {
    id: row.id,
    endpoint: row.endpoint,
    method: row.method,
    path: row.path,
    query: row.query,
    contentType: row.content_type,
    size: row.size,
    truncated: row.truncated === 1,
    event: row.event,
    status: row.status,
    clientAddress: row.client_address,
    receivedAt: new Date(row.received_at).toISOString(),
  };
}

/** Opaque cursor: the (receivedAt, id) of the last row shown; opaque so the sort can change. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ t: position.receivedAt, id: position.id })).toString('base64url');
}

export function decodeCursor(cursor: string): Position | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
    return ok(value.t) && ok(value.id) && value.id > 0 ? { receivedAt: value.t, id: value.id } : null;
  } catch {
    return null;
  }
}

/** Facet counts stop after this many matching requests, so they stay fast on a million rows. */
export const FACET_SCAN_LIMIT = 50_000;

/** Prepared statements for the filter shapes in use (a UI produces only a handful). */
class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Database, private readonly max = 100) {}

  get(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value!);
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

export class RequestsRepo {
  private readonly insertStmt: Statement;
  private readonly getStmt: Statement;
  private readonly statements: StatementCache;
  private readonly writes: GroupCommit<NewRequest, RequestSummary>;

  constructor(
    private readonly db: Database,
    private readonly fts: FtsIndexer,
  ) {
    this.statements = new StatementCache(db);
    this.insertStmt = db.prepare(`INSERT INTO requests
      (endpoint, method, path, query, headers, body, size, truncated, content_type, event, scheme, status, client_address, received_at)
      VALUES (@endpoint, @method, @path, @query, @headers, @body, @size, @truncated, @contentType, @event, @scheme, @status, @clientAddress, @receivedAt)`);
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, headers, body, scheme FROM requests WHERE id = ?`);
    const insertMany = db.transaction((items: NewRequest[]) => items.map((item) => this.insertNow(item)));
    this.writes = new GroupCommit((items) => {
      const results = insertMany(items);
      this.fts.nudge();
      return results;
    });
  }

  /** Queues the insert; resolves once the row is committed (group commit with its tick-mates). */
  insert(request: NewRequest): Promise<RequestSummary> {
    return this.writes.add(request);
  }

  get writeStats(): GroupCommit<NewRequest, RequestSummary>['stats'] {
    return this.writes.stats;
  }

  /** Commits whatever is queued right now. */
  flush(): void {
    this.writes.flush();
  }

  private insertNow(item: NewRequest): RequestSummary {
    const info = this.insertStmt.run({
      ...item,
      headers: JSON.stringify(item.headers),
      truncated: item.truncated ? 1 : 0,
    });
    const id = Number(info.lastInsertRowid);
    return toSummary({
      id,
      endpoint: item.endpoint,
      method: item.method,
      path: item.path,
      query: item.query,
      size: item.size,
      truncated: item.truncated ? 1 : 0,
      content_type: item.contentType,
      event: item.event,
      status: item.status,
      client_address: item.clientAddress,
      received_at: item.receivedAt,
    });
  }

  get(id: number): RequestDetail | null {
    const row = this.getStmt.get(id) as DetailRow | undefined;
    if (!row) return null;
    return {
      ...toSummary(row),
      headers: JSON.parse(row.headers) as HeaderPairs,
      bodyBase64: row.body.toString('base64'),
      scheme: row.scheme,
    };
  }

  /**
   * One page of requests matching `filter`, newest (or oldest) first. Keyset paging on
   * (received_at, id): page N costs the same as page 1, never an OFFSET scan.
   */
  list(filter: FilterWithoutPaging, { limit, after }: { limit: number; after: Position | null }): Page<RequestSummary> {
    this.prepareSearch(filter);
    const source = buildSource(filter, after);
    const sql = `SELECT ${qualify(SUMMARY_COLUMNS)} ${source.from} ${source.where} ${source.order} LIMIT ?`;
    const rows = this.statements.get(sql).all(...source.params, limit + 1) as Row[];
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: more && last ? encodeCursor({ receivedAt: last.received_at, id: last.id }) : null,
    };
  }

  /**
   * How many requests in the filter have each event, status class, method and endpoint. Each
   * facet is counted with its own dimension left out of the filter, so picking one event still
   * shows how many the other events have. Counts cover the newest FACET_SCAN_LIMIT matches.
   */
  facets(filter: FilterWithoutPaging): RequestFacets {
    this.prepareSearch(filter);
    // The newest matches of a filter, up to a limit.
    const newest = (f: FilterWithoutPaging, limit = FACET_SCAN_LIMIT) => {
      const source = buildSource({ ...f, order: 'newest' });
      return {
        sql: `SELECT ${qualify('event, status, method, endpoint')} ${source.from} ${source.where} ${source.order} LIMIT ?`,
        params: [...source.params, limit],
      };
    };
    const count = (column: string, without: Partial<Record<keyof RequestFilter, undefined>>) => {
      const inner = newest({ ...filter, ...without });
      const sql = `SELECT ${column} AS value, count(*) AS count FROM (${inner.sql} ) GROUP BY value ORDER BY count DESC, value LIMIT 200`;
      return this.statements.get(sql).all(...inner.params) as { value: string | number | null; count: number }[];
    };
    const statusClass = "(status / 100) || 'xx'";
    const all = newest(filter, FACET_SCAN_LIMIT + 1);
    const total = (this.statements.get(`SELECT count(*) AS n FROM (${all.sql})`).get(...all.params) as { n: number }).n;
    const asFacet = (rows: { value: string | number | null; count: number }[]) =>
      rows.map((r) => ({ value: r.value === null ? null : String(r.value), count: r.count }));
    return {
      events: asFacet(count('event', { event: undefined })),
      statuses: asFacet(count(statusClass, { status: undefined })),
      methods: asFacet(count('method', { method: undefined })),
      endpoints: asFacet(count('endpoint', { endpoint: undefined })),
      total: Math.min(total, FACET_SCAN_LIMIT),
      scanned: FACET_SCAN_LIMIT,
      capped: total > FACET_SCAN_LIMIT,
    };
  }

  /** A text search must see every committed request: bring the index up to date first. */
  private prepareSearch(filter: FilterWithoutPaging): void {
    if (filter.q !== undefined && filter.q.trim() !== '') this.fts.catchUp();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;
  }
}
