import { create } from 'zustand';
import type { RetentionState } from '../../../shared/contract';
import type { Endpoint, PutEndpointInput, Retention } from '../../../shared/endpoint-schemas';
import type { HookbenchClient } from '../api/client';

interface EndpointsState {
  client: HookbenchClient | null;
  items: Endpoint[];
  retention: RetentionState | null;
  error: string | null;
  connect(client: HookbenchClient): () => void;
  save(input: PutEndpointInput): Promise<Endpoint>;
  remove(slug: string, clear: boolean): Promise<void>;
  loadRetention(): Promise<void>;
  saveRetention(retention: Retention): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Endpoints (named inboxes) and the retention setting; kept current by `endpoints.changed` pushes. */
export const useEndpoints = create<EndpointsState>()((set, get) => {
  const need = () => {
    const { client } = get();
    if (!client) throw new Error('not connected');
    return client;
  };
  const load = async () => {
    try {
      set({ items: (await need().call('listEndpoints', {})).items, error: null });
    } catch (e) {
      set({ error: message(e) });
    }
  };

  return {
    client: null,
    items: [],
    retention: null,
    error: null,

    connect(client) {
      set({ client });
      void load();
      const offEvent = client.onEvent((event) => {
        if (event.event === 'endpoints.changed') set({ items: event.payload.items });
      });
      // Changes made while the push channel was down are picked up on reconnect.
      const offConnection = client.onConnection((state) => state === 'online' && void load());
      return () => {
        offEvent();
        offConnection();
      };
    },

    async save(input) {
      const saved = await need().call('putEndpoint', input);
      await load();
      return saved;
    },

    async remove(slug, clear) {
      await need().call('deleteEndpoint', { slug, clear });
      await load();
    },

    async loadRetention() {
      set({ retention: await need().call('getRetention', {}) });
    },

    async saveRetention(retention) {
      set({ retention: await need().call('putRetention', retention) });
    },
  };
});
