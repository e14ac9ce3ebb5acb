import { create } from 'zustand';
import type { ServerInfo } from '../../../shared/contract';
import type { RequestDetail, RequestSummary } from '../../../shared/request-schemas';
import type { ConnectionState, HookbenchClient } from '../api/client';

const PAGE = 200;

interface InboxState {
  client: HookbenchClient | null;
  info: ServerInfo | null;
  connection: ConnectionState;
  items: RequestSummary[];
  nextCursor: string | null;
  loadingMore: boolean;
  error: string | null;
  selectedId: number | null;
  detail: RequestDetail | null;
  detailError: string | null;
  /** Wires the store to a client: first page, live pushes, refetch after a reconnect. */
  connect(client: HookbenchClient): () => void;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: number | null): Promise<void>;
  selectRelative(step: 1 | -1): void;
}

/** Merges fresh newest-first items into the list without duplicates, newest first. */
function mergeNewest(fresh: RequestSummary[], current: RequestSummary[]): RequestSummary[] {
  const seen = new Set(current.map((r) => r.id));
  const added = fresh.filter((r) => !seen.has(r.id));
  return added.length === 0 ? current : [...added, ...current].sort((a, b) => b.id - a.id);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useInbox = create<InboxState>()((set, get) => ({
  client: null,
  info: null,
  connection: 'connecting',
  items: [],
  nextCursor: null,
  loadingMore: false,
  error: null,
  selectedId: null,
  detail: null,
  detailError: null,

  connect(client) {
    set({ client });
    client.call('getInfo', {}).then((info) => set({ info }), (e: unknown) => set({ error: message(e) }));
    void get().refresh();
    const offEvent = client.onEvent((event) => {
      if (event.event === 'request.captured') set({ items: mergeNewest([event.payload], get().items) });
    });
    let wasOffline = false;
    const offConnection = client.onConnection((connection) => {
      set({ connection });
      // Pushes sent while we were away are lost: fetch what arrived meanwhile.
      if (connection === 'online' && wasOffline) void get().refresh();
      if (connection === 'offline') wasOffline = true;
    });
    return () => {
      offEvent();
      offConnection();
    };
  },

  async refresh() {
    const { client } = get();
    if (!client) return;
    try {
      const page = await client.call('listRequests', { limit: PAGE });
      const current = get().items;
      set({
        items: current.length === 0 ? page.items : mergeNewest(page.items, current),
        nextCursor: current.length === 0 ? page.nextCursor : get().nextCursor,
        error: null,
      });
    } catch (e) {
      set({ error: message(e) });
    }
  },

  async loadMore() {
    const { client, nextCursor, loadingMore } = get();
    if (!client || !nextCursor || loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await client.call('listRequests', { limit: PAGE, cursor: nextCursor });
      const seen = new Set(get().items.map((r) => r.id));
      set({ items: [...get().items, ...page.items.filter((r) => !seen.has(r.id))], nextCursor: page.nextCursor });
    } catch (e) {
      set({ error: message(e) });
    } finally {
      set({ loadingMore: false });
    }
  },

  async select(id) {
    set({ selectedId: id, detail: null, detailError: null });
    const { client } = get();
    if (id === null || !client) return;
    try {
      const detail = await client.call('getRequest', { id });
      if (get().selectedId === id) set({ detail });
    } catch (e) {
      if (get().selectedId === id) set({ detailError: message(e) });
    }
  },

  selectRelative(step) {
    const { items, selectedId } = get();
    if (items.length === 0) return;
    const index = items.findIndex((r) => r.id === selectedId);
    const next = index === -1 ? 0 : Math.max(0, Math.min(items.length - 1, index + step));
    void get().select(items[next]!.id);
  },
}));
