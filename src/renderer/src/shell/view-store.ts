import { createStore, type StoreApi } from 'zustand';
import { readPageParams, writePageParams } from '../stores/page-url';
import { storeContext } from '../stores/store-context';

export const VIEWS = ['inbox', 'sender', 'schemas', 'audit'] as const;
export type View = (typeof VIEWS)[number];

/** The shell's one URL key: `view=sender|schemas|audit`; absent means the inbox. */
const URL_KEYS = ['view'] as const;

const isView = (value: string | null): value is View => VIEWS.includes(value as View);

/**
 * Which main view is open. It lives in the page URL, so a reload (or a shared link) comes back to
 * the same view; the inbox, the default, leaves the URL clean.
 */
export interface ViewState {
  view: View;
  setView(view: View): void;
}

export function createViewStore(): StoreApi<ViewState> {
  const fromUrl = readPageParams().get('view');
  return createStore<ViewState>()((set) => ({
    view: isView(fromUrl) ? fromUrl : 'inbox',
    setView(view) {
      set({ view });
      writePageParams(URL_KEYS, new URLSearchParams(view === 'inbox' ? {} : { view }));
    },
  }));
}

export const ViewStore = storeContext<ViewState>('ViewStore');
