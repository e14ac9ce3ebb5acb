import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Attempt, Delivery, DeliveryDetail, DeliveryFilter } from '../../../../shared/sender-schemas';
import {
  afterAttempt,
  attemptValues,
  CLAIMABLE_AT,
  deliveryWhere,
  newDelivery,
  page,
  SUMMARY_COLUMNS,
  toAttempt,
  toClaimed,
  toDelivery,
  whereSql,
  type AttemptRow,
  type ClaimRow,
  type Dialect,
  type DeliveryRow,
} from '../delivery-rows';
import type { AttemptRecord, ClaimedDelivery, DeliveriesRepository, NewDelivery } from '../repositories';

const sqlite: Dialect = {
  param(params, value) {
    params.push(value);
    return '?';
  },
  oneOf(column, values, params) {
    params.push(...values);
    return `${column} IN (${values.map(() => '?').join(', ')})`;
  },
};

/**
 * Deliveries, their schedule and their attempts. One process owns the file, so claims never race
 * here; they still take leases and tokens so that the sender sees the same semantics as on
 * PostgreSQL (and test/integration/store-contract holds both to them).
 */
export class DeliveriesRepo implements DeliveriesRepository {
  private readonly insertStmt: Statement;
  private readonly getStmt: Statement;
  private readonly dueStmt: Statement;
  private readonly claimStmt: Statement;
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
  private readonly claimTx: (targetId: number, now: number, limit: number, leaseMs: number) => ClaimedDelivery[];
  private readonly recordTx: (records: AttemptRecord[]) => number[];
  private readonly resendTx: (ids: number[], now: number) => number[];

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO deliveries (event_id, event, provider, target_id, url, idempotency_key, body, test, state, next_attempt_at, created_at, updated_at)
      VALUES (@eventId, @event, @provider, @targetId, @url, @idempotencyKey, @body, @test, 'pending', @dueAt, @now, @now)`);
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, body FROM deliveries WHERE id = ?`);
    // Due pending deliveries and ended leases alike, in the order of the deliveries_claim index.
    this.dueStmt = db.prepare(`SELECT id, event_id, event, provider, target_id, url, idempotency_key, body, attempts, cycle_attempts, ${CLAIMABLE_AT} AS due
      FROM deliveries WHERE target_id = ? AND state IN ('pending', 'sending') AND ${CLAIMABLE_AT} <= ? ORDER BY ${CLAIMABLE_AT}, id LIMIT ?`);
    // The attempt number is taken now: an attempt cut short is never numbered again.
    this.claimStmt = db.prepare(`UPDATE deliveries SET state = 'sending', attempts = attempts + 1, claim_token = @token, lease_until = @leaseUntil
      WHERE id = @id RETURNING attempts`);
    this.nextDueStmt = db.prepare(`SELECT MIN(${CLAIMABLE_AT}) AS due FROM deliveries WHERE target_id = ? AND state IN ('pending', 'sending')`);
    this.insertAttemptStmt = db.prepare(`INSERT INTO delivery_attempts (delivery_id, target_id, event, attempt, url, method, headers, outcome, status, response_headers,
      response_body, response_truncated, error_message, scheduled_for, started_at, duration_ms, next_retry_at)
      VALUES (@deliveryId, @targetId, @event, @attempt, @url, @method, @headers, @outcome, @status, @responseHeaders, @responseBody, @responseTruncated,
      @errorMessage, @scheduledFor, @startedAt, @durationMs, @nextRetryAt)`);
    // Only the claim's holder records: a delivery deleted meanwhile, or taken over after its lease
    // ended (a new token), is left alone.
    this.updateAfterAttemptStmt = db.prepare(`UPDATE deliveries SET state = @state, cycle_attempts = @cycleAttempts, next_attempt_at = @nextRetryAt,
      last_status = @status, last_error = @lastError, claim_token = NULL, lease_until = NULL, updated_at = @now
      WHERE id = @deliveryId AND state = 'sending' AND claim_token = @claimToken`);
    this.killPendingOfTargetStmt = db.prepare(`UPDATE deliveries SET state = 'dead', next_attempt_at = NULL, last_error = @reason, updated_at = @now
      WHERE target_id = @targetId AND state = 'pending' RETURNING id`);
    this.disableTargetStmt = db.prepare('UPDATE targets SET active = 0, disabled_reason = ?, updated_at = ? WHERE id = ?');
    this.attemptsOfStmt = db.prepare(`SELECT a.*, d.body FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE a.delivery_id = ? ORDER BY a.id`);
    this.recoverStmt = db.prepare(`UPDATE deliveries SET lease_until = ? WHERE state = 'sending'`);
    this.resendStmt = db.prepare(`UPDATE deliveries SET state = 'pending', cycle_attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'dead'`);
    // One prepared statement for any number of ids (a JSON array), not one per list length.
    this.summariesStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`);

    this.createTx = db.transaction((items: NewDelivery[]) => {
      const now = Date.now();
      return items.map((item) => newDelivery(Number(this.insertStmt.run({ ...item, test: item.test ? 1 : 0, now }).lastInsertRowid), item, now));
    });
    this.claimTx = db.transaction((targetId: number, now: number, limit: number, leaseMs: number) =>
      (this.dueStmt.all(targetId, now, limit) as Omit<ClaimRow, 'claim_token'>[]).map((row) => {
        const token = randomUUID();
        const { attempts } = this.claimStmt.get({ id: row.id, token, leaseUntil: now + leaseMs }) as { attempts: number };
        return toClaimed({ ...row, attempts, claim_token: token });
      }),
    );
    this.recordTx = db.transaction((records: AttemptRecord[]) => {
      const now = Date.now();
      const killed: number[] = [];
      for (const r of records) {
        const updated = this.updateAfterAttemptStmt.run({ deliveryId: r.deliveryId, claimToken: r.claimToken, state: r.state, cycleAttempts: r.cycleAttempts, status: r.status, now, ...afterAttempt(r) });
        // Deleted meanwhile (with its target), or taken over: its attempt number is spent, nothing is logged.
        if (updated.changes === 0) continue;
        const values = attemptValues(r);
        this.insertAttemptStmt.run({ ...values, responseTruncated: values.responseTruncated ? 1 : 0 });
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

  async create(items: NewDelivery[]): Promise<Delivery[]> {
    return this.createTx(items);
  }

  async claimDue(targetId: number, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return limit > 0 ? this.claimTx(targetId, now, limit, leaseMs) : [];
  }

  async nextDue(targetId: number): Promise<number | null> {
    return (this.nextDueStmt.get(targetId) as { due: number | null }).due;
  }

  async record(records: AttemptRecord[]): Promise<number[]> {
    return this.recordTx(records);
  }

  /**
   * Attempts in flight when the app stopped were never recorded as done: their leases end now, so
   * they are due again at once, as their next attempt (the interrupted one kept its number). A
   * receiver may see the interrupted one too, which is what the idempotency key is for.
   */
  async recoverInterrupted(now: number): Promise<number> {
    return this.recoverStmt.run(now).changes;
  }

  async resend(ids: number[], now: number): Promise<number[]> {
    return this.resendTx(ids, now);
  }

  async get(id: number): Promise<Delivery | null> {
    const row = this.getStmt.get(id) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async detail(id: number): Promise<DeliveryDetail | null> {
    const row = this.getStmt.get(id) as (DeliveryRow & { body: Buffer }) | undefined;
    if (!row) return null;
    const timeline = (this.attemptsOfStmt.all(id) as AttemptRow[]).map(toAttempt);
    const lastHeaders = timeline.at(-1)?.request.headers ?? [];
    return { ...toDelivery(row), payload: { headers: lastHeaders, body: row.body.toString('utf8') }, timeline };
  }

  async summaries(ids: number[]): Promise<Delivery[]> {
    if (ids.length === 0) return [];
    return (this.summariesStmt.all(JSON.stringify(ids)) as DeliveryRow[]).map(toDelivery);
  }

  /** Deliveries newest first; `status` applies to the last attempt's answer. */
  async list(filter: Omit<DeliveryFilter, 'limit' | 'cursor'>, limit: number, before: number | null): Promise<{ items: Delivery[]; nextCursor: string | null }> {
    const { where, params } = deliveryWhere(filter, before, { table: '', time: 'created_at', status: 'last_status' }, sqlite);
    if (filter.state?.length) where.push(sqlite.oneOf('state', filter.state, params));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${whereSql(where)} ORDER BY id DESC LIMIT ?`;
    return page(this.db.prepare(sql).all(...params, limit + 1) as DeliveryRow[], limit, toDelivery);
  }

  /** Attempts newest first (the delivery log). */
  async logs(filter: Omit<DeliveryFilter, 'limit' | 'cursor' | 'state'>, limit: number, before: number | null): Promise<{ items: Attempt[]; nextCursor: string | null }> {
    const { where, params } = deliveryWhere(filter, before, { table: 'a.', time: 'started_at', status: 'status' }, sqlite);
    const sql = `SELECT a.*, d.body FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id ${whereSql(where)} ORDER BY a.id DESC LIMIT ?`;
    return page(this.db.prepare(sql).all(...params, limit + 1) as AttemptRow[], limit, toAttempt);
  }

  /** 'sending' is not a state this takes: a claimed delivery is never deleted under its holder. */
  async deleteInStates(states: readonly ('succeeded' | 'dead' | 'pending')[], targetId?: number): Promise<number> {
    const params: unknown[] = [];
    const where = [sqlite.oneOf('state', states, params)];
    if (targetId !== undefined) where.push(`target_id = ${sqlite.param(params, targetId)}`);
    return this.db.prepare(`DELETE FROM deliveries ${whereSql(where)}`).run(...params).changes;
  }

  async deadIds(targetId?: number): Promise<number[]> {
    const sql = `SELECT id FROM deliveries WHERE state = 'dead' ${targetId === undefined ? '' : 'AND target_id = ?'} ORDER BY id`;
    return (this.db.prepare(sql).all(...(targetId === undefined ? [] : [targetId])) as { id: number }[]).map((r) => r.id);
  }
}
