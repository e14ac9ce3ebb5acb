import { create } from 'zustand';
import type { MethodInput, ReplayResult } from '../../../shared/contract';
import type { SendRecord } from '../../../shared/send-schemas';
import type { HookbenchClient } from '../api/client';
import { useInbox } from './inbox-store';

interface SendsState {
  /** The selected request's forward and replays, newest first. */
  requestId: number | null;
  items: SendRecord[];
  error: string | null;
  connect(client: HookbenchClient): () => void;
  load(requestId: number): Promise<void>;
  replay(requestId: number, edits?: Omit<MethodInput<'replayRequest'>, 'id'>): Promise<ReplayResult>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Forwards and replays of the selected request, refreshed when a send for it finishes. */
export const useSends = create<SendsState>()((set, get) => ({
  requestId: null,
  items: [],
  error: null,

  connect(client) {
    return client.onEvent((event) => {
      if (event.event === 'request.sent' && event.payload.requestId === get().requestId) void get().load(event.payload.requestId);
      if (event.event === 'request.updated') {
        const { items } = useInbox.getState();
        useInbox.setState({ items: items.map((r) => (r.id === event.payload.id ? { ...r, status: event.payload.status } : r)) });
      }
    });
  },

  async load(requestId) {
    const { client } = useInbox.getState();
    if (!client) return;
    if (get().requestId !== requestId) set({ requestId, items: [], error: null });
    try {
      const page = await client.call('listRequestSends', { id: requestId });
      if (get().requestId === requestId) set({ items: page.items, error: null });
    } catch (e) {
      if (get().requestId === requestId) set({ error: message(e) });
    }
  },

  async replay(requestId, edits = {}) {
    const { client } = useInbox.getState();
    if (!client) throw new Error('not connected');
    const result = await client.call('replayRequest', { id: requestId, ...edits });
    if (get().requestId === requestId) await get().load(requestId);
    return result;
  },
}));
