import type { DriftDifference } from '../../../shared/contracts/drift';
import type { HeaderPairs, Page, RequestDetail, RequestSummary } from '../../../shared/request-schemas';
import type { NewRequest, Position } from './repositories';
import { encodeCursor } from './request-cursor';

/**
 * A stored request as both adapters select it: the same columns with the same meaning (headers as
 * the JSON text the capture stored, the body's exact bytes, received_at in ms). Flags come back as
 * 0/1 from SQLite and as booleans from PostgreSQL.
 */
export interface RequestRow {
  id: number;
  endpoint: string | null;
  method: string;
  path: string;
  query: string;
  size: number;
  truncated: number | boolean;
  content_type: string | null;
  event: string | null;
  verification: RequestSummary['verification'];
  status: number;
  client_address: string | null;
  via_tunnel: number | boolean;
  received_at: number;
  /** JSON DriftDifference[]; NULL = not flagged. */
  drift: string | null;
}

export interface RequestDetailRow extends RequestRow {
  headers: string;
  body: Buffer;
  scheme: string | null;
}

export const SUMMARY_COLUMNS =
  'id, endpoint, method, path, query, size, truncated, content_type, event, verification, status, client_address, via_tunnel, received_at, drift';

export const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, headers, body, scheme`;

export function toSummary(row: RequestRow): RequestSummary {
  return {
    id: row.id,
    endpoint: row.endpoint,
    method: row.method,
    path: row.path,
    query: row.query,
    contentType: row.content_type,
    size: row.size,
    truncated: Boolean(row.truncated),
    event: row.event,
    verification: row.verification,
    status: row.status,
    clientAddress: row.client_address,
    viaTunnel: Boolean(row.via_tunnel),
    receivedAt: new Date(row.received_at).toISOString(),
    drift: row.drift === null ? null : (JSON.parse(row.drift) as DriftDifference[]),
  };
}

export function toDetail(row: RequestDetailRow): RequestDetail {
  return {
    ...toSummary(row),
    headers: JSON.parse(row.headers) as HeaderPairs,
    bodyBase64: row.body.toString('base64'),
    scheme: row.scheme,
  };
}

/** The summary of a request just inserted as `id`, without reading it back. */
export function summaryOf(id: number, item: NewRequest): RequestSummary {
  return toSummary({
    id,
    endpoint: item.endpoint,
    method: item.method,
    path: item.path,
    query: item.query,
    size: item.size,
    truncated: item.truncated,
    content_type: item.contentType,
    event: item.event,
    verification: item.verification,
    status: item.status,
    client_address: item.clientAddress,
    via_tunnel: item.viaTunnel,
    received_at: item.receivedAt,
    // Drift is found after the commit, off the acknowledgement path.
    drift: null,
  });
}

/** A list page from up to `limit + 1` rows in page order: the extra row only says there is a next page. */
export function summaryPage(rows: readonly RequestRow[], limit: number): Page<RequestSummary> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor({ receivedAt: last.received_at, id: last.id }) : null,
  };
}

/** Ids of up to `limit` rows in page order, and the position to continue from (none after a short page). */
export function positionsPage(rows: readonly { id: number; received_at: number }[], limit: number): { ids: number[]; next: Position | null } {
  const last = rows[rows.length - 1];
  return { ids: rows.map((r) => r.id), next: rows.length === limit && last ? { receivedAt: last.received_at, id: last.id } : null };
}
