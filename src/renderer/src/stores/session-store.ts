import { createStore, type StoreApi } from 'zustand';
import type { ServerInfo } from '../../../shared/contract';
import type { ConnectionState, HookbenchClient } from '../api/client';
import { storeContext } from './store-context';

/**
 * Who and where this UI is connected to: the server's info (receiver URL, mode, the caller's role,
 * a browsed team server) and the push channel's state. Read by every feature; written only here.
 */
export interface SessionState {
  info: ServerInfo | null;
  connection: ConnectionState;
  /** While `offline`: when the next automatic attempt is due (epoch ms), for a visible countdown. */
  retryAt: number | null;
  error: string | null;
  /** Loads the info and follows the push channel; returns the unsubscribe. */
  connect(): () => void;
  /** Reconnects now instead of waiting for the backoff. */
  retryNow(): void;
  /** Continues with a token the person pasted (this page's was refused). */
  setToken(token: string): void;
}

export function createSessionStore(client: HookbenchClient): StoreApi<SessionState> {
  return createStore<SessionState>()((set) => {
    const loadInfo = () =>
      client.call('getInfo', {}).then(
        (info) => set({ info, error: null }),
        (e: unknown) => set({ error: e instanceof Error ? e.message : String(e) }),
      );
    return {
      info: null,
      connection: 'connecting',
      retryAt: null,
      error: null,
      retryNow: () => client.retryNow(),
      setToken: (token) => client.setToken(token.trim()),
      connect() {
        void loadInfo();
        const offEvents = client.onEvent((event) => {
          // Another backend (a team server browsed, or this app again): every store's data is stale, so start afresh.
          if (event.event === 'backend.changed') window.location.reload();
          // The public URL is part of the info every endpoint URL is built from.
          else if (event.event === 'tunnel.status') set((s) => (s.info && s.info.publicUrl !== event.payload.publicUrl ? { info: { ...s.info, publicUrl: event.payload.publicUrl } } : {}));
        });
        const offConnection = client.onConnection((connection, { retryAt }) => {
          set({ connection, retryAt });
          // Back after a drop: the server may have restarted with other settings.
          if (connection === 'online') void loadInfo();
        });
        return () => {
          offEvents();
          offConnection();
        };
      },
    };
  });
}

export const SessionStore = storeContext<SessionState>('SessionStore');
