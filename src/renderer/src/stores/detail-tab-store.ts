import { create } from 'zustand';

export type DetailTab = 'overview' | 'headers' | 'query' | 'body' | 'signature' | 'edit' | 'sends';

/** Which detail tab is open; a store so actions elsewhere (the R key, Replay) can switch it. */
export const useDetailTab = create<{ tab: DetailTab; setTab(tab: DetailTab): void }>()((set) => ({
  tab: 'body',
  setTab: (tab) => set({ tab }),
}));
