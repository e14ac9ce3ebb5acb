import type { Database, Statement } from 'better-sqlite3';
import type { Retention } from '../../../../shared/endpoint-schemas';
import type { RequestFacets } from '../../../../shared/request-filter';
import type { DriftDifference } from '../../../../shared/contracts/drift';
import type { Page, RequestDetail, RequestSummary } from '../../../../shared/request-schemas';
import { takeCatchUpPage } from '../catch-up-page';
import { deleteInChunks } from '../delete-in-chunks';
import { GroupCommit } from '../group-commit';
import { countFacets, type FacetRow } from '../request-facets';
import { countTrimmed, excessOver, oldestToLookAt, pickTrimmed } from '../retention-trim';
import { DETAIL_COLUMNS, positionsPage, SUMMARY_COLUMNS, summaryOf, summaryPage, toDetail, type RequestDetailRow, type RequestRow } from '../request-rows';
import { FACET_SCAN_LIMIT, type CatchUpPage, type DriftCount, type FilterWithoutPaging, type Inserted, type NewRequest, type Position, type RequestsRepository, type Usage } from '../repositories';
import type { FtsIndexer } from './fts-indexer';
import { buildSource, qualify } from './request-query';

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

/** Deletes run in transactions of this many rows, so clearing a million never stalls captures for long. */
const DELETE_CHUNK = 2_000;

/**
 * Bytes a stored request occupies: body + headers. `CAST(headers AS BLOB)` counts the headers'
 * UTF-8 bytes (length() of TEXT counts characters), as the insert does, so usage never drifts.
 */
const ROW_BYTES = 'length(body) + length(CAST(headers AS BLOB))';

/**
 * Captured requests in the embedded SQLite database. SQLite answers synchronously; the methods
 * are async only to fit the port (repositories.ts), so each resolves with work already done.
 */
export class RequestsRepo implements RequestsRepository {
  private readonly insertStmt: Statement;
  private readonly getStmt: Statement;
  private readonly usageStmt: Statement;
  private readonly addUsageStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly oldestStmt: Statement;
  private readonly oldestAfterStmt: Statement;
  private readonly statements: StatementCache;
  private readonly writes: GroupCommit<NewRequest, Inserted>;
  private readonly deleteTx: (ids: readonly number[]) => number[];
  private readonly trimTx: () => number[];
  /** The policy the capture transaction trims to (set by applyRetention). */
  private retention: Retention = { maxCount: null, maxBytes: null };
  /** Bytes inserted by the transaction in progress (see insertMany). */
  private batchBytes = 0;

  constructor(
    private readonly db: Database,
    private readonly fts: FtsIndexer,
  ) {
    this.statements = new StatementCache(db);
    this.insertStmt = db.prepare(`INSERT INTO requests
      (endpoint, method, path, query, headers, body, size, truncated, content_type, event, scheme, verification, status, client_address, via_tunnel, received_at)
      VALUES (@endpoint, @method, @path, @query, @headers, @body, @size, @truncated, @contentType, @event, @scheme, @verification, @status, @clientAddress, @viaTunnel, @receivedAt)`);
    this.getStmt = db.prepare(`SELECT ${DETAIL_COLUMNS} FROM requests WHERE id = ?`);
    this.usageStmt = db.prepare('SELECT count, bytes FROM request_usage WHERE id = 1');
    this.addUsageStmt = db.prepare('UPDATE request_usage SET count = count + ?, bytes = bytes + ? WHERE id = 1');
    this.deleteStmt = db.prepare(`DELETE FROM requests WHERE id = ? RETURNING ${ROW_BYTES} AS bytes`);
    this.oldestStmt = db.prepare(`SELECT id, ${ROW_BYTES} AS bytes FROM requests ORDER BY id LIMIT ?`);
    this.oldestAfterStmt = db.prepare(`SELECT id, ${ROW_BYTES} AS bytes FROM requests WHERE id > ? ORDER BY id LIMIT ?`);
    this.deleteTx = db.transaction((ids: readonly number[]) => this.deleteNow(ids));
    this.trimTx = db.transaction(() => this.trimToRetention());
    const insertMany = db.transaction((items: NewRequest[]): Inserted[] => {
      this.batchBytes = 0;
      const summaries = items.map((item) => this.insertNow(item));
      // One bookkeeping update per transaction, not per row.
      this.addUsageStmt.run(items.length, this.batchBytes);
      // Retention trims in the same transaction: the store never holds more than allowed, and a
      // new request is never refused to make room. The batch's trimmed ids go with its first
      // capture only, so whoever announces deletions announces each once.
      const trimmed = this.trimToRetention();
      return summaries.map((summary, i) => ({ summary, trimmed: i === 0 ? trimmed : [] }));
    });
    this.writes = new GroupCommit((items) => {
      const results = insertMany(items);
      this.fts.nudge();
      return results;
    });
  }

