import type { Database, Statement } from 'better-sqlite3';
import type { HeaderPairs, Page, RequestDetail, RequestSummary } from '../../../../shared/request-schemas';
import { GroupCommit } from '../group-commit';

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

/** Opaque cursor: today the last id seen; opaque so the sort can grow without breaking clients. */
export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id })).toString('base64url');
}

export function decodeCursor(cursor: string): number | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const id = (value as { id?: unknown }).id;
    return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

export class RequestsRepo {
  private readonly insertStmt: Statement;
  private readonly getStmt: Statement;
  private readonly firstPageStmt: Statement;
  private readonly nextPageStmt: Statement;
  private readonly writes: GroupCommit<NewRequest, RequestSummary>;

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO requests
      (endpoint, method, path, query, headers, body, size, truncated, content_type, event, scheme, status, client_address, received_at)
      VALUES (@endpoint, @method, @path, @query, @headers, @body, @size, @truncated, @contentType, @event, @scheme, @status, @clientAddress, @receivedAt)`);
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, headers, body, scheme FROM requests WHERE id = ?`);
    this.firstPageStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM requests ORDER BY id DESC LIMIT ?`);
    this.nextPageStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM requests WHERE id < ? ORDER BY id DESC LIMIT ?`);
    const insertMany = db.transaction((items: NewRequest[]) => items.map((item) => this.insertNow(item)));
    this.writes = new GroupCommit((items) => insertMany(items));
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

  /** Newest first. Keyset paging on the id, so page N costs the same as page 1 (no OFFSET). */
  list({ limit, afterId }: { limit: number; afterId: number | null }): Page<RequestSummary> {
    const rows = (
      afterId === null ? this.firstPageStmt.all(limit + 1) : this.nextPageStmt.all(afterId, limit + 1)
    ) as Row[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toSummary);
    return { items, nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;
  }
}
