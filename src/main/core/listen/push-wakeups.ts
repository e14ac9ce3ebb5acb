import WebSocket from 'ws';
import { PUSH_ROUTE, WS_PROTOCOL, tokenToWsProtocol, type PushEvent } from '../../../shared/contract';
import { backoffDelay } from './backoff';

/**
 * The server's push socket, used by `hookbench listen` as a doorbell only: a `request.captured`
 * (or a fresh connection, after which anything may have been missed) says "look for new
 * captures"; what to forward always comes from the catch-up feed. Reconnects with backoff.
 *
 * A laptop that slept, or a NAT that forgot the connection, leaves a socket that neither side
 * closes: the server pings every 30 s, so silence for longer than SILENCE_MS means a dead socket,
 * dropped here and reopened.
 */

const SILENCE_MS = 75_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;

export type PushState = { state: 'connected' } | { state: 'disconnected'; reason: string; retryInMs: number; attempt: number };

export interface PushWakeupsOptions {
  serverUrl: string;
  token: string;
  /** A reason to look for new captures: `connected` (after any gap) or a new capture's endpoint. */
  onWake(reason: { connected: true } | { captured: { id: number; endpoint: string | null } }): void;
  onState(state: PushState): void;
  /** The server refused the token: retrying cannot help. */
  onUnauthorized(): void;
  /** Every event as it came, unchecked (the team-server relay shows them all, not just captures). */
  onEvent?(event: PushEvent): void;
}

export class PushWakeups {
  private socket: WebSocket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private silenceTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;

  constructor(private readonly options: PushWakeupsOptions) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.socket?.terminate();
    this.socket = null;
  }

  private connect(): void {
    this.retryTimer = null;
    if (this.stopped) return;
    const url = new URL(PUSH_ROUTE, this.options.serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url, [WS_PROTOCOL, tokenToWsProtocol(this.options.token)], { handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
    this.socket = ws;
    // The first reason given wins: terminating a refused handshake adds an error of its own.
    let failure: string | null = null;
    ws.on('open', () => {
      this.attempt = 0;
      this.heard();
      this.options.onState({ state: 'connected' });
      this.options.onWake({ connected: true });
    });
    ws.on('ping', () => this.heard());
    ws.on('message', (data) => {
      this.heard();
      let event: PushEvent;
      try {
        event = JSON.parse(String(data)) as PushEvent;
      } catch {
        return;
      }
      this.options.onEvent?.(event);
      if (event.event === 'request.captured') this.options.onWake({ captured: { id: event.payload.id, endpoint: event.payload.endpoint } });
    });
    ws.on('unexpected-response', (_req, res) => {
      failure ??= `the server answered ${res.statusCode} to the push socket`;
      if (res.statusCode === 401) {
        this.stopped = true;
        this.options.onUnauthorized();
      }
      ws.terminate();
    });
    ws.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= error.code === 'ECONNREFUSED' ? 'connection refused' : error.message;
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = null;
      if (this.silenceTimer) clearTimeout(this.silenceTimer);
      if (this.stopped) return;
      this.attempt += 1;
      const retryInMs = backoffDelay(this.attempt);
      this.options.onState({ state: 'disconnected', reason: failure ?? 'connection closed', retryInMs, attempt: this.attempt });
      this.retryTimer = setTimeout(() => this.connect(), retryInMs);
    });
  }

  private heard(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    const ws = this.socket;
    this.silenceTimer = setTimeout(() => ws?.terminate(), SILENCE_MS);
  }
}