  /** Sets the policy later captures are trimmed to (in their own transaction) and trims now. */
  async applyRetention(retention: Retention): Promise<number[]> {
    this.retention = retention;
    return this.trimTx();
  }

  async previewRetention(retention: Retention): Promise<number> {
    return countTrimmed(retention, this.currentUsage(), DELETE_CHUNK, async (after, limit) => this.oldestAfterStmt.all(after, limit) as { id: number; bytes: number }[]);
  }

  async usage(): Promise<Usage> {
    return this.currentUsage();
  }

  /** Queues the insert; resolves once the row is committed (group commit with its tick-mates). */
  insert(request: NewRequest): Promise<Inserted> {
    return this.writes.add(request);
  }

  get writeStats(): GroupCommit<NewRequest, Inserted>['stats'] {
    return this.writes.stats;
  }

  /** Commits whatever is queued right now. */
  async flush(): Promise<void> {
    this.writes.flush();
  }

  private currentUsage(): Usage {
    return this.usageStmt.get() as Usage;
  }

  private insertNow(item: NewRequest): RequestSummary {
    const headers = JSON.stringify(item.headers);
    const info = this.insertStmt.run({ ...item, headers, truncated: item.truncated ? 1 : 0, viaTunnel: item.viaTunnel ? 1 : 0 });
    this.batchBytes += item.body.length + Buffer.byteLength(headers);
    return summaryOf(Number(info.lastInsertRowid), item);
  }

  async get(id: number): Promise<RequestDetail | null> {
    const row = this.getStmt.get(id) as RequestDetailRow | undefined;
    return row ? toDetail(row) : null;
  }

  /**
   * Captures with an id above `after`, oldest first, in full: the catch-up feed of `hookbench
   * listen`, whose position here is the id. Ids only grow (AUTOINCREMENT) and a group commit makes
   * a batch visible at once, so a reader that walks ids never skips a capture committed after its
   * last read. Imported requests (client address `import`) are not captures anyone sent: left out.
   */
  async since(after: number, endpoint: string | null, limit: number, maxBytes: number): Promise<CatchUpPage> {
    const sql = `SELECT ${DETAIL_COLUMNS} FROM requests
      WHERE id > ? ${endpoint === null ? '' : 'AND endpoint = ?'} AND NOT (via_tunnel = 0 AND coalesce(client_address, '') = 'import')
      ORDER BY id LIMIT ?`;
    // Iterated, not fetched whole: the page stops at its byte budget without reading further bodies.
    const rows = this.statements.get(sql).iterate(...(endpoint === null ? [after] : [after, endpoint]), limit + 1) as IterableIterator<RequestDetailRow>;
    const page = takeCatchUpPage(rows, limit, maxBytes, (row) => row.body.length + row.headers.length);
    return { items: page.rows.map((row) => ({ request: toDetail(row), position: row.id })), more: page.more };
  }

  /** The newest capture id (0 when none). */
  async latestPosition(): Promise<number> {
    return (this.statements.get('SELECT coalesce(max(id), 0) AS id FROM requests').get() as { id: number }).id;
  }

