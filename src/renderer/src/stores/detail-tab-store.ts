import { createStore, type StoreApi } from 'zustand';
import { storeContext } from './store-context';

export type DetailTab = 'overview' | 'headers' | 'query' | 'body' | 'signature' | 'edit' | 'sends';

/** Which detail tab is open: shared, so replay (the R key, the Replay button) can open Sends or Edit & replay. */
export interface DetailTabState {
  tab: DetailTab;
  setTab(tab: DetailTab): void;
}

export function createDetailTabStore(): StoreApi<DetailTabState> {
  return createStore<DetailTabState>()((set) => ({
    tab: 'body',
    setTab: (tab) => set({ tab }),
  }));
}

export const DetailTabStore = storeContext<DetailTabState>('DetailTabStore');
