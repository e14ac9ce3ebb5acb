import type { HeaderPairs } from '../../../shared/request-schemas';
import type { SendKind, SendRecord } from '../../../shared/send-schemas';
import { storedResponse, withBody } from './stored-response';

/** A row of `request_sends` as both adapters select it (response_truncated as 0/1). */
export interface SendRow {
  id: number;
  request_id: number;
  kind: SendKind;
  by_name: string | null;
  url: string;
  method: string;
  headers: string;
  body: Buffer;
  status: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  response_truncated: number;
  error_kind: string | null;
  error_message: string | null;
  duration_ms: number;
  started_at: number;
}

export function toSendRecord(row: SendRow): SendRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    kind: row.kind,
    by: row.by_name,
    url: row.url,
    method: row.method,
    request: { headers: JSON.parse(row.headers) as HeaderPairs, bodyBase64: row.body.toString('base64') },
    response: withBody(storedResponse(row), (bytes) => ({ bodyBase64: bytes.toString('base64') })),
    error: row.error_kind === null ? null : { kind: row.error_kind as NonNullable<SendRecord['error']>['kind'], message: row.error_message ?? '' },
    durationMs: row.duration_ms,
    startedAt: new Date(row.started_at).toISOString(),
  };
}
