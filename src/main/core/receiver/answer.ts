import type http from 'node:http';
import { DEFAULT_RESPONSE } from '../../../shared/endpoint-schemas';
import type { HeaderPairs } from '../../../shared/request-schemas';

/** An answer decided by the capture itself (proxy mode: the forward's response). */
export interface Reply {
  status: number;
  headers: HeaderPairs;
  body: Buffer;
}

/** Framing headers are Node's job: a configured Content-Length that lies would corrupt the answer. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/**
 * The endpoint's configured answer (default `200 {"ok":true}`) or the forward's, after the row is
 * committed. The capture is stored by then, so this never ends in a 500: a provider would retry
 * and store it twice. Should Node refuse the configured answer (a header saved before headers were
 * validated, a status it cannot send), the client gets the configured status, or 200, with the
 * default headers and body instead.
 */
export function answer(res: http.ServerResponse, reply: Reply, id: number): void {
  if (res.destroyed) return;
  try {
    write(res, reply, id);
  } catch (error) {
    process.stderr.write(`hookbench receiver: the configured answer could not be sent (${(error as Error).message}); sent the default one\n`);
    if (res.headersSent) return void res.destroy();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const status = reply.status >= 200 && reply.status <= 599 ? reply.status : DEFAULT_RESPONSE.status;
    write(res, { status, headers: DEFAULT_RESPONSE.headers, body: Buffer.from(DEFAULT_RESPONSE.body) }, id);
  }
}

function write(res: http.ServerResponse, reply: Reply, id: number): void {
  res.statusCode = reply.status;
  for (const [name, value] of reply.headers) {
    if (!FRAMING.has(name.toLowerCase())) res.appendHeader(name, value);
  }
  res.setHeader('X-Hookbench-Request-Id', String(id));
  const noBody = reply.status === 204 || reply.status === 304;
  if (!noBody) res.setHeader('Content-Length', reply.body.length);
  res.end(noBody ? undefined : reply.body);
}

/** A JSON answer of the receiver's own (errors), never stored. */
export function respond(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The same kind of answer written straight onto a socket, for errors Node reports before any request object exists. */
export function rawErrorResponse(status: number, text: string): string {
  const body = JSON.stringify({ ok: false, error: text });
  return `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
