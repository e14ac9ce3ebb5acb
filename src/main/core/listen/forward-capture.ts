import type { RequestDetail } from '../../../shared/request-schemas';
import { LISTEN_MAX_RESPONSE_BYTES, type ListenSendReport } from '../../../shared/send-schemas';
import { forwardHeaders, forwardUrl } from '../forward/build-forward';
import { sendHttp, type OutboundRequest, type OutboundResult } from '../outbound/send-http';

/**
 * One capture sent to the local app exactly as an endpoint's forward would send it (same builder:
 * method, path after the endpoint's slug, query, headers in order with Host rewritten and
 * hop-by-hop dropped, exact body), plus `X-Hookbench-Request-Id` so the app can tell a
 * redelivery from a new webhook.
 */

export const REQUEST_ID_HEADER = 'X-Hookbench-Request-Id';

/** Generous: the app may be sitting on a breakpoint. A timeout counts as "not delivered". */
export const LISTEN_FORWARD_TIMEOUT_MS = 30_000;

export interface ForwardOutcome {
  outbound: OutboundRequest;
  result: OutboundResult;
  startedAt: number;
}

export function buildListenForward(capture: RequestDetail, forwardTo: string, timeoutMs = LISTEN_FORWARD_TIMEOUT_MS): OutboundRequest {
  const url = forwardUrl(forwardTo, capture.path, capture.query, capture.endpoint);
  const body = Buffer.from(capture.bodyBase64, 'base64');
  // A capture that itself came from a Hookbench forward carries an id of another server: ours wins.
  const own = capture.headers.filter(([name]) => name.toLowerCase() !== REQUEST_ID_HEADER.toLowerCase());
  const headers = forwardHeaders(own, url, body.length);
  headers.push([REQUEST_ID_HEADER, String(capture.id)]);
  return { url: url.href, method: capture.method, headers, body, timeoutMs, maxResponseBytes: LISTEN_MAX_RESPONSE_BYTES };
}

export async function forwardCapture(capture: RequestDetail, forwardTo: string, timeoutMs?: number): Promise<ForwardOutcome> {
  const outbound = buildListenForward(capture, forwardTo, timeoutMs);
  const startedAt = Date.now();
  return { outbound, result: await sendHttp(outbound), startedAt };
}

/** What the server stores as the `listen` send of this capture. */
export function toReport(captureId: number, { outbound, result, startedAt }: ForwardOutcome): ListenSendReport {
  return {
    id: captureId,
    url: outbound.url,
    method: outbound.method,
    headers: outbound.headers,
    response: result.ok ? { status: result.status, headers: result.headers, bodyBase64: result.body.toString('base64'), truncated: result.truncated } : null,
    error: result.ok ? null : result.error,
    durationMs: result.durationMs,
    startedAt: new Date(startedAt).toISOString(),
  };
}
