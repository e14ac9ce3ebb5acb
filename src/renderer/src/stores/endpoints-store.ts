import { createStore, type StoreApi } from 'zustand';
import type { Endpoint, PutEndpointInput } from '../../../shared/endpoint-schemas';
import type { HookbenchClient } from '../api/client';
import { storeContext } from './store-context';

/** Endpoints (named inboxes): read by the sidebar, the inbox, replay and the signature lab. */
export interface EndpointsState {
  items: Endpoint[];
  error: string | null;
  /** Loads the list and follows `endpoints.changed`; returns the unsubscribe. */
  connect(): () => void;
  /** Creates or updates one; resolves with what was stored, rejects with the server's reason. */
  save(input: PutEndpointInput): Promise<Endpoint>;
  remove(slug: string, clear: boolean): Promise<void>;
  /** Deletes every request captured by `slug` (the endpoint stays). */
  clearRequests(slug: string): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createEndpointsStore(client: HookbenchClient): StoreApi<EndpointsState> {
  return createStore<EndpointsState>()((set) => {
    const load = async () => {
      try {
        set({ items: (await client.call('listEndpoints', {})).items, error: null });
      } catch (e) {
        set({ error: message(e) });
      }
    };
    return {
      items: [],
      error: null,
      connect() {
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
        const saved = await client.call('putEndpoint', input);
        await load();
        return saved;
      },
      async remove(slug, clear) {
        await client.call('deleteEndpoint', { slug, clear });
        await load();
      },
      async clearRequests(slug) {
        await client.call('deleteRequests', { filter: { endpoint: [slug] } });
      },
    };
  });
}

export const EndpointsStore = storeContext<EndpointsState>('EndpointsStore');
