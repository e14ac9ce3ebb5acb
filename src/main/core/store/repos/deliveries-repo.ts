import type { Database, Statement } from 'better-sqlite3';
import type { HeaderPairs } from '../../../../shared/request-schemas';
import { storedResponse, withBody } from './stored-response';
import {
  ProviderPreset,
  type Attempt,
  type AttemptOutcome,
  type Delivery,
  type DeliveryDetail,
  type DeliveryFilter,
  type DeliveryState,
} from '../../../../shared/sender-schemas';

/** What the sender stores for a new delivery. */
export interface NewDelivery {
  eventId: string;
  event: string;
  provider: ProviderPreset;
  targetId: number;
  url: string;
  idempotencyKey: string;
  body: Buffer;
  test: boolean;
  /** When the first attempt is due (ms). */
  dueAt: number;
}

/** A delivery claimed for an attempt: what the sender needs to make it (`dueAt`: when this attempt was due). */
export interface ClaimedDelivery extends Omit<NewDelivery, 'test'> {
  id: number;
  attempts: number;
  cycleAttempts: number;
}

/** One finished attempt and what it decided for its delivery. */
export interface AttemptRecord {
  deliveryId: number;
  targetId: number;
  event: string;
  attempt: number;
  url: string;
  method: string;
  headers: HeaderPairs;
  outcome: AttemptOutcome;
  status: number | null;
  responseHeaders: HeaderPairs | null;
  responseBody: Buffer | null;
  responseTruncated: boolean;
  errorMessage: string | null;
  scheduledFor: number;
  startedAt: number;
  durationMs: number;
  /** The delivery's new state; `nextRetryAt` set when pending. */
  state: 'pending' | 'succeeded' | 'dead';
  nextRetryAt: number | null;
  cycleAttempts: number;
  /** A 410: switch the target off and move its other pending deliveries to the dead-letter queue. */
  disableTarget: string | null;
}

