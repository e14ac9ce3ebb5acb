import type pg from 'pg';
import type { Retention } from '../../../../shared/endpoint-schemas';
import type { RequestFacets } from '../../../../shared/request-filter';
import type { DriftDifference } from '../../../../shared/contracts/drift';
import type { Page, RequestDetail, RequestSummary } from '../../../../shared/request-schemas';
import { AsyncGroupCommit } from '../async-group-commit';
import { takeCatchUpPage } from '../catch-up-page';
import { deleteInChunks } from '../delete-in-chunks';
import { countFacets, type FacetRow } from '../request-facets';
import { DETAIL_COLUMNS, positionsPage, SUMMARY_COLUMNS, summaryOf, summaryPage, toDetail, type RequestDetailRow, type RequestRow } from '../request-rows';
import { FACET_SCAN_LIMIT, type CatchUpPage, type DriftCount, type FilterWithoutPaging, type Inserted, type NewRequest, type Position, type RequestsRepository, type Usage } from '../repositories';
import { countTrimmed, excessOver, oldestToLookAt, pickTrimmed } from '../retention-trim';
import type { PgDatabase } from './pg-database';
import { pgOrderBy, pgWhere, SqlParams } from './pg-request-query';
import { pgText } from './pg-text';
import { requestWords } from './search-words';

/** Deletes run in transactions of this many rows, so clearing a million never stalls captures for long. */
const DELETE_CHUNK = 2_000;

/**
 * Rows per INSERT statement of a batch: 17 parameters each, well under PostgreSQL's 65,535; and
 * body bytes per statement (at least one row), so a burst of large uploads never comes near a
 * protocol message's 1 GB limit.
 */
const INSERT_CHUNK = 1_000;

const CAPTURE_TRANSACTIONS_IN_FLIGHT = 4;
const INSERT_CHUNK_BYTES = 32 * 1024 * 1024;

/** Rows of `request_usage` (migration 002); a capture transaction adds to one picked at random. */
const USAGE_SHARDS = 16;

/** Captures the feed sequencer gives positions to per round (one round per since()). */
const FEED_BATCH = 5_000;

/** The advisory lock the feed sequencer holds (its own key, apart from migrations and job locks). */
const FEED_LOCK = `hashtext('hookbench-feed')`;

/** Bytes a stored request occupies: body + headers (UTF-8), what the insert adds to the usage. */
const ROW_BYTES = 'octet_length(body) + octet_length(headers)';

/** Imports (`hookbench import`, HAR files) are not captures anyone sent: the catch-up feed leaves them out. */
const NOT_IMPORTED = "NOT (NOT via_tunnel AND coalesce(client_address, '') = 'import')";

const INSERT_COLUMNS =
  'endpoint, method, path, query, headers, body, size, truncated, content_type, event, scheme, verification, status, client_address, via_tunnel, received_at, search';

