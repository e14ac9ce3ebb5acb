import http from 'node:http';
import net from 'node:net';

export interface SimpleResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP request over loopback with node:http (header names sent with the case given). */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; agent?: http.Agent } = {},
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    // Node sends no Content-Length for a GET/DELETE body on its own; the receiver would then read
    // the body as the next request.
    if (options.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['Content-Length'] = String(Buffer.byteLength(options.body));
    }
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function json<T = unknown>(url: string, options: Parameters<typeof request>[1] = {}): Promise<{ status: number; body: T }> {
  const res = await request(url, options);
  return { status: res.status, body: JSON.parse(res.body.toString('utf8')) as T };
}

/**
 * Writes raw bytes on a TCP socket and collects everything until the server closes or `idleMs` passes.
 * With `halfClose` the client also ends its side after writing (as `nc` or a one-shot script may).
 */
export function rawExchange(port: number, payload: Buffer | string, idleMs = 1500, halfClose = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer = setTimeout(() => socket.destroy(), idleMs);
    socket.on('data', (c) => {
      chunks.push(c);
      clearTimeout(timer);
      timer = setTimeout(() => socket.destroy(), idleMs);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('error', reject);
    if (halfClose) socket.end(payload);
    else socket.write(payload);
  });
}
