import type { Database, Statement } from 'better-sqlite3';
import type { Retention } from '../../../../shared/endpoint-schemas';
import type { RequestFacets } from '../../../../shared/request-filter';
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
  verification: RequestSummary['verification'];
  status: number;
  clientAddress: string | null;
  /** Arrived through the public tunnel. */
  viaTunnel: boolean;
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
  verification: RequestSummary['verification'];
  status: number;
  client_address: string | null;
  via_tunnel: number;
  received_at: number;
}

interface DetailRow extends Row {
  headers: string;
  body: Buffer;
  scheme: string | null;
}

const SUMMARY_COLUMNS =
  'id, endpoint, method, path, query, size, truncated, content_type, event, verification, status, client_address, via_tunnel, received_at';

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
    verification: row.verification,
    status: row.status,
    clientAddress: row.client_address,
    viaTunnel: row.via_tunnel === 1,
    receivedAt: new Date(row.received_at).toISOString(),
  };
}

function toDetail(row: DetailRow): RequestDetail {
  return {
    ...toSummary(row),
    headers: JSON.parse(row.headers) as HeaderPairs,
    bodyBase64: row.body.toString('base64'),
    scheme: row.scheme,
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

interface FacetRow {
  event: string | null;
  status: number;
  method: string;
  endpoint: string | null;
  verification: string | null;
}

/** Value counts, most common first (ties by value), at most 200 values. */
function countBy(rows: readonly FacetRow[], value: (row: FacetRow) => string | null): { value: string | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const row of rows) {
    const v = value(row);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .map(([v, count]) => ({ value: v, count }))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
    .slice(0, 200);
}

/**
 * Facet counts stop after this many matching requests (newest first): the core answers one query
 * at a time, and counting 50,000 took 0.2-1.2 s at 1M rows, holding up list pages behind it.
 */
export const FACET_SCAN_LIMIT = 10_000;

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

/** How many requests are stored and what they occupy (body + headers). */
export interface Usage {
  count: number;
  bytes: number;
}

/** Deletes run in transactions of this many rows, so clearing a million never stalls captures for long. */
const DELETE_CHUNK = 2_000;

export class RequestsRepo {
  private readonly insertStmt: Statement;
  private readonly getStmt: Statement;
  private readonly usageStmt: Statement;
  private readonly addUsageStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly oldestStmt: Statement;
  private readonly statements: StatementCache;
  private readonly writes: GroupCommit<NewRequest, RequestSummary>;
  private readonly deleteTx: (ids: readonly number[]) => number[];
  private retention: Retention = { maxCount: null, maxBytes: null };
  /** Bytes inserted by the transaction in progress (see insertMany). */
  private batchBytes = 0;
  /** Told about every deletion, including the ones retention makes (the UI drops those rows). */
  onDeleted: ((ids: number[]) => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly fts: FtsIndexer,
  ) {
    this.statements = new StatementCache(db);
    this.insertStmt = db.prepare(`INSERT INTO requests
      (endpoint, method, path, query, headers, body, size, truncated, content_type, event, scheme, verification, status, client_address, via_tunnel, received_at)
      VALUES (@endpoint, @method, @path, @query, @headers, @body, @size, @truncated, @contentType, @event, @scheme, @verification, @status, @clientAddress, @viaTunnel, @receivedAt)`);
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, headers, body, scheme FROM requests WHERE id = ?`);
    this.usageStmt = db.prepare('SELECT count, bytes FROM request_usage WHERE id = 1');
    this.addUsageStmt = db.prepare('UPDATE request_usage SET count = count + ?, bytes = bytes + ? WHERE id = 1');
    this.deleteStmt = db.prepare('DELETE FROM requests WHERE id = ? RETURNING length(body) + length(headers) AS bytes');
    this.oldestStmt = db.prepare('SELECT id, length(body) + length(headers) AS bytes FROM requests ORDER BY id LIMIT ?');
    this.deleteTx = db.transaction((ids: readonly number[]) => this.deleteNow(ids));
    let trimmed: number[] = [];
    const insertMany = db.transaction((items: NewRequest[]) => {
      this.batchBytes = 0;
      const results = items.map((item) => this.insertNow(item));
      // One bookkeeping update per transaction, not per row.
      this.addUsageStmt.run(items.length, this.batchBytes);
      // Retention trims in the same transaction: the store never holds more than allowed, and a
      // new request is never refused to make room.
      trimmed = this.trimToRetention();
      return results;
    });
    this.writes = new GroupCommit((items) => {
      const results = insertMany(items);
      this.fts.nudge();
      if (trimmed.length > 0) this.onDeleted?.(trimmed);
      return results;
    });
  }

  setRetention(retention: Retention): void {
    this.retention = retention;
    const trimmed = this.db.transaction(() => this.trimToRetention())();
    if (trimmed.length > 0) this.onDeleted?.(trimmed);
  }

  usage(): Usage {
    return this.usageStmt.get() as Usage;
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
    const headers = JSON.stringify(item.headers);
    const info = this.insertStmt.run({ ...item, headers, truncated: item.truncated ? 1 : 0, viaTunnel: item.viaTunnel ? 1 : 0 });
    this.batchBytes += item.body.length + Buffer.byteLength(headers);
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
      verification: item.verification,
      status: item.status,
      client_address: item.clientAddress,
      via_tunnel: item.viaTunnel ? 1 : 0,
      received_at: item.receivedAt,
    });
  }

  get(id: number): RequestDetail | null {
    const row = this.getStmt.get(id) as DetailRow | undefined;
    return row ? toDetail(row) : null;
  }

  /**
   * Captures with an id above `after`, oldest first, in full: the catch-up feed of `hookbench
   * listen`. Ids only grow (AUTOINCREMENT) and a group commit makes a batch visible at once, so a
   * reader that walks ids never skips a capture committed after its last read. The page stops at
   * `limit` rows or once `maxBytes` of bodies and headers are in (always at least one row).
   * Imported requests (client address `import`) are not captures anyone sent: left out.
   */
  since(after: number, endpoint: string | null, limit: number, maxBytes: number): { items: RequestDetail[]; more: boolean } {
    const sql = `SELECT ${SUMMARY_COLUMNS}, headers, body, scheme FROM requests
      WHERE id > ? ${endpoint === null ? '' : 'AND endpoint = ?'} AND NOT (via_tunnel = 0 AND coalesce(client_address, '') = 'import')
      ORDER BY id LIMIT ?`;
    const items: RequestDetail[] = [];
    let bytes = 0;
    for (const row of this.statements.get(sql).iterate(...(endpoint === null ? [after] : [after, endpoint]), limit + 1) as IterableIterator<DetailRow>) {
      if (items.length === limit || (items.length > 0 && bytes + row.body.length + row.headers.length > maxBytes)) return { items, more: true };
      bytes += row.body.length + row.headers.length;
      items.push(toDetail(row));
    }
    return { items, more: false };
  }

  /** The newest capture id (0 when none): where `hookbench listen --from now` starts. */
  latestId(): number {
    return (this.statements.get('SELECT coalesce(max(id), 0) AS id FROM requests').get() as { id: number }).id;
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

  /** Ids of one page of a filter, with the position to continue from (exports walk a filter with it). */
  listPositions(filter: FilterWithoutPaging, { limit, after }: { limit: number; after: Position | null }): { ids: number[]; next: Position | null } {
    this.prepareSearch(filter);
    const source = buildSource(filter, after);
    const sql = `SELECT requests.id AS id, requests.received_at AS received_at ${source.from} ${source.where} ${source.order} LIMIT ?`;
    const rows = this.statements.get(sql).all(...source.params, limit) as { id: number; received_at: number }[];
    const last = rows[rows.length - 1];
    return { ids: rows.map((r) => r.id), next: rows.length === limit && last ? { receivedAt: last.received_at, id: last.id } : null };
  }

  /**
   * How many requests in the filter have each event, status class, method and endpoint. Each
   * facet is counted with its own dimension left out of the filter, so picking one event still
   * shows how many the other events have. Counts cover the newest FACET_SCAN_LIMIT matches.
   *
   * Dimensions the filter does not constrain share one scan of the matching rows, counted here
   * (one pass instead of four GROUP BYs: this runs on every filter change and capture burst).
   */
  facets(filter: FilterWithoutPaging): RequestFacets {
    this.prepareSearch(filter);
    const scan = (f: FilterWithoutPaging): FacetRow[] => {
      const source = buildSource({ ...f, order: 'newest' });
      const sql = `SELECT ${qualify('event, status, method, endpoint, verification')} ${source.from} ${source.where} ${source.order} LIMIT ?`;
      return this.statements.get(sql).all(...source.params, FACET_SCAN_LIMIT + 1) as FacetRow[];
    };
    const base = scan(filter);
    const capped = base.length > FACET_SCAN_LIMIT;
    if (capped) base.pop();
    const dimension = (key: 'event' | 'status' | 'method' | 'endpoint' | 'verification', value: (row: FacetRow) => string | null) => {
      const rows = filter[key]?.length ? scan({ ...filter, [key]: undefined }).slice(0, FACET_SCAN_LIMIT) : base;
      return countBy(rows, value);
    };
    return {
      events: dimension('event', (r) => r.event),
      statuses: dimension('status', (r) => `${Math.floor(r.status / 100)}xx`),
      methods: dimension('method', (r) => r.method),
      endpoints: dimension('endpoint', (r) => r.endpoint),
      verifications: dimension('verification', (r) => r.verification),
      total: base.length,
      scanned: FACET_SCAN_LIMIT,
      capped,
    };
  }

  /** A text search must see every committed request: bring the index up to date first. */
  private prepareSearch(filter: FilterWithoutPaging): void {
    if (filter.q !== undefined && filter.q.trim() !== '') this.fts.catchUp();
  }

  /** In proxy mode the answer is the forward's, known only after the row was committed. */
  setStatus(id: number, status: number): void {
    this.statements.get('UPDATE requests SET status = ? WHERE id = ?').run(status, id);
  }

  count(): number {
    return this.usage().count;
  }

  /** Deletes these requests; returns the ids that existed. */
  delete(ids: readonly number[]): number[] {
    const deleted: number[] = [];
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) deleted.push(...this.deleteTx(ids.slice(i, i + DELETE_CHUNK)));
    if (deleted.length > 0) this.onDeleted?.(deleted);
    return deleted;
  }

  /**
   * Deletes every request matching a filter (clearing an endpoint is `{endpoint: [slug]}`), in
   * chunks with a pause between them so captures keep flowing during a large clear.
   */
  async deleteMatching(filter: FilterWithoutPaging): Promise<number> {
    let total = 0;
    for (;;) {
      // Always from the start: what was deleted is gone, so no cursor is needed.
      const { ids } = this.listPositions({ ...filter, order: 'oldest' }, { limit: DELETE_CHUNK, after: null });
      if (ids.length === 0) return total;
      total += this.delete(ids).length;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Inside a transaction. */
  private deleteNow(ids: readonly number[]): number[] {
    const deleted: number[] = [];
    let bytes = 0;
    for (const id of ids) {
      const row = this.deleteStmt.get(id) as { bytes: number } | undefined;
      if (!row) continue;
      deleted.push(id);
      bytes += row.bytes;
    }
    this.fts.forget(deleted);
    this.addUsageStmt.run(-deleted.length, -bytes);
    return deleted;
  }

  /** Inside a transaction: drops the oldest requests until the policy holds; returns their ids. */
  private trimToRetention(): number[] {
    const { maxCount, maxBytes } = this.retention;
    if (maxCount === null && maxBytes === null) return [];
    const trimmed: number[] = [];
    for (;;) {
      const usage = this.usage();
      const excessCount = maxCount === null ? 0 : usage.count - maxCount;
      const excessBytes = maxBytes === null ? 0 : usage.bytes - maxBytes;
      if (excessCount <= 0 && excessBytes <= 0) return trimmed;
      // By count we know how many rows go; by size we don't, so look at a chunk of the oldest.
      const look = excessBytes > 0 ? DELETE_CHUNK : Math.min(DELETE_CHUNK, excessCount);
      const oldest = this.oldestStmt.all(look) as { id: number; bytes: number }[];
      if (oldest.length === 0) return trimmed;
      // Take whole rows from the oldest end until both limits are met.
      const take: number[] = [];
      let freedBytes = 0;
      for (const row of oldest) {
        if (take.length >= excessCount && freedBytes >= excessBytes) break;
        take.push(row.id);
        freedBytes += row.bytes;
      }
      trimmed.push(...this.deleteNow(take));
    }
  }
}
