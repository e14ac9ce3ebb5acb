import type { HeaderPairs } from '../../../shared/request-schemas';
import {
  ProviderPreset,
  type Attempt,
  type AttemptOutcome,
  type Delivery,
  type DeliveryFilter,
  type DeliveryState,
} from '../../../shared/sender-schemas';
import type { AttemptRecord, ClaimedDelivery, NewDelivery } from './repositories';
import { storedResponse, withBody } from './stored-response';

/**
 * Delivery and attempt rows as both adapters read them: the tables and columns are the same on
 * SQLite and PostgreSQL (times in ms, JSON as TEXT), so the mapping and the filters live here once.
 * Flags are 0/1 on SQLite and booleans on PostgreSQL.
 */

type Flag = number | boolean;
const flag = (value: Flag) => value === true || value === 1;

export interface DeliveryRow {
  id: number;
  event_id: string;
  event: string;
  provider: string;
  target_id: number;
  url: string;
  idempotency_key: string;
  test: Flag;
  state: DeliveryState;
  attempts: number;
  cycle_attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface AttemptRow {
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
  response_truncated: Flag;
  error_message: string | null;
  scheduled_for: number;
  started_at: number;
  duration_ms: number;
  next_retry_at: number | null;
  /** The delivery's body: every attempt sends the same bytes. */
  body: Buffer;
}

/** A row claimed for an attempt: `due` is when it became claimable, `attempts` already counts this attempt. */
export type ClaimRow = Pick<DeliveryRow, 'id' | 'event_id' | 'event' | 'provider' | 'target_id' | 'url' | 'idempotency_key' | 'attempts' | 'cycle_attempts'> & {
  body: Buffer;
  claim_token: string;
  due: number;
};

export const SUMMARY_COLUMNS = 'id, event_id, event, provider, target_id, url, idempotency_key, test, state, attempts, cycle_attempts, next_attempt_at, last_status, last_error, created_at, updated_at';

/**
 * When a delivery can be claimed next: its due time while pending, its lease end while claimed
 * (`lease_until` is set exactly while 'sending'). Both migrations index this very expression.
 */
export const CLAIMABLE_AT = 'coalesce(lease_until, next_attempt_at)';

const iso = (ms: number) => new Date(ms).toISOString();

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

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    ...identity(row),
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' && row.next_attempt_at !== null ? iso(row.next_attempt_at) : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    test: flag(row.test),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A delivery just inserted, from what was written rather than read back. */
export function newDelivery(id: number, item: NewDelivery, now: number): Delivery {
  return toDelivery({
    id,
    event_id: item.eventId,
    event: item.event,
    provider: item.provider,
    target_id: item.targetId,
    url: item.url,
    idempotency_key: item.idempotencyKey,
    test: item.test,
    state: 'pending',
    attempts: 0,
    cycle_attempts: 0,
    next_attempt_at: item.dueAt,
    last_status: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  });
}

export function toClaimed(row: ClaimRow): ClaimedDelivery {
  return {
    ...identity(row),
    body: row.body,
    attempt: row.attempts,
    cycleAttempts: row.cycle_attempts,
    claimToken: row.claim_token,
    dueAt: row.due,
  };
}

export function toAttempt(row: AttemptRow): Attempt {
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
    response: withBody(storedResponse({ ...row, response_truncated: flag(row.response_truncated) ? 1 : 0 }), (bytes) => ({ body: bytes.toString('utf8') })),
    error: row.outcome === 'success' ? null : { kind: row.outcome, message: row.error_message ?? '' },
    scheduledFor: iso(row.scheduled_for),
    startedAt: iso(row.started_at),
    durationMs: row.duration_ms,
    nextRetryAt: row.next_retry_at === null ? null : iso(row.next_retry_at),
  };
}

/** An attempt row's values, JSON as the text both adapters store. */
export function attemptValues(r: AttemptRecord) {
  return {
    deliveryId: r.deliveryId,
    targetId: r.targetId,
    event: r.event,
    attempt: r.attempt,
    url: r.url,
    method: r.method,
    headers: JSON.stringify(r.headers),
    outcome: r.outcome,
    status: r.status,
    responseHeaders: r.responseHeaders === null ? null : JSON.stringify(r.responseHeaders),
    responseBody: r.responseBody,
    responseTruncated: r.responseTruncated,
    errorMessage: r.errorMessage,
    scheduledFor: r.scheduledFor,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    nextRetryAt: r.nextRetryAt,
  };
}

/** The delivery columns an attempt sets (besides state), and the error it keeps. */
export function afterAttempt(r: AttemptRecord) {
  return {
    nextRetryAt: r.state === 'pending' ? r.nextRetryAt : null,
    lastError: r.outcome === 'success' ? null : r.errorMessage,
  };
}

/** How parameters are spelled: `?` (SQLite) or `$n` (PostgreSQL). */
export interface Dialect {
  /** Adds `value` to `params`; returns its placeholder. */
  param(params: unknown[], value: unknown): string;
  /** `column` equals one of `values`. */
  oneOf(column: string, values: readonly unknown[], params: unknown[]): string;
}

/** `status` selectors (code, class or `error`) as SQL over a column. */
function statusClause(column: string, selectors: string[], params: unknown[], d: Dialect): string {
  const parts = selectors.map((s) => {
    if (s === 'error') return `${column} IS NULL`;
    if (s.endsWith('xx')) return `${column} BETWEEN ${d.param(params, Number(s[0]) * 100)} AND ${d.param(params, Number(s[0]) * 100 + 99)}`;
    return `${column} = ${d.param(params, Number(s))}`;
  });
  return `(${parts.join(' OR ')})`;
}

/**
 * The filters deliveries and attempts share. `status` on a delivery is its last attempt's answer,
 * so a delivery not yet attempted matches no status (not even `error`).
 */
export function deliveryWhere(
  filter: Omit<DeliveryFilter, 'limit' | 'cursor' | 'state'>,
  before: number | null,
  columns: { table: '' | 'a.'; time: string; status: string },
  d: Dialect,
): { where: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const t = columns.table;
  if (filter.event?.length) where.push(d.oneOf(`${t}event`, filter.event, params));
  if (filter.target?.length) where.push(d.oneOf(`${t}target_id`, filter.target, params));
  if (filter.status?.length) where.push(`(${t === '' ? 'attempts > 0 AND ' : ''}${statusClause(t + columns.status, filter.status, params, d)})`);
  for (const [bound, op] of [[filter.from, '>='], [filter.to, '<=']] as const) {
    if (bound !== undefined) where.push(`${t}${columns.time} ${op} ${d.param(params, bound)}`);
  }
  if (before !== null) where.push(`${t}id < ${d.param(params, before)}`);
  return { where, params };
}

export const whereSql = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/** `limit + 1` rows in, a page with the cursor of its last item out. */
export function page<R extends { id: number }, T>(rows: R[], limit: number, map: (row: R) => T): { items: T[]; nextCursor: string | null } {
  return { items: rows.slice(0, limit).map(map), nextCursor: rows.length > limit ? String(rows[limit - 1]!.id) : null };
}
