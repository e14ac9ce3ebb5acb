import http from 'node:http';
import https from 'node:https';
import type { SendFailureKind } from '../../../shared/send-schemas';
import type { HeaderPairs } from '../../../shared/request-schemas';

/**
 * One outbound HTTP request with headers sent exactly as given (order and case, as a raw list)
 * and the exact body, answering with what came back or why nothing did. Used for forwarding and
 * replay; the caller decides what to send.
 */

export interface OutboundRequest {
  url: string;
  method: string;
  headers: HeaderPairs;
  body: Buffer;
  timeoutMs: number;
  /** Response bodies beyond this are cut (and flagged): a replay target could stream forever. */
  maxResponseBytes?: number;
  /** Keep-alive (and policy-enforcing) agents; default: a fresh connection per request. */
  agents?: { http: http.Agent; https: https.Agent };
}

export type OutboundResult =
  | { ok: true; status: number; headers: HeaderPairs; body: Buffer; truncated: boolean; durationMs: number }
  | { ok: false; error: { kind: SendFailureKind; message: string }; durationMs: number };

const DEFAULT_MAX_RESPONSE = 10 * 1024 * 1024;

/** Node error codes in plain words a developer recognises. */
function classify(error: NodeJS.ErrnoException): { kind: SendFailureKind; message: string } {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: `connection refused (${error.message.replace(/^connect /, '')}): is the app running?` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', message: `host not found: ${error.message}` };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { kind: 'reset', message: 'the connection was closed before an answer came' };
  if (code === 'ESSRF') return { kind: 'ssrf_blocked', message: error.message };
  if (code.startsWith('ERR_TLS') || code === 'EPROTO' || code.includes('CERT') || /SSL|TLS/i.test(code)) return { kind: 'tls', message: `TLS error: ${error.message}` };
  return { kind: 'other', message: error.message };
}

export function sendHttp(request: OutboundRequest): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http and https are supported');
  } catch (error) {
    return Promise.resolve({ ok: false, error: { kind: 'invalid_url', message: `${request.url}: ${(error as Error).message}` }, durationMs: 0 });
  }
  const flat: string[] = [];
  // Node adds no Host to a raw header list, and HTTP/1.1 servers answer 400 without one.
  if (!request.headers.some(([n]) => n.toLowerCase() === 'host')) flat.push('Host', url.host);
  for (const [name, value] of request.headers) flat.push(name, value);
  if (!request.headers.some(([n]) => n.toLowerCase() === 'content-length') && (request.body.length > 0 || !['GET', 'HEAD'].includes(request.method))) {
    flat.push('Content-Length', String(request.body.length));
  }
  const max = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: OutboundResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const transport = url.protocol === 'https:' ? https : http;
    const agent = request.agents ? (url.protocol === 'https:' ? request.agents.https : request.agents.http) : false;
    const req = transport.request(
      url,
      // The Host header is whatever the caller put in the list (forwarding rewrites it), else the URL's.
      { method: request.method, headers: flat, setHost: false, agent },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          if (size + chunk.length > max) {
            chunks.push(chunk.subarray(0, max - size));
            size = max;
            truncated = true;
            res.destroy();
            done();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        const headers: HeaderPairs = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        const done = () => finish({ ok: true, status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks), truncated, durationMs: elapsed() });
        res.on('end', done);
        res.on('error', (error) => (chunks.length ? done() : finish({ ok: false, error: classify(error), durationMs: elapsed() })));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, error: { kind: 'timeout', message: `no answer within ${request.timeoutMs} ms` }, durationMs: elapsed() });
    }, request.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, error: classify(error), durationMs: elapsed() }));
    req.end(request.body);
  });
}