/** A capture ready to write: its headers as stored, and the words it is found by (computed before the transaction). */
interface Prepared {
  request: NewRequest;
  headers: string;
  words: string[];
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** A batch cut into INSERT statements of at most INSERT_CHUNK rows and INSERT_CHUNK_BYTES of bodies. */
function insertChunks(items: Prepared[]): Prepared[][] {
  const chunks: Prepared[][] = [];
  let chunk: Prepared[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = item.request.body.length;
    if (chunk.length > 0 && (chunk.length === INSERT_CHUNK || bytes + size > INSERT_CHUNK_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * Captured requests in PostgreSQL, where several `hookbench serve` instances share one database.
 * The twin of sqlite/requests-repo.ts, with three differences forced by sharing:
 *
 * - usage is a sharded counter (see migration 002), so concurrent capture transactions do not queue;
 * - retention never runs inside a capture: a singleton job calls applyRetention, so insert's
 *   `trimmed` is always empty here;
 * - the catch-up feed walks `feed_seq`, not ids (see since()).
 */
export class PgRequestsRepo implements RequestsRepository {
  /**
   * Up to four capture transactions in flight: one batch waits for its commit's fsync while the
   * next is already being written (measured: about 600/s with one in flight on this test
   * machine's disk, where the wait for the flush, not the CPU, was the limit).
   */
  private readonly writes = new AsyncGroupCommit<Prepared, Inserted>((items) => this.insertBatch(items), CAPTURE_TRANSACTIONS_IN_FLIGHT);

  constructor(private readonly db: PgDatabase) {}

  /** Resolves once the row is committed (group commit with its tick-mates). */
  async insert(capture: NewRequest): Promise<Inserted> {
    // Text as PostgreSQL stores it (pg-text.ts), so the summary answered is what get() will read.
    const request = {
      ...capture,
      endpoint: pgText(capture.endpoint),
      method: pgText(capture.method),
      path: pgText(capture.path),
      query: pgText(capture.query),
      contentType: pgText(capture.contentType),
      event: pgText(capture.event),
      scheme: pgText(capture.scheme),
      clientAddress: pgText(capture.clientAddress),
    };
    const headers = JSON.stringify(request.headers);
    // Cut into words here, on the caller's turn, not inside the batch's transaction.
    return this.writes.add({ request, headers, words: requestWords(request.path, headers, request.body) });
  }

  get writeStats(): AsyncGroupCommit<Prepared, Inserted>['stats'] {
    return this.writes.stats;
  }

  async flush(): Promise<void> {
    await this.writes.flush();
  }

  /**
   * One transaction for the batch: multi-row INSERTs and one usage update. RETURNING yields the
   * ids in VALUES order (the executor inserts a VALUES list row by row, in order, returning each
   * as it goes), which is how each caller gets its own id.
   */
  private async insertBatch(items: Prepared[]): Promise<Inserted[]> {
    return this.db.tx(async (client) => {
      const ids: number[] = [];
      for (const chunk of insertChunks(items)) ids.push(...(await this.insertRows(client, chunk)));
      const bytes = items.reduce((sum, { request, headers }) => sum + request.body.length + Buffer.byteLength(headers), 0);
      await this.addUsage(client, items.length, bytes);
      return items.map(({ request }, i) => ({ summary: summaryOf(ids[i]!, request), trimmed: [] }));
    });
  }

  private async insertRows(client: Queryable, items: Prepared[]): Promise<number[]> {
    const params = new SqlParams();
    const rows = items.map(({ request: r, headers, words }) => {
      const values = [r.endpoint, r.method, r.path, r.query, headers, r.body, r.size, r.truncated, r.contentType, r.event, r.scheme, r.verification, r.status, r.clientAddress, r.viaTunnel, r.receivedAt];
      return `(${values.map((v) => params.add(v)).join(', ')}, array_to_tsvector(${params.add(words)}::text[]))`;
    });
    const { rows: inserted } = await client.query<{ id: number }>(`INSERT INTO requests (${INSERT_COLUMNS}) VALUES ${rows.join(', ')} RETURNING id`, params.values);
    return inserted.map((row) => row.id);
  }

  /** Adds to one usage shard picked at random: transactions of other instances likely update another. */
  private async addUsage(client: Queryable, count: number, bytes: number): Promise<void> {
    await client.query(
      `INSERT INTO request_usage (shard, count, bytes) VALUES ($1, $2, $3)
       ON CONFLICT (shard) DO UPDATE SET count = request_usage.count + excluded.count, bytes = request_usage.bytes + excluded.bytes`,
      [Math.floor(Math.random() * USAGE_SHARDS), count, bytes],
    );
  }

  async usage(): Promise<Usage> {
    const { rows } = await this.db.query<Usage>('SELECT coalesce(sum(count), 0) AS count, coalesce(sum(bytes), 0) AS bytes FROM request_usage');
    return rows[0]!;
  }

  async get(id: number): Promise<RequestDetail | null> {
    const { rows } = await this.db.query<RequestDetailRow>(`SELECT ${DETAIL_COLUMNS} FROM requests WHERE id = $1`, [id]);
    return rows[0] ? toDetail(rows[0]) : null;
  }

  /**
   * Captures after feed position `after`, oldest first, in full: the catch-up feed of `hookbench
   * listen`, whose position here is `feed_seq`.
   *
   * Ids are not in commit order across instances (and not even within one, between batches), so a
   * reader walking ids could pass an id whose row commits later and never see it. Instead, before
   * reading, the sequencer gives the next feed positions to committed rows that have none, in one
   * transaction under an advisory lock: sequencers run one at a time and each commits before the
   * next takes positions, so every committed position is below every position not yet committed,
   * and a reader continuing after a position it saw never skips one. (A row committing after a
   * sequencer ran gets a position from a later one.)
   *
   * The page stops at `limit` rows or once `maxBytes` of bodies and headers are in (always at
   * least one row): sizes are read first, bodies only for the rows of the page.
   */
  async since(after: number, endpoint: string | null, limit: number, maxBytes: number): Promise<CatchUpPage> {
    await this.sequenceFeed();
    const params = new SqlParams();
    const byEndpoint = endpoint === null ? '' : `AND endpoint = ${params.add(pgText(endpoint))}`;
    const { rows: sizes } = await this.db.query<{ id: number; feed_seq: number; bytes: number }>(
      `SELECT id, feed_seq, ${ROW_BYTES} AS bytes FROM requests
       WHERE feed_seq > ${params.add(after)} ${byEndpoint} AND ${NOT_IMPORTED}
       ORDER BY feed_seq LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const page = takeCatchUpPage(sizes, limit, maxBytes, (row) => row.bytes);
    if (page.rows.length === 0) return { items: [], more: page.more };
    const { rows } = await this.db.query<RequestDetailRow>(`SELECT ${DETAIL_COLUMNS} FROM requests WHERE id = ANY($1::bigint[])`, [page.rows.map((r) => r.id)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    // A row deleted between the two reads is left out: it is gone.
    const items = page.rows.flatMap(({ id, feed_seq }) => {
      const row = byId.get(id);
      return row ? [{ request: toDetail(row), position: feed_seq }] : [];
    });
    return { items, more: page.more };
  }

  /** The newest feed position, after giving positions to every committed capture (0 when none). */
  async latestPosition(): Promise<number> {
    // One bounded round, not the whole backlog (after a long time without listeners that could be
    // a million rows on every page): rows left unsequenced get positions above this one later, so
    // a listener starting "now" may see a few captures from just before, never miss one.
    await this.sequenceFeed();
    const { rows } = await this.db.query<{ position: number }>('SELECT coalesce(max(feed_seq), 0) AS position FROM requests');
    return rows[0]!.position;
  }

  /**
   * One sequencer round (see since()): gives feed positions to up to FEED_BATCH committed rows
   * without one, in id order; returns how many. Rows are locked in id order, as deletes lock them,
   * so the two never deadlock.
   */
  private async sequenceFeed(): Promise<number> {
    // Most calls find nothing to do: no lock, no transaction then.
    const { rows } = await this.db.query<{ pending: boolean }>('SELECT EXISTS (SELECT 1 FROM requests WHERE feed_seq IS NULL) AS pending');
    if (!rows[0]!.pending) return 0;
    return this.db.tx(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${FEED_LOCK})`);
      const { rowCount } = await client.query(
        `WITH unfed AS (SELECT id FROM requests WHERE feed_seq IS NULL ORDER BY id LIMIT $1 FOR UPDATE),
              numbered AS (SELECT id, nextval('requests_feed_seq') AS seq FROM unfed ORDER BY id)
         UPDATE requests SET feed_seq = numbered.seq FROM numbered WHERE requests.id = numbered.id`,
        [FEED_BATCH],
      );
      return rowCount ?? 0;
    });
  }

  /**
   * One page of requests matching `filter`, newest (or oldest) first. Keyset paging on
   * (received_at, id): page N costs the same as page 1, never an OFFSET scan.
   */
  async list(filter: FilterWithoutPaging, { limit, after }: { limit: number; after: Position | null }): Promise<Page<RequestSummary>> {
    const params = new SqlParams();
    const where = pgWhere(filter, after, params);
    const { rows } = await this.db.query<RequestRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM requests ${where} ${pgOrderBy(filter.order)} LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    return summaryPage(rows, limit);
  }

  /** Ids of one page of a filter, with the position to continue from (exports walk a filter with it). */
  async listPositions(filter: FilterWithoutPaging, { limit, after }: { limit: number; after: Position | null }): Promise<{ ids: number[]; next: Position | null }> {
    const params = new SqlParams();
    const where = pgWhere(filter, after, params);
    const { rows } = await this.db.query<{ id: number; received_at: number }>(
      `SELECT id, received_at FROM requests ${where} ${pgOrderBy(filter.order)} LIMIT ${params.add(limit)}`,
      params.values,
    );
    return positionsPage(rows, limit);
  }

  /** Counts per event, status class, method, endpoint and verdict (see countFacets). */
  async facets(filter: FilterWithoutPaging): Promise<RequestFacets> {
    return countFacets(filter, async (f) => {
      const params = new SqlParams();
      const where = pgWhere(f, null, params);
      const { rows } = await this.db.query<FacetRow>(
        `SELECT event, status, method, endpoint, verification FROM requests ${where} ${pgOrderBy('newest')} LIMIT ${params.add(FACET_SCAN_LIMIT + 1)}`,
        params.values,
      );
      return rows;
    });
  }

  /** In proxy mode the answer is the forward's, known only after the row was committed. */
  async setStatus(id: number, status: number): Promise<void> {
    await this.db.query('UPDATE requests SET status = $1 WHERE id = $2', [status, id]);
  }

  /** Flags a capture (found off the acknowledgement path, after its commit); false when it is gone. */
  async setDrift(id: number, differences: readonly DriftDifference[] | null): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE requests SET drift = $1 WHERE id = $2', [differences === null ? null : JSON.stringify(differences), id]);
    return rowCount === 1;
  }

  /** Read from the partial index of flagged rows alone (migration 004). */
  async driftCounts(): Promise<DriftCount[]> {
    const { rows } = await this.db.query<DriftCount>('SELECT endpoint, event, count(*) AS count FROM requests WHERE drift IS NOT NULL GROUP BY endpoint, event');
    return rows;
  }

  /** Deletes these requests; returns the ids that existed (in the order given). */
  async delete(ids: readonly number[]): Promise<number[]> {
    const deleted: number[] = [];
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
      const chunk = ids.slice(i, i + DELETE_CHUNK);
      const gone = await this.db.tx((client) => this.deleteNow(client, chunk));
      for (const id of chunk) if (gone.delete(id)) deleted.push(id);
    }
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

  /**
   * Inside a transaction: deletes the rows (locked in id order, as the feed sequencer locks them)
   * and takes them off the usage; returns the ids this transaction deleted. A row another
   * instance deleted first is not returned, so it never leaves the usage twice.
   */
  private async deleteNow(client: Queryable, ids: readonly number[]): Promise<Set<number>> {
    const { rows } = await client.query<{ id: number; bytes: number }>(
      `DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE)
       RETURNING id, ${ROW_BYTES} AS bytes`,
      [ids],
    );
    if (rows.length > 0) await this.addUsage(client, -rows.length, -rows.reduce((sum, row) => sum + row.bytes, 0));
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Drops the oldest requests until `retention` holds; returns their ids. On a shared database one
   * instance runs this (a singleton job), in chunks of its own transactions; captures are never
   * refused or slowed to make room.
   */
  async applyRetention(retention: Retention): Promise<number[]> {
    const trimmed: number[] = [];
    for (;;) {
      const excess = excessOver(retention, await this.usage());
      if (!excess) return trimmed;
      const { rows: oldest } = await this.db.query<{ id: number; bytes: number }>(
        `SELECT id, ${ROW_BYTES} AS bytes FROM requests ORDER BY id LIMIT $1`,
        [oldestToLookAt(excess, DELETE_CHUNK)],
      );
      if (oldest.length === 0) return trimmed;
      trimmed.push(...(await this.delete(pickTrimmed(oldest, excess))));
    }
  }

  async previewRetention(retention: Retention): Promise<number> {
    return countTrimmed(retention, await this.usage(), DELETE_CHUNK, async (after, limit) => {
      const { rows } = await this.db.query<{ id: number; bytes: number }>(`SELECT id, ${ROW_BYTES} AS bytes FROM requests WHERE id > $1 ORDER BY id LIMIT $2`, [after, limit]);
      return rows;
    });
  }
}
