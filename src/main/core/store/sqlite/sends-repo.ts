import type { Database, Statement } from 'better-sqlite3';
import type { SendsRepository } from '../repositories';
import type { SendKind, SendRecord } from '../../../../shared/send-schemas';
import type { OutboundRequest, OutboundResult } from '../../outbound/send-http';
import { toSendRecord, type SendRow } from '../send-record';


/** Forwards, replays and listener forwards of captured requests, with what was sent and what came back. */
export class SendsRepo implements SendsRepository {
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
  async record(requestId: number, kind: SendKind, sent: OutboundRequest, result: OutboundResult, startedAt: number, by: string | null = null): Promise<SendRecord> {
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
    return toSendRecord(this.getStmt.get(Number(info.lastInsertRowid)) as SendRow);
  }

  /** Newest first. */
  async list(requestId: number, limit = 100): Promise<SendRecord[]> {
    return (this.listStmt.all(requestId, limit) as SendRow[]).map(toSendRecord);
  }
}
