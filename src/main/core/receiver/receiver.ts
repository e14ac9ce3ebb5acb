import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { DEFAULT_RESPONSE } from '../../../shared/endpoint-schemas';
import type { HeaderPairs } from '../../../shared/request-schemas';
import type { NewRequest } from '../store/repos/requests-repo';
import type { Route } from './endpoint-router';
import { readBodyCapped } from './read-body';

/**
 * The receiver: an HTTP server that captures every method and path it is sent, raw bytes and
 * header order kept, and answers only after the capture is committed.
 *
 * Security note: this port is the one a tunnel exposes to the internet. It therefore only stores
 * and answers: it never serves the API or the UI (a request to `/api/...` here is just another
 * captured webhook), caps what it keeps, and times out slow clients so none can hold it.
 */

export interface ReceiverOptions {
  host: string;
  port: number;
  /** Bodies larger than this are stored truncated (first N bytes) and flagged, never refused. */
  bodyCapBytes: number;
  /** Time allowed to send the request head (slowloris guard). */
  headersTimeoutMs: number;
  /** Time allowed for the whole request, body included. */
  requestTimeoutMs: number;
  /** Limit for the request line plus headers. */
  maxHeaderBytes: number;
}

export const DEFAULT_RECEIVER_OPTIONS: Omit<ReceiverOptions, 'host' | 'port'> = {
  bodyCapBytes: 10 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  maxHeaderBytes: 64 * 1024,
};

/** An answer decided by the capture itself (proxy mode: the forward's response). */
export interface Reply {
  status: number;
  headers: HeaderPairs;
  body: Buffer;
}

/**
 * Stores a request; resolves with its id once the row is durable, and with a `reply` when the
 * answer is not the route's configured response.
 */
export type CaptureFn = (request: NewRequest, route: Route) => Promise<{ id: number; reply?: Reply }>;

export interface ReceiverStats {
  captured: number;
  failed: number;
  clientErrors: number;
}

/** Which endpoint a path belongs to and what to answer (EndpointRouter in the app). */
export type RouteFn = (path: string) => Route;

const defaultRoute: RouteFn = () => ({ endpoint: null, response: DEFAULT_RESPONSE, forward: null, verify: null });

export class Receiver {
  readonly stats: ReceiverStats = { captured: 0, failed: 0, clientErrors: 0 };
  private readonly server: http.Server;
  /** Loopback-only listener that only the tunnel client connects to: its traffic came from the internet. */
  private tunnelServer: http.Server | null = null;
  /** Answers held back by an endpoint's delay: released at once on shutdown. */
  private readonly delayed = new Map<NodeJS.Timeout, () => void>();

  constructor(
    private readonly options: ReceiverOptions,
    private readonly capture: CaptureFn,
    private readonly route: RouteFn = defaultRoute,
  ) {
    this.server = this.createServer(false);
  }

  private createServer(viaTunnel: boolean): http.Server {
    const options = this.options;
    const server = http.createServer({
      maxHeaderSize: options.maxHeaderBytes,
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      keepAliveTimeout: 5_000,
      // Node checks the two timeouts above only this often (30 s by default), which would let a
      // slow client hold a socket far longer than configured.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, options.headersTimeoutMs / 2)),
    });
    server.on('request', (req, res) => void this.handle(req, res, viaTunnel));
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => this.onClientError(error, socket));
    return server;
  }

  /**
   * Opens the tunnel's own listener on 127.0.0.1 (a free port) and returns the port. The tunnel
   * forwards here, never to the API: what arrives on it is marked as having come through the tunnel.
   */
  async listenTunnel(): Promise<number> {
    if (!this.tunnelServer) {
      const server = this.createServer(true);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      this.tunnelServer = server;
    }
    return (this.tunnelServer.address() as AddressInfo).port;
  }

  /** Starts listening; resolves with the URL to send webhooks to. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.url;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A URL a local sender can use: wildcard binds are reached through loopback. */
  get url(): string {
    const host = this.options.host;
    const shown = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
    return `http://${shown}:${this.port}`;
  }

  /** Stops accepting, lets in-flight captures finish (up to `graceMs`), then drops the rest. */
  async close(graceMs = 5_000): Promise<void> {
    const servers = [this.server, this.tunnelServer].filter((s): s is http.Server => s !== null && s.listening);
    if (servers.length === 0) return;
    const closed = Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    for (const server of servers) server.closeIdleConnections();
    // A configured delay only postpones the answer; on shutdown the capture is already stored.
    for (const [timer, release] of this.delayed) {
      clearTimeout(timer);
      release();
    }
    const timer = setTimeout(() => servers.forEach((server) => server.closeAllConnections()), graceMs);
    await closed;
    clearTimeout(timer);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, viaTunnel: boolean): Promise<void> {
    const receivedAt = Date.now();
    let body: Awaited<ReturnType<typeof readBodyCapped>>;
    try {
      body = await readBodyCapped(req, this.options.bodyCapBytes);
    } catch {
      // The client went away mid-body (or the request timed out): nobody is left to answer.
      this.stats.clientErrors++;
      return;
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const route = this.route(path);
    const { endpoint, response } = route;
    const status = response.status;
    try {
      const { id, reply } = await this.capture({
        endpoint,
        method: req.method ?? 'GET',
        path,
        query: q === -1 ? '' : url.slice(q + 1),
        headers: pairs(req.rawHeaders),
        body: body.bytes,
        size: body.size,
        truncated: body.truncated,
        contentType: req.headers['content-type'] ?? null,
        event: null,
        scheme: null,
        verification: null,
        status,
        // Through the tunnel the socket is the local tunnel client: the real client is in
        // X-Forwarded-For when the tunnel server adds it, else unknown.
        clientAddress: viaTunnel ? forwardedFor(req.headers['x-forwarded-for']) : (req.socket.remoteAddress ?? null),
        viaTunnel,
        receivedAt,
      }, route);
      this.stats.captured++;
      if (reply) return answer(res, reply, id);
      if (response.delayMs > 0) await this.delay(response.delayMs);
      answer(res, { status, headers: response.headers, body: Buffer.from(response.body) }, id);
    } catch (error) {
      this.stats.failed++;
      process.stderr.write(`hookbench receiver: could not store a request: ${(error as Error).message}\n`);
      respond(res, 500, JSON.stringify({ ok: false, error: 'Hookbench could not store this request' }));
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        this.delayed.delete(timer);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.delayed.set(timer, release);
    });
  }

  /** Malformed, oversized-header or timed-out requests get an explicit answer; the server goes on. */
  private onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    this.stats.clientErrors++;
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, text] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout']
          : [400, 'Bad Request'];
    const body = JSON.stringify({ ok: false, error: text });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
}

function forwardedFor(header: string | string[] | undefined): string | null {
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return first ? first : null;
}

/** Framing headers are Node's job: a configured Content-Length that lies would corrupt the answer. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** The endpoint's configured answer (default `200 {"ok":true}`) or the forward's, after the row is committed. */
function answer(res: http.ServerResponse, response: Reply, id: number): void {
  if (res.destroyed) return;
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (!FRAMING.has(name.toLowerCase())) res.appendHeader(name, value);
  }
  res.setHeader('X-Hookbench-Request-Id', String(id));
  const noBody = response.status === 204 || response.status === 304;
  if (!noBody) res.setHeader('Content-Length', response.body.length);
  res.end(noBody ? undefined : response.body);
}

function respond(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Node gives raw headers as a flat [name, value, name, value, ...] list in arrival order. */
function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}
