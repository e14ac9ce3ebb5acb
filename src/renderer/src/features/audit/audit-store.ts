import { create } from 'zustand';
import type { AuditEntry } from '../../../../shared/access-schemas';
import type { HookbenchClient } from '../../api/client';

interface AuditState {
  items: AuditEntry[];
  nextCursor: string | null;
  /** Exact actor name to show; '' = everyone. */
  actor: string;
  loading: boolean;
  error: string | null;
  /** Loads the newest page for the current filter (on open, on refresh, when the filter changes). */
  load(client: HookbenchClient): Promise<void>;
  loadMore(client: HookbenchClient): Promise<void>;
  setActor(client: HookbenchClient, actor: string): Promise<void>;
}

const PAGE = 100;

/** The audit log view: who did what, newest first, paged by cursor, filtered by actor. */
export const useAudit = create<AuditState>()((set, get) => {
  /** Answers to an older filter or page may arrive late; only the latest request's answer counts. */
  let generation = 0;
  const fetchPage = async (client: HookbenchClient, cursor: string | null) => {
    const mine = ++generation;
    set({ loading: true });
    try {
      const { actor } = get();
      const page = await client.call('listAudit', { limit: PAGE, ...(actor ? { actor } : {}), ...(cursor ? { cursor } : {}) });
      if (mine !== generation) return;
      set((s) => ({ items: cursor ? [...s.items, ...page.items] : page.items, nextCursor: page.nextCursor, error: null, loading: false }));
    } catch (e) {
      if (mine === generation) set({ error: (e as Error).message, loading: false });
    }
  };
  return {
    items: [],
    nextCursor: null,
    actor: '',
    loading: false,
    error: null,
    load: (client) => fetchPage(client, null),
    loadMore: async (client) => {
      const { nextCursor } = get();
      if (nextCursor) await fetchPage(client, nextCursor);
    },
    setActor: (client, actor) => {
      set({ actor });
      return fetchPage(client, null);
    },
  };
});
