import type { SendKind, SendRecord } from '../../../../shared/send-schemas';
import type { OutboundRequest, OutboundResult } from '../../outbound/send-http';
import type { SendsRepository } from '../repositories';
import { toSendRecord, type SendRow } from '../send-record';
import type { PgDatabase } from './pg-database';
import { pgText } from './pg-text';

/** response_truncated is BOOLEAN here; rows are read in the 0/1 shape both adapters share. */
const COLUMNS = `id, request_id, kind, by_name, url, method, headers, body, status, response_headers, response_body,
  response_truncated::int AS response_truncated, error_kind, error_message, duration_ms, started_at`;

/** Forwards, replays and listener forwards of captured requests (the twin of sqlite/sends-repo.ts). */
export class PgSendsRepo implements SendsRepository {
  constructor(private readonly db: PgDatabase) {}

  /** `by`: who sent it (a caller's name), null for an automatic forward. */
  async record(requestId: number, kind: SendKind, sent: OutboundRequest, result: OutboundResult, startedAt: number, by: string | null = null): Promise<SendRecord> {
    const { rows } = await this.db.query<SendRow>(
      `INSERT INTO request_sends
        (request_id, kind, by_name, url, method, headers, body, status, response_headers, response_body, response_truncated, error_kind, error_message, duration_ms, started_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        RETURNING ${COLUMNS}`,
      [
        requestId,
        kind,
        by,
        pgText(sent.url),
        pgText(sent.method),
        JSON.stringify(sent.headers),
        sent.body,
        result.ok ? result.status : null,
        result.ok ? JSON.stringify(result.headers) : null,
        result.ok ? result.body : null,
        result.ok && result.truncated,
        result.ok ? null : result.error.kind,
        result.ok ? null : pgText(result.error.message),
        result.durationMs,
        startedAt,
      ],
    );
    return toSendRecord(rows[0]!);
  }

  /** Newest first. */
  async list(requestId: number, limit = 100): Promise<SendRecord[]> {
    const { rows } = await this.db.query<SendRow>(`SELECT ${COLUMNS} FROM request_sends WHERE request_id = $1 ORDER BY id DESC LIMIT $2`, [requestId, limit]);
    return rows.map(toSendRecord);
  }
}