  /**
   * One page of requests matching `filter`, newest (or oldest) first. Keyset paging on
   * (received_at, id): page N costs the same as page 1, never an OFFSET scan.
   */
  async list(filter: FilterWithoutPaging, { limit, after }: { limit: number; after: Position | null }): Promise<Page<RequestSummary>> {
    this.prepareSearch(filter);
    const source = buildSource(filter, after);
    const sql = `SELECT ${qualify(SUMMARY_COLUMNS)} ${source.from} ${source.where} ${source.order} LIMIT ?`;
    const rows = this.statements.get(sql).all(...source.params, limit + 1) as RequestRow[];
    return summaryPage(rows, limit);
  }

  /** Ids of one page of a filter, with the position to continue from (exports walk a filter with it). */
  async listPositions(filter: FilterWithoutPaging, { limit, after }: { limit: number; after: Position | null }): Promise<{ ids: number[]; next: Position | null }> {
    this.prepareSearch(filter);
    const source = buildSource(filter, after);
    const sql = `SELECT requests.id AS id, requests.received_at AS received_at ${source.from} ${source.where} ${source.order} LIMIT ?`;
    const rows = this.statements.get(sql).all(...source.params, limit) as { id: number; received_at: number }[];
    return positionsPage(rows, limit);
  }

  /** Counts per event, status class, method, endpoint and verdict (see countFacets). */
  async facets(filter: FilterWithoutPaging): Promise<RequestFacets> {
    this.prepareSearch(filter);
    return countFacets(filter, async (f) => {
      const source = buildSource({ ...f, order: 'newest' });
      const sql = `SELECT ${qualify('event, status, method, endpoint, verification')} ${source.from} ${source.where} ${source.order} LIMIT ?`;
      return this.statements.get(sql).all(...source.params, FACET_SCAN_LIMIT + 1) as FacetRow[];
    });
  }

  /** A text search must see every committed request: bring the index up to date first. */
  private prepareSearch(filter: FilterWithoutPaging): void {
    if (filter.q !== undefined && filter.q.trim() !== '') this.fts.catchUp();
  }

  /** In proxy mode the answer is the forward's, known only after the row was committed. */
  async setStatus(id: number, status: number): Promise<void> {
    this.statements.get('UPDATE requests SET status = ? WHERE id = ?').run(status, id);
  }

  /** Flags a capture (found off the acknowledgement path, after its commit); false when it is gone. */
  async setDrift(id: number, differences: readonly DriftDifference[] | null): Promise<boolean> {
    const info = this.statements.get('UPDATE requests SET drift = ? WHERE id = ?').run(differences === null ? null : JSON.stringify(differences), id);
    return info.changes > 0;
  }

  /** Read from the partial index of flagged rows alone (migration 012). */
  async driftCounts(): Promise<DriftCount[]> {
    return this.statements.get('SELECT endpoint, event, count(*) AS count FROM requests WHERE drift IS NOT NULL GROUP BY endpoint, event').all() as DriftCount[];
  }

  /** Deletes these requests; returns the ids that existed. */
  async delete(ids: readonly number[]): Promise<number[]> {
    const deleted: number[] = [];
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) deleted.push(...this.deleteTx(ids.slice(i, i + DELETE_CHUNK)));
    return deleted;
  }

  /**
   * Deletes every request matching a filter (clearing an endpoint is `{endpoint: [slug]}`), in
   * chunks with a pause between them so captures keep flowing during a large clear.
   */
  async deleteMatching(filter: FilterWithoutPaging): Promise<number[]> {
    return deleteInChunks(
      async () => (await this.listPositions({ ...filter, order: 'oldest' }, { limit: DELETE_CHUNK, after: null })).ids,
      (ids) => this.delete(ids),
    );
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
    // Without a policy, not even the usage is read: this runs in every capture transaction.
    if (this.retention.maxCount === null && this.retention.maxBytes === null) return [];
    const trimmed: number[] = [];
    for (;;) {
      const excess = excessOver(this.retention, this.currentUsage());
      if (!excess) return trimmed;
      const oldest = this.oldestStmt.all(oldestToLookAt(excess, DELETE_CHUNK)) as { id: number; bytes: number }[];
      if (oldest.length === 0) return trimmed;
      trimmed.push(...this.deleteNow(pickTrimmed(oldest, excess)));
    }
  }
}