interface DeliveryRow {
  id: number;
  event_id: string;
  event: string;
  provider: string;
  target_id: number;
  url: string;
  idempotency_key: string;
  body: Buffer;
  test: number;
  state: DeliveryState;
  attempts: number;
  cycle_attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

interface AttemptRow {
  id: number;
  delivery_id: number;
  target_id: number;
  event: string;
  attempt: number;
  url: string;
  method: string;
  headers: string;
  outcome: AttemptOutcome;
  status: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  response_truncated: number;
  error_message: string | null;
  scheduled_for: number;
  started_at: number;
  duration_ms: number;
  next_retry_at: number | null;
  body: Buffer;
}

const iso = (ms: number) => new Date(ms).toISOString();
const SUMMARY_COLUMNS = 'id, event_id, event, provider, target_id, url, idempotency_key, test, state, attempts, cycle_attempts, next_attempt_at, last_status, last_error, created_at, updated_at';

/** What a delivery is, whichever way it is read (a summary, or claimed for an attempt). */
function identity(row: Pick<DeliveryRow, 'id' | 'event_id' | 'event' | 'provider' | 'target_id' | 'url' | 'idempotency_key'>) {
  return {
    id: row.id,
    eventId: row.event_id,
    event: row.event,
    // Parsed, not cast: a row from a newer version with an unknown preset still reads.
    provider: ProviderPreset.safeParse(row.provider).data ?? 'custom',
    targetId: row.target_id,
    url: row.url,
    idempotencyKey: row.idempotency_key,
  };
}

function toDelivery(row: Omit<DeliveryRow, 'body'>): Delivery {
  return {
    ...identity(row),
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' && row.next_attempt_at !== null ? iso(row.next_attempt_at) : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    test: row.test === 1,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    targetId: row.target_id,
    event: row.event,
    url: row.url,
    attempt: row.attempt,
    outcome: row.outcome,
    request: { method: row.method, headers: JSON.parse(row.headers) as HeaderPairs, body: row.body.toString('utf8'), bodyBase64: row.body.toString('base64') },
    // The log shows text; the request carries base64 too for exact bytes.
    response: withBody(storedResponse(row), (bytes) => ({ body: bytes.toString('utf8') })),
    error: row.outcome === 'success' ? null : { kind: row.outcome, message: row.error_message ?? '' },
    scheduledFor: iso(row.scheduled_for),
    startedAt: iso(row.started_at),
    durationMs: row.duration_ms,
    nextRetryAt: row.next_retry_at === null ? null : iso(row.next_retry_at),
  };
}

/** `status` selectors (code, class or `error`) as SQL over a column. */
function statusClause(column: string, selectors: string[], params: unknown[]): string {
  const parts = selectors.map((s) => {
    if (s === 'error') return `${column} IS NULL`;
    if (s.endsWith('xx')) {
      params.push(Number(s[0]) * 100, Number(s[0]) * 100 + 99);
      return `${column} BETWEEN ? AND ?`;
    }
    params.push(Number(s));
    return `${column} = ?`;
  });
  return `(${parts.join(' OR ')})`;
}

function inList(column: string, values: readonly unknown[], params: unknown[]): string {
  params.push(...values);
  return `${column} IN (${values.map(() => '?').join(', ')})`;
}

/**
 * The filters deliveries and attempts share. `status` on a delivery is its last attempt's answer,
 * so a delivery not yet attempted matches no status (not even `error`).
 */
function whereOf(
  filter: Omit<DeliveryFilter, 'limit' | 'cursor' | 'state'>,
  before: number | null,
  columns: { table: '' | 'a.'; time: string; status: string },
): { where: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const t = columns.table;
  if (filter.event?.length) where.push(inList(`${t}event`, filter.event, params));
  if (filter.target?.length) where.push(inList(`${t}target_id`, filter.target, params));
  if (filter.status?.length) where.push(`(${t === '' ? 'attempts > 0 AND ' : ''}${statusClause(t + columns.status, filter.status, params)})`);
  for (const [bound, op] of [[filter.from, '>='], [filter.to, '<=']] as const) {
    if (bound === undefined) continue;
    where.push(`${t}${columns.time} ${op} ?`);
    params.push(bound);
  }
  if (before !== null) {
    where.push(`${t}id < ?`);
    params.push(before);
  }
  return { where, params };
}

/** `limit + 1` rows in, a page with the cursor of its last item out. */
function page<R extends { id: number }, T>(rows: R[], limit: number, map: (row: R) => T): { items: T[]; nextCursor: string | null } {
  return { items: rows.slice(0, limit).map(map), nextCursor: rows.length > limit ? String(rows[limit - 1]!.id) : null };
}

/** Deliveries, their schedule and their attempts. */
export class DeliveriesRepo {
  private readonly insertStmt: Statement;
  private readonly getStmt: Statement;
  private readonly dueStmt: Statement;
  private readonly markSendingStmt: Statement;
  private readonly nextDueStmt: Statement;
  private readonly insertAttemptStmt: Statement;
  private readonly updateAfterAttemptStmt: Statement;
  private readonly killPendingOfTargetStmt: Statement;
  private readonly disableTargetStmt: Statement;
  private readonly attemptsOfStmt: Statement;
  private readonly recoverStmt: Statement;
  private readonly resendStmt: Statement;
  private readonly summariesStmt: Statement;
  private readonly createTx: (items: NewDelivery[]) => Delivery[];
  private readonly claimTx: (targetId: number, now: number, limit: number) => ClaimedDelivery[];
  private readonly recordTx: (records: AttemptRecord[]) => number[];
  private readonly resendTx: (ids: number[], now: number) => number[];

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO deliveries (event_id, event, provider, target_id, url, idempotency_key, body, test, state, next_attempt_at, created_at, updated_at)
      VALUES (@eventId, @event, @provider, @targetId, @url, @idempotencyKey, @body, @test, 'pending', @dueAt, @now, @now)`);
    this.getStmt = db.prepare('SELECT * FROM deliveries WHERE id = ?');
    this.dueStmt = db.prepare(`SELECT id, event_id, event, provider, target_id, url, idempotency_key, body, attempts, cycle_attempts, next_attempt_at
      FROM deliveries WHERE state = 'pending' AND target_id = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`);
    this.markSendingStmt = db.prepare(`UPDATE deliveries SET state = 'sending' WHERE id = ?`);
    this.nextDueStmt = db.prepare(`SELECT MIN(next_attempt_at) AS due FROM deliveries WHERE state = 'pending' AND target_id = ?`);
    this.insertAttemptStmt = db.prepare(`INSERT INTO delivery_attempts (delivery_id, target_id, event, attempt, url, method, headers, outcome, status, response_headers,
      response_body, response_truncated, error_message, scheduled_for, started_at, duration_ms, next_retry_at)
      VALUES (@deliveryId, @targetId, @event, @attempt, @url, @method, @headers, @outcome, @status, @responseHeaders, @responseBody, @responseTruncated,
      @errorMessage, @scheduledFor, @startedAt, @durationMs, @nextRetryAt)`);
    // Guarded by state = 'sending': a delivery deleted (with its target) meanwhile is left alone.
    this.updateAfterAttemptStmt = db.prepare(`UPDATE deliveries SET state = @state, attempts = attempts + 1, cycle_attempts = @cycleAttempts,
      next_attempt_at = @nextRetryAt, last_status = @status, last_error = @lastError, updated_at = @now WHERE id = @deliveryId AND state = 'sending'`);
    this.killPendingOfTargetStmt = db.prepare(`UPDATE deliveries SET state = 'dead', next_attempt_at = NULL, last_error = @reason, updated_at = @now
      WHERE target_id = @targetId AND state = 'pending' RETURNING id`);
    this.disableTargetStmt = db.prepare('UPDATE targets SET active = 0, disabled_reason = ?, updated_at = ? WHERE id = ?');
    this.attemptsOfStmt = db.prepare(`SELECT a.*, d.body FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE a.delivery_id = ? ORDER BY a.id`);
    this.recoverStmt = db.prepare(`UPDATE deliveries SET state = 'pending', next_attempt_at = ? WHERE state = 'sending'`);
    this.resendStmt = db.prepare(`UPDATE deliveries SET state = 'pending', cycle_attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'dead'`);
    // One prepared statement for any number of ids (a JSON array), not one per list length.
    this.summariesStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`);

