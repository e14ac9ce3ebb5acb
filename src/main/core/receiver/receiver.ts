import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { DEFAULT_RESPONSE } from '../../../shared/endpoint-schemas';
import type { NewRequest } from '../store/repositories';
import { answer, rawErrorResponse, respond, type Reply } from './answer';
import { ConnectionAnswers } from './connection-answers';
import type { Route } from './endpoint-router';
import { readBodyCapped } from './read-body';
import { headBytes, pairs } from './request-head';

export type { Reply } from './answer';

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
  /** Limit for the request line plus headers (any number of headers within it); over it: 431. */
  maxHeaderBytes: number;
}

export const DEFAULT_RECEIVER_OPTIONS: Omit<ReceiverOptions, 'host' | 'port'> = {
  bodyCapBytes: 10 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  maxHeaderBytes: 64 * 1024,
};

/**
 * Stores a request; resolves with its id once the row is durable, and with a `reply` when the
 * answer is not the route's configured response. `receiverUrl` is this receiver's own URL.
 */
export type CaptureFn = (request: NewRequest, route: Route, receiverUrl: string) => Promise<{ id: number; reply?: Reply }>;

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
  private readonly connections = new ConnectionAnswers();
  private listenedUrl: string | null = null;

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
    // Node keeps only the first ~1,000 headers by default and drops the rest silently; the only
    // limit here is the head's size (maxHeaderBytes), so every header within it is stored.
    server.maxHeadersCount = 0;
    // By default Node ends a connection as soon as the client half-closes it (sends FIN after its
    // request), before a capture still being committed (or delayed) is answered. With this set, it
    // answers what it owes first and closes after the last answer (a long-standing Server field,
    // not in Node's typings).
    Object.assign(server, { httpAllowHalfOpen: true });
    server.on('request', (req, res) => {
      this.connections.track(req, res);
      void this.handle(req, res, viaTunnel);
    });
    server.on('connect', (req: http.IncomingMessage, socket: Socket) => this.onConnect(req, socket, viaTunnel));
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
    const host = this.options.host;
    const shown = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
    this.listenedUrl = `http://${shown}:${this.port}`;
    return this.listenedUrl;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /**
   * A URL a local sender can use: wildcard binds are reached through loopback. Worked out once at
   * listen: every capture passes it on, and server.address() is a system call (it cost ~9% of the
   * ingest rate when asked per request).
   */
  get url(): string {
    if (this.listenedUrl === null) throw new Error('the receiver is not listening yet');
    return this.listenedUrl;
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

  /**
   * CONNECT asks for a tunnel, so Node hands over the bare socket instead of a request/response
   * pair (and, with no listener, drops the connection without a word). It is captured like any
   * other method, with an empty body (bytes after its head would be tunnel data), answered with the
   * configured response, and the connection is closed: no tunnel is ever opened.
   */
  private onConnect(req: http.IncomingMessage, socket: Socket, viaTunnel: boolean): void {
    // Node no longer watches this socket: without a listener, a reset would crash the process.
    socket.on('error', () => socket.destroy());
    const res = new http.ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    // Closed outright after the answer: Node's timeouts no longer cover this socket.
    res.once('finish', () => socket.destroySoon());
    void this.handle(req, res, viaTunnel);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, viaTunnel: boolean): Promise<void> {
    const receivedAt = Date.now();
    if (headBytes(req) > this.options.maxHeaderBytes) {
      // Storing only the headers that fit would not be the request that was sent: refuse it whole.
      this.stats.clientErrors++;
      return respond(res, 431, JSON.stringify({ ok: false, error: 'Request Header Fields Too Large' }), { Connection: 'close' });
    }
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
      }, route, this.url);
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
    if (error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, text] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout']
          : [400, 'Bad Request'];
    // Behind the answers still owed on this connection: see ConnectionAnswers.
    this.connections.fail(socket, rawErrorResponse(status, text));
  }
}

function forwardedFor(header: string | string[] | undefined): string | null {
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return first ? first : null;
}
