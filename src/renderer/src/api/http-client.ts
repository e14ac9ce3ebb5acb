import {
  contract,
  fillRoute,
  PUSH_ROUTE,
  tokenToWsProtocol,
  WS_PROTOCOL,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type PushEvent,
} from '../../../shared/contract';
import { ClientError, parseOutput, type ConnectionDetail, type ConnectionState, type HookbenchClient } from './client-types';

/** The push channel's retries: quick after a blip, then every 10 s at most. */
const retryDelay = (attempt: number): number => Math.min(10_000, 500 * 2 ** attempt);

/**
 * Headless mode: REST for calls, one WebSocket for pushes, reconnecting with backoff. A refused
 * socket does not say why (browsers hide the 401), so after a failure the HTTP API is asked with
 * the same token: a 401 there means the token is no longer accepted (`refused`, no more retries
 * until `setToken`); no answer means the server is down (`offline`, retried with backoff).
 * `keepToken` is told the token `setToken` gave, so a reload of the tab keeps using it.
 */
export function createHttpClient(origin: string, initialToken: string, keepToken: (token: string) => void = () => undefined): HookbenchClient {
  const eventListeners = new Set<(event: PushEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState, detail: ConnectionDetail) => void>();
  let token = initialToken;
  let state: ConnectionState = 'connecting';
  let detail: ConnectionDetail = { retryAt: null };
  let retry = 0;
  let socket: WebSocket | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  /** Bumped by every (re)connect, so a probe answering late cannot overwrite a newer state. */
  let generation = 0;

  const setState = (next: ConnectionState, retryAt: number | null = null) => {
    state = next;
    detail = { retryAt };
    for (const l of connectionListeners) l(next, detail);
  };

  const scheduleRetry = () => {
    const delay = retryDelay(retry++);
    reconnectTimer = setTimeout(connect, delay);
    setState('offline', Date.now() + delay);
  };

  /** After a failed socket: is it the token (401 from the API) or the server (no answer)? */
  const diagnose = async (mine: number) => {
    const refused = await call('getInfo', {}).then(
      () => false,
      (e: unknown) => e instanceof ClientError && e.code === 'unauthorized',
    );
    if (closed || mine !== generation) return;
    if (refused) setState('refused');
    else scheduleRetry();
  };

  const connect = () => {
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (closed) return;
    // The scheduled time has come: still offline, but trying now (no "in N s").
    if (state === 'offline') setState('offline', null);
    const mine = ++generation;
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
      if (socket === ws) socket = null;
      if (closed || mine !== generation) return;
      void diagnose(mine);
    };
  };

  async function call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
    const { route } = contract[name];
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
  }

  connect();

  return {
    call,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state, detail);
      return () => connectionListeners.delete(listener);
    },
    retryNow() {
      if (state !== 'offline' && state !== 'refused') return;
      retry = 0;
      if (state === 'refused') setState('connecting');
      connect();
    },
    setToken(next) {
      token = next;
      keepToken(next);
      retry = 0;
      setState('connecting');
      // A socket still open on the old token would keep the old identity: start afresh.
      const old = socket;
      connect();
      old?.close();
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
    },
  };
}