    this.createTx = db.transaction((items: NewDelivery[]) => {
      const now = Date.now();
      return items.map((item) => {
        const id = Number(this.insertStmt.run({ ...item, test: item.test ? 1 : 0, now }).lastInsertRowid);
        // What was just written, without reading it back.
        return toDelivery({
          id,
          event_id: item.eventId,
          event: item.event,
          provider: item.provider,
          target_id: item.targetId,
          url: item.url,
          idempotency_key: item.idempotencyKey,
          test: item.test ? 1 : 0,
          state: 'pending',
          attempts: 0,
          cycle_attempts: 0,
          next_attempt_at: item.dueAt,
          last_status: null,
          last_error: null,
          created_at: now,
          updated_at: now,
        });
      });
    });
    this.claimTx = db.transaction((targetId: number, now: number, limit: number) => {
      const rows = this.dueStmt.all(targetId, now, limit) as DeliveryRow[];
      for (const row of rows) this.markSendingStmt.run(row.id);
      return rows.map((row) => ({
        ...identity(row),
        body: row.body,
        attempts: row.attempts,
        cycleAttempts: row.cycle_attempts,
        dueAt: row.next_attempt_at ?? now,
      }));
    });
    this.recordTx = db.transaction((records: AttemptRecord[]) => {
      const now = Date.now();
      const killed: number[] = [];
      for (const r of records) {
        const updated = this.updateAfterAttemptStmt.run({
          deliveryId: r.deliveryId,
          state: r.state,
          cycleAttempts: r.cycleAttempts,
          nextRetryAt: r.state === 'pending' ? r.nextRetryAt : null,
          status: r.status,
          lastError: r.outcome === 'success' ? null : r.errorMessage,
          now,
        });
        // The delivery went away meanwhile (its target was deleted): nothing to log it against.
        if (updated.changes === 0) continue;
        this.insertAttemptStmt.run({
          ...r,
          headers: JSON.stringify(r.headers),
          responseHeaders: r.responseHeaders === null ? null : JSON.stringify(r.responseHeaders),
          responseTruncated: r.responseTruncated ? 1 : 0,
        });
        if (r.disableTarget) {
          this.disableTargetStmt.run(r.disableTarget, now, r.targetId);
          const rows = this.killPendingOfTargetStmt.all({ targetId: r.targetId, reason: r.disableTarget, now }) as { id: number }[];
          killed.push(...rows.map((row) => row.id));
        }
      }
      return killed;
    });
    this.resendTx = db.transaction((ids: number[], now: number) => ids.filter((id) => this.resendStmt.run(now, now, id).changes > 0));
  }

  /** Inserts new deliveries, pending and due at `dueAt`, in one transaction. */
  create(items: NewDelivery[]): Delivery[] {
    return this.createTx(items);
  }

  /** Marks up to `limit` due deliveries of a target as sending and returns them, oldest due first. */
  claimDue(targetId: number, now: number, limit: number): ClaimedDelivery[] {
    return limit > 0 ? this.claimTx(targetId, now, limit) : [];
  }

  /** The earliest due time among a target's pending deliveries, or null. */
  nextDue(targetId: number): number | null {
    return (this.nextDueStmt.get(targetId) as { due: number | null }).due;
  }

  /** Stores finished attempts and their deliveries' new state; returns deliveries killed by a 410. */
  record(records: AttemptRecord[]): number[] {
    return this.recordTx(records);
  }

  /**
   * Attempts in flight when the app stopped were never recorded as done: they are due again now.
   * A receiver may see such an attempt twice, which is what the idempotency key is for.
   */
  recoverInterrupted(now: number): number {
    return this.recoverStmt.run(now).changes;
  }

  /** Puts dead deliveries back on a fresh schedule, due now; returns the ids that were dead. */
  resend(ids: number[], now: number): number[] {
    return this.resendTx(ids, now);
  }

  get(id: number): Delivery | null {
    const row = this.getStmt.get(id) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  detail(id: number): DeliveryDetail | null {
    const row = this.getStmt.get(id) as DeliveryRow | undefined;
    if (!row) return null;
    const timeline = (this.attemptsOfStmt.all(id) as AttemptRow[]).map(toAttempt);
    const lastHeaders = timeline.at(-1)?.request.headers ?? [];
    return { ...toDelivery(row), payload: { headers: lastHeaders, body: row.body.toString('utf8') }, timeline };
  }

  summaries(ids: number[]): Delivery[] {
    if (ids.length === 0) return [];
    return (this.summariesStmt.all(JSON.stringify(ids)) as DeliveryRow[]).map(toDelivery);
  }

  /** Deliveries newest first; `status` applies to the last attempt's answer. */
  list(filter: Omit<DeliveryFilter, 'limit' | 'cursor'>, limit: number, before: number | null): { items: Delivery[]; nextCursor: string | null } {
    const { where, params } = whereOf(filter, before, { table: '', time: 'created_at', status: 'last_status' });
    if (filter.state?.length) where.push(inList('state', filter.state, params));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return page(this.db.prepare(sql).all(...params, limit + 1) as DeliveryRow[], limit, toDelivery);
  }

  /** Attempts newest first (the delivery log). */
  logs(filter: Omit<DeliveryFilter, 'limit' | 'cursor' | 'state'>, limit: number, before: number | null): { items: Attempt[]; nextCursor: string | null } {
    const { where, params } = whereOf(filter, before, { table: 'a.', time: 'started_at', status: 'status' });
    const sql = `SELECT a.*, d.body FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`;
    return page(this.db.prepare(sql).all(...params, limit + 1) as AttemptRow[], limit, toAttempt);
  }

  /** Deletes deliveries (and their attempts) in these states; never one being sent right now. */
  deleteInStates(states: readonly ('succeeded' | 'dead' | 'pending')[], targetId?: number): number {
    const params: unknown[] = [];
    const where = [inList('state', states, params)];
    if (targetId !== undefined) {
      where.push('target_id = ?');
      params.push(targetId);
    }
    return this.db.prepare(`DELETE FROM deliveries WHERE ${where.join(' AND ')}`).run(...params).changes;
  }

  deadIds(targetId?: number): number[] {
    const sql = `SELECT id FROM deliveries WHERE state = 'dead' ${targetId === undefined ? '' : 'AND target_id = ?'} ORDER BY id`;
    return (this.db.prepare(sql).all(...(targetId === undefined ? [] : [targetId])) as { id: number }[]).map((r) => r.id);
  }
}
