import type { Database, Statement } from 'better-sqlite3';
import type { HeaderPairs } from '../../../../shared/request-schemas';
import type { SendKind, SendRecord } from '../../../../shared/send-schemas';
import type { OutboundRequest, OutboundResult } from '../../outbound/send-http';
import { storedResponse, withBody } from './stored-response';

interface SendRow {
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

function toRecord(row: SendRow): SendRecord {
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

/** Forwards, replays and listener forwards of captured requests, with what was sent and what came back. */
export class SendsRepo {
  private readonly insertStmt: Statement;
  private readonly listStmt: Statement;
  private readonly getStmt: Statement;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO request_sends
      (request_id, kind, by_name, url, method, headers, body, status, response_headers, response_body, response_truncated, error_kind, error_message, duration_ms, started_at)
      VALUES (@requestId, @kind, @by, @url, @method, @headers, @body, @status, @responseHeaders, @responseBody, @truncated, @errorKind, @errorMessage, @durationMs, @startedAt)`);
    this.listStmt = db.prepare('SELECT * FROM request_sends WHERE request_id = ? ORDER BY id DESC LIMIT ?');
    this.getStmt = db.prepare('SELECT * FROM request_sends WHERE id = ?');
  }

  /** `by`: who sent it (a caller's name), null for an automatic forward. */
  record(requestId: number, kind: SendKind, sent: OutboundRequest, result: OutboundResult, startedAt: number, by: string | null = null): SendRecord {
    const info = this.insertStmt.run({
      requestId,
      kind,
      by,
      url: sent.url,
      method: sent.method,
      headers: JSON.stringify(sent.headers),
      body: sent.body,
      status: result.ok ? result.status : null,
      responseHeaders: result.ok ? JSON.stringify(result.headers) : null,
      responseBody: result.ok ? result.body : null,
      truncated: result.ok && result.truncated ? 1 : 0,
      errorKind: result.ok ? null : result.error.kind,
      errorMessage: result.ok ? null : result.error.message,
      durationMs: result.durationMs,
      startedAt,
    });
    return toRecord(this.getStmt.get(Number(info.lastInsertRowid)) as SendRow);
  }

  /** Newest first. */
  list(requestId: number, limit = 100): SendRecord[] {
    return (this.listStmt.all(requestId, limit) as SendRow[]).map(toRecord);
  }
}
