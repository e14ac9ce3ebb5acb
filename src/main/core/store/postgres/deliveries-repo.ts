import type pg from 'pg';
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
  type DeliveryRow,
  type Dialect,
} from '../delivery-rows';
import type { AttemptRecord, ClaimedDelivery, DeliveriesRepository, NewDelivery } from '../repositories';
import type { PgDatabase } from './pg-database';

const postgres: Dialect = {
  param(params, value) {
    params.push(value);
    return `$${params.length}`;
  },
  oneOf(column, values, params) {
    params.push(values);
    return `${column} = ANY($${params.length})`;
  },
};

/** Rows per INSERT: 9 parameters a row stays far below PostgreSQL's 65,535 per statement. */
const INSERT_CHUNK = 1_000;

/**
 * One statement claims: the inner SELECT picks the target's claimable rows oldest first and locks
 * them, skipping rows another instance has locked this instant (FOR UPDATE SKIP LOCKED), so two
 * instances never get the same row and neither waits for the other. A row another instance
 * claimed and committed since this statement's snapshot is re-checked under the lock against its
 * new version (now 'sending' with a future lease) and dropped. The attempt number is taken here.
 */
const CLAIM_SQL = `
UPDATE deliveries d
   SET state = 'sending', attempts = d.attempts + 1, claim_token = gen_random_uuid()::text, lease_until = $4
  FROM (SELECT id, ${CLAIMABLE_AT} AS due
          FROM deliveries
         WHERE target_id = $1 AND state IN ('pending', 'sending') AND ${CLAIMABLE_AT} <= $2
         ORDER BY ${CLAIMABLE_AT}, id
         LIMIT $3
           FOR UPDATE SKIP LOCKED) c
 WHERE d.id = c.id
RETURNING d.id, d.event_id, d.event, d.provider, d.target_id, d.url, d.idempotency_key, d.body, d.attempts, d.cycle_attempts, d.claim_token, c.due`;

/** Deliveries, their schedule and their attempts on a database several instances share. */
export class PgDeliveriesRepo implements DeliveriesRepository {
  constructor(private readonly db: PgDatabase) {}

  async create(items: NewDelivery[]): Promise<Delivery[]> {
    if (items.length === 0) return [];
    const now = Date.now();
    const ids = new Map<string, number>();
    await this.db.tx(async (client) => {
      for (let start = 0; start < items.length; start += INSERT_CHUNK) {
        const params: unknown[] = [];
        const values = items.slice(start, start + INSERT_CHUNK).map((item) => {
          const row = [item.eventId, item.event, item.provider, item.targetId, item.url, item.idempotencyKey, item.body, item.test, item.dueAt].map((v) => postgres.param(params, v));
          return `(${row.join(', ')}, 'pending', ${postgres.param(params, now)}, $${params.length})`;
        });
        const { rows } = await client.query<{ id: number; idempotency_key: string }>(
          `INSERT INTO deliveries (event_id, event, provider, target_id, url, idempotency_key, body, test, next_attempt_at, state, created_at, updated_at)
           VALUES ${values.join(', ')} RETURNING id, idempotency_key`,
          params,
        );
        // Matched by the unique key: RETURNING promises no order.
        for (const row of rows) ids.set(row.idempotency_key, row.id);
      }
    });
    return items.map((item) => newDelivery(ids.get(item.idempotencyKey)!, item, now));
  }

  async claimDue(targetId: number, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    if (limit <= 0) return [];
    const { rows } = await this.db.query<ClaimRow>(CLAIM_SQL, [targetId, now, limit, now + leaseMs]);
    return rows.sort((a, b) => a.due - b.due || a.id - b.id).map(toClaimed);
  }

  async nextDue(targetId: number): Promise<number | null> {
    const { rows } = await this.db.query<{ due: number | null }>(
      `SELECT min(${CLAIMABLE_AT}) AS due FROM deliveries WHERE target_id = $1 AND state IN ('pending', 'sending')`,
      [targetId],
    );
    return rows[0]?.due ?? null;
  }

  /**
   * One transaction. Deliveries are updated in id order, so two instances recording at once lock
   * rows in the same order and never deadlock; attempts are then logged in the order given (as on
   * SQLite), and a 410's sweep of its target comes last.
   */
  async record(records: AttemptRecord[]): Promise<number[]> {
    if (records.length === 0) return [];
    return this.db.tx(async (client) => {
      const now = Date.now();
      const held = new Set<AttemptRecord>();
      for (const r of [...records].sort((a, b) => a.deliveryId - b.deliveryId)) {
        const { lastError, nextRetryAt } = afterAttempt(r);
        const updated = await client.query(
          `UPDATE deliveries SET state = $1, cycle_attempts = $2, next_attempt_at = $3, last_status = $4, last_error = $5,
             claim_token = NULL, lease_until = NULL, updated_at = $6
           WHERE id = $7 AND state = 'sending' AND claim_token = $8`,
          [r.state, r.cycleAttempts, nextRetryAt, r.status, lastError, now, r.deliveryId, r.claimToken],
        );
        // Deleted meanwhile (with its target), or taken over after the lease: its attempt number is spent, nothing is logged.
        if (updated.rowCount === 1) held.add(r);
      }
      const recorded = records.filter((r) => held.has(r));
      for (const r of recorded) await insertAttempt(client, r);
      const killed: number[] = [];
      for (const r of recorded.filter((x) => x.disableTarget)) {
        await client.query('UPDATE targets SET active = false, disabled_reason = $1, updated_at = $2 WHERE id = $3', [r.disableTarget, now, r.targetId]);
        const { rows } = await client.query<{ id: number }>(
          `UPDATE deliveries SET state = 'dead', next_attempt_at = NULL, last_error = $1, updated_at = $2 WHERE target_id = $3 AND state = 'pending' RETURNING id`,
          [r.disableTarget, now, r.targetId],
        );
        killed.push(...rows.map((row) => row.id).sort((a, b) => a - b));
      }
      return killed;
    });
  }

