import { createStore, type StoreApi } from 'zustand';
import type { TunnelStatus } from '../../../shared/tunnel-schemas';
import type { HookbenchClient } from '../api/client';
import { storeContext } from './store-context';

/**
 * The tunnel's live status and its controls. The public URL reaches the endpoint URLs through the
 * session store, which follows `tunnel.status` itself: this store writes only its own state.
 */
export interface TunnelState {
  status: TunnelStatus | null;
  /** A call that failed (permission, connection): not the tunnel's own problem, which is in status. */
  error: string | null;
  connect(): () => void;
  start(settings?: { host?: string; subdomain?: string | null }): Promise<void>;
  stop(): Promise<void>;
  /** Tries now instead of waiting; after giving up, a fresh set of attempts. */
  retry(): Promise<void>;
}

export function createTunnelStore(client: HookbenchClient): StoreApi<TunnelState> {
  return createStore<TunnelState>()((set) => {
    const run = async (action: () => Promise<TunnelStatus>) => {
      try {
        set({ status: await action(), error: null });
      } catch (e) {
        set({ error: (e as Error).message });
      }
    };
    const load = () => run(() => client.call('getTunnelStatus', {}));
    return {
      status: null,
      error: null,
      connect() {
        void load();
        const offEvent = client.onEvent((event) => event.event === 'tunnel.status' && set({ status: event.payload }));
        const offConnection = client.onConnection((state) => state === 'online' && void load());
        return () => {
          offEvent();
          offConnection();
        };
      },
      start: (settings = {}) => run(() => client.call('startTunnel', settings)),
      stop: () => run(() => client.call('stopTunnel', {})),
      retry: () => run(() => client.call('retryTunnel', {})),
    };
  });
}

export const TunnelStore = storeContext<TunnelState>('TunnelStore');
