import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PUSH_ROUTE, WS_PROTOCOL, wsProtocolToToken } from '../../shared/contract';
import type { PushBus } from '../core/push-bus';
import type { HttpGuard } from './http-guard';

/** A client that falls this far behind is dropped (it reconnects and refetches) rather than buffered forever. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Push events over a WebSocket on the API port, with the same Host/Origin checks as the REST
 * routes and the token carried as a subprotocol (browsers cannot set headers on a WebSocket).
 */
export function attachPushSocket(server: Server, bus: PushBus, guard: HttpGuard): { close(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const alive = new WeakSet<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== PUSH_ROUTE) return refuse(socket, 404, 'Not Found');
    if (guard.checkSite(req.headers)) return refuse(socket, 403, 'Forbidden');
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const token = offered.map(wsProtocolToToken).find((t) => t !== null);
    if (token === undefined || token === null || !guard.callerForToken(token)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      // The socket is push-only; anything a client sends is ignored.
      ws.on('message', () => undefined);
      ws.on('error', () => ws.terminate());
    });
  });

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
      clearInterval(heartbeat);
      unsubscribe();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
