import { createStore, type StoreApi } from 'zustand';
import type { AuditEntry } from '../../../../shared/access-schemas';
import type { HookbenchClient } from '../../api/client';
import { storeContext } from '../../stores/store-context';

export interface AuditState {
  items: AuditEntry[];
  nextCursor: string | null;
  /** Exact actor name to show; '' = everyone. */
  actor: string;
  loading: boolean;
  error: string | null;
  /** Loads the newest page for the current filter (on open, on refresh, when the filter changes). */
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setActor(actor: string): Promise<void>;
}

const PAGE = 100;

/** The audit log view: who did what, newest first, paged by cursor, filtered by actor. */
export function createAuditStore(client: HookbenchClient): StoreApi<AuditState> {
  return createStore<AuditState>()((set, get) => {
    /** Answers to an older filter or page may arrive late; only the latest request's answer counts. */
    let generation = 0;
    const fetchPage = async (cursor: string | null) => {
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
      load: () => fetchPage(null),
      loadMore: async () => {
        const { nextCursor } = get();
        if (nextCursor) await fetchPage(nextCursor);
      },
      setActor: (actor) => {
        set({ actor });
        return fetchPage(null);
      },
    };
  });
}

export const AuditStore = storeContext<AuditState>('AuditStore');
