import {
  contract,
  fillRoute,
  PUSH_ROUTE,
  tokenToWsProtocol,
  WS_PROTOCOL,
  type MethodName,
  type PushEvent,
} from '../../../shared/contract';
import { ClientError, parseOutput, type ConnectionState, type HookbenchClient } from './client-types';

/** Headless mode: REST for calls, one WebSocket for pushes, reconnecting with backoff. */
export function createHttpClient(origin: string, token: string): HookbenchClient {
  const eventListeners = new Set<(event: PushEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let retry = 0;
  let socket: WebSocket | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const l of connectionListeners) l(next);
  };

  const connect = () => {
    reconnectTimer = null;
    if (closed) return;
    const ws = new WebSocket(origin.replace(/^http/, 'ws') + PUSH_ROUTE, [WS_PROTOCOL, tokenToWsProtocol(token)]);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      setState('online');
    };
    ws.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as PushEvent;
      for (const l of eventListeners) l(event);
    };
    // A failed connect is followed by a close, which schedules the retry; nothing to do here
    // (and a listener must exist: outside browsers an unhandled WebSocket error throws).
    ws.onerror = () => undefined;
    ws.onclose = () => {
      socket = null;
      if (closed) return;
      setState('offline');
      const delay = Math.min(10_000, 250 * 2 ** retry++);
      reconnectTimer = setTimeout(connect, delay);
    };
  };
  connect();

  return {
    async call(name, input) {
      const { route } = contract[name as MethodName];
      const { path, rest } = fillRoute(route.path, input as Record<string, unknown>);
      const url = new URL(path, origin);
      const init: RequestInit = { method: route.method, headers: { Authorization: `Bearer ${token}` } };
      if (route.method === 'GET' || route.method === 'DELETE') {
        for (const [key, value] of Object.entries(rest)) {
          if (value === undefined || value === null) continue;
          for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
        }
      } else {
        init.headers = { ...init.headers, 'Content-Type': 'application/json' };
        init.body = JSON.stringify(rest);
      }
      const response = await fetch(url, init);
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
        throw new ClientError(error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`);
      }
      return parseOutput(name, body);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
    },
  };
}
