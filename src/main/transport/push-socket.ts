import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PUSH_ROUTE, WS_PROTOCOL, wsProtocolToToken } from '../../shared/contract';
import type { PushBus } from '../core/push-bus';
import type { Credential } from '../core/auth/tokens-service';
import { RateLimitedError, type AccessGate } from './access-gate';
import type { HttpGuard } from './http-guard';

/** A client that falls this far behind is dropped (it reconnects and refetches) rather than buffered forever. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

/** 1008 "policy violation": the client is told why, and a reconnect with the same token gets a 401. */
function closeRevoked(ws: WebSocket): void {
  ws.close(1008, 'token revoked');
  // A client that does not answer the close handshake is cut off anyway.
  setTimeout(() => ws.terminate(), 1_000).unref();
}

function refuse(socket: Duplex, status: number, extraHeaders = ''): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${extraHeaders}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Push events over a WebSocket on the API port, through the same gate as the REST routes (site,
 * failed-authentication limit, token) and the token carried as a subprotocol (browsers cannot set
 * headers on a WebSocket).
 */
export function attachPushSocket(server: Server | HttpsServer, bus: PushBus, guard: HttpGuard, gate: AccessGate): { close(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const alive = new WeakSet<WebSocket>();
  /** Which token opened each socket: a revoked token's sockets are closed, not just its next request refused. */
  const credentials = new WeakMap<WebSocket, Credential>();
  const stopWatching = guard.watchRevocations(() => {
    for (const ws of wss.clients) {
      const credential = credentials.get(ws);
      // A failed re-check (the database closing) leaves the socket be: the server is stopping anyway.
      credential?.stillValid().then((valid) => valid || closeRevoked(ws), () => undefined);
    }
  });

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== PUSH_ROUTE) return refuse(socket, 404);
    if (gate.checkSite(req)) return refuse(socket, 403);
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const token = offered.map(wsProtocolToToken).find((t) => t !== null);
    gate.authenticate(req, async () => (token === undefined || token === null ? null : guard.credentialFor(token))).then(
      (credential) => {
        if (credential instanceof RateLimitedError) return refuse(socket, 429, `Retry-After: ${credential.retryAfterSec}\r\n`);
        if (credential instanceof Error) return refuse(socket, 401);
        accept(req, socket, head, credential);
      },
      // The token lookup reads the database; a failure there must not escape an event listener (and crash the server).
      () => refuse(socket, 500),
    );
  });

  function accept(req: IncomingMessage, socket: Duplex, head: Buffer, credential: Credential): void {
    wss.handleUpgrade(req, socket, head, (ws) => {
      credentials.set(ws, credential);
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      // The socket is push-only; anything a client sends is ignored.
      ws.on('message', () => undefined);
      ws.on('error', () => ws.terminate());
    });
  }

  const unsubscribe = bus.subscribe((event) => {
    const message = JSON.stringify(event);
    for (const ws of wss.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
      else ws.send(message);
    }
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    close() {
      stopWatching();
      clearInterval(heartbeat);
      unsubscribe();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