  /** Leases end on their own here: another instance may be sending these right now. */
  async recoverInterrupted(): Promise<number> {
    return 0;
  }

  async resend(ids: number[], now: number): Promise<number[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.db.query<{ id: number }>(
      `UPDATE deliveries SET state = 'pending', cycle_attempts = 0, next_attempt_at = $2, updated_at = $2 WHERE id = ANY($1) AND state = 'dead' RETURNING id`,
      [ids, now],
    );
    const resent = new Set(rows.map((row) => row.id));
    return ids.filter((id) => resent.has(id));
  }

  async get(id: number): Promise<Delivery | null> {
    const { rows } = await this.db.query<DeliveryRow>(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = $1`, [id]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async detail(id: number): Promise<DeliveryDetail | null> {
    const { rows } = await this.db.query<DeliveryRow & { body: Buffer }>(`SELECT ${SUMMARY_COLUMNS}, body FROM deliveries WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return null;
    const attempts = await this.db.query<AttemptRow>('SELECT a.*, d.body FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE a.delivery_id = $1 ORDER BY a.id', [id]);
    const timeline = attempts.rows.map(toAttempt);
    const lastHeaders = timeline.at(-1)?.request.headers ?? [];
    return { ...toDelivery(row), payload: { headers: lastHeaders, body: row.body.toString('utf8') }, timeline };
  }

  async summaries(ids: number[]): Promise<Delivery[]> {
    if (ids.length === 0) return [];
    return (await this.db.query<DeliveryRow>(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ANY($1) ORDER BY id`, [ids])).rows.map(toDelivery);
  }

  /** Deliveries newest first; `status` applies to the last attempt's answer. */
  async list(filter: Omit<DeliveryFilter, 'limit' | 'cursor'>, limit: number, before: number | null): Promise<{ items: Delivery[]; nextCursor: string | null }> {
    const { where, params } = deliveryWhere(filter, before, { table: '', time: 'created_at', status: 'last_status' }, postgres);
    if (filter.state?.length) where.push(postgres.oneOf('state', filter.state, params));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${whereSql(where)} ORDER BY id DESC LIMIT ${postgres.param(params, limit + 1)}`;
    return page((await this.db.query<DeliveryRow>(sql, params)).rows, limit, toDelivery);
  }

  /** Attempts newest first (the delivery log). */
  async logs(filter: Omit<DeliveryFilter, 'limit' | 'cursor' | 'state'>, limit: number, before: number | null): Promise<{ items: Attempt[]; nextCursor: string | null }> {
    const { where, params } = deliveryWhere(filter, before, { table: 'a.', time: 'started_at', status: 'status' }, postgres);
    const sql = `SELECT a.*, d.body FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id ${whereSql(where)} ORDER BY a.id DESC LIMIT ${postgres.param(params, limit + 1)}`;
    return page((await this.db.query<AttemptRow>(sql, params)).rows, limit, toAttempt);
  }

  /** 'sending' is not a state this takes: a claimed delivery is never deleted under its holder. */
  async deleteInStates(states: readonly ('succeeded' | 'dead' | 'pending')[], targetId?: number): Promise<number> {
    const params: unknown[] = [];
    const where = [postgres.oneOf('state', states, params)];
    if (targetId !== undefined) where.push(`target_id = ${postgres.param(params, targetId)}`);
    return (await this.db.query(`DELETE FROM deliveries ${whereSql(where)}`, params)).rowCount ?? 0;
  }

  async deadIds(targetId?: number): Promise<number[]> {
    const sql = `SELECT id FROM deliveries WHERE state = 'dead' ${targetId === undefined ? '' : 'AND target_id = $1'} ORDER BY id`;
    return (await this.db.query<{ id: number }>(sql, targetId === undefined ? [] : [targetId])).rows.map((r) => r.id);
  }
}

async function insertAttempt(client: pg.PoolClient, r: AttemptRecord): Promise<void> {
  const v = attemptValues(r);
  await client.query(
    `INSERT INTO delivery_attempts (delivery_id, target_id, event, attempt, url, method, headers, outcome, status, response_headers,
       response_body, response_truncated, error_message, scheduled_for, started_at, duration_ms, next_retry_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [v.deliveryId, v.targetId, v.event, v.attempt, v.url, v.method, v.headers, v.outcome, v.status, v.responseHeaders, v.responseBody, v.responseTruncated,
      v.errorMessage, v.scheduledFor, v.startedAt, v.durationMs, v.nextRetryAt],
  );
}
