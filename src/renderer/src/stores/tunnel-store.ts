import { create } from 'zustand';
import type { TunnelStatus } from '../../../shared/tunnel-schemas';
import type { HookbenchClient } from '../api/client';
import { useInbox } from './inbox-store';

interface TunnelState {
  status: TunnelStatus | null;
  error: string | null;
  connect(client: HookbenchClient): () => void;
  start(settings: { host?: string; subdomain?: string | null }): Promise<void>;
  stop(): Promise<void>;
}

/** The tunnel's live status; the public URL also feeds the endpoint URLs (via the inbox's info). */
export const useTunnel = create<TunnelState>()((set) => {
  let client: HookbenchClient | null = null;
  const apply = (status: TunnelStatus) => {
    set({ status });
    const { info } = useInbox.getState();
    if (info && info.publicUrl !== status.publicUrl) useInbox.setState({ info: { ...info, publicUrl: status.publicUrl } });
  };
  const run = async (action: () => Promise<TunnelStatus>) => {
    try {
      apply(await action());
      set({ error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  };
  return {
    status: null,
    error: null,
    connect(c) {
      client = c;
      void run(() => c.call('getTunnelStatus', {}));
      const offEvent = c.onEvent((event) => event.event === 'tunnel.status' && apply(event.payload));
      const offConnection = c.onConnection((state) => state === 'online' && void run(() => c.call('getTunnelStatus', {})));
      return () => {
        offEvent();
        offConnection();
      };
    },
    start: (settings) => run(() => client!.call('startTunnel', settings)),
    stop: () => run(() => client!.call('stopTunnel', {})),
  };
});
