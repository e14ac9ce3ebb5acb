import type { RequestDetail } from '../../../shared/request-schemas';
import type { ListenSendReport, SendRecord } from '../../../shared/send-schemas';
import type { Forwarder } from '../forward/forwarder';
import type { OutboundResult } from '../outbound/send-http';

/**
 * The server's half of `hookbench listen`: the catch-up feed's page size, and storing what a
 * listener's local app answered as a send of the capture (kind `listen`, by the caller).
 */

/**
 * A catch-up page stops after about this many bytes of bodies and headers: captures may be up to
 * the receiver's cap (10 MiB) each, and a page of 50 of those would be a 650 MB JSON answer.
 */
export const CATCH_UP_PAGE_BYTES = 8 * 1024 * 1024;

export function recordListenSend(forwarder: Forwarder, capture: RequestDetail, report: ListenSendReport, by: string): Promise<SendRecord> {
  // The body a listener sends is the capture's own, so it is taken from here rather than uploaded.
  const outbound = { url: report.url, method: report.method, headers: report.headers, body: Buffer.from(capture.bodyBase64, 'base64'), timeoutMs: 0 };
  const result: OutboundResult = report.response
    ? { ok: true, ...report.response, body: Buffer.from(report.response.bodyBase64, 'base64'), durationMs: report.durationMs }
    : { ok: false, error: report.error!, durationMs: report.durationMs };
  return forwarder.record(capture.id, 'listen', outbound, result, Date.parse(report.startedAt), by);
}
