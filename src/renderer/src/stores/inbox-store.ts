import { createStore, type StoreApi } from 'zustand';
import type { MethodInput } from '../../../shared/contract';
import type { DriftDifference } from '../../../shared/contracts/drift';
import { EMPTY_VIEW, matchesView, VIEW_URL_KEYS, viewFromSearch, viewToFilter, viewToSearch, type InboxView } from '../../../shared/filter-url';
import type { RequestFacets } from '../../../shared/request-filter';
import type { RequestDetail, RequestSummary } from '../../../shared/request-schemas';
import type { HookbenchClient } from '../api/client';
import { insertSorted, rangeBetween } from './inbox-order';
import { readPageParams, writePageParams } from './page-url';
import { requestActions, type RequestActions } from './request-actions';
import { storeContext } from './store-context';

const PAGE = 200;
/** Pushes that only the server can match (text search) or that change counts are batched this long. */
const REFETCH_DEBOUNCE_MS = 300;
/** The selected request's page-URL key: a reload (or a shared link) reopens it. */
const REQUEST_KEY = 'request';

export interface InboxState extends RequestActions {
  /** The filters, mirrored in the page URL. */
  view: InboxView;
  items: RequestSummary[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  facets: RequestFacets | null;
  error: string | null;
  selectedId: number | null;
  detail: RequestDetail | null;
  detailError: string | null;
  /** Requests ticked for a bulk action (export, delete). */
  checked: ReadonlySet<number>;
  /** First page, live pushes, refetch after a reconnect, the request the page URL names; returns the unsubscribe. */
  connect(): () => void;
  /** Changes the filters (merged into the current ones) and reloads the list. */
  setView(patch: Partial<InboxView>): void;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: number | null): Promise<void>;
  selectRelative(step: 1 | -1): void;
  /** The first or last request of the loaded list. */
  selectEdge(edge: 'first' | 'last'): void;
  /** Ticks or unticks one request; with `range`, everything between the last ticked one and it. */
  toggleChecked(id: number, range?: boolean): void;
  setChecked(ids: readonly number[]): void;
  /** Accepts a flagged capture's differences as its schema's new normal; the flag goes. */
  acceptDrift(id: number): Promise<void>;
  /** Imports a cURL command or a HAR; the core pushes each as a capture, so the rows come by push. Returns the new ids. */
  importRequests(input: MethodInput<'importRequests'>): Promise<number[]>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isNotFound = (error: unknown) => (error as { code?: string } | null)?.code === 'not_found';

function writeUrl(view: InboxView, selectedId: number | null): void {
  const params = new URLSearchParams(viewToSearch(view));
  if (selectedId !== null) params.set(REQUEST_KEY, String(selectedId));
  writePageParams([...VIEW_URL_KEYS, REQUEST_KEY], params);
}

/** The inbox: the filtered live list of captures, the ticked ones, and the one open in the detail. */
export function createInboxStore(client: HookbenchClient): StoreApi<InboxState> {
  return createStore<InboxState>()((set, get) => {
    /** Anchor of a shift-click range. */
    let lastToggled: number | null = null;
    /** Each list load gets a number; an answer for an older one (filters changed since) is dropped. */
    let generation = 0;
    /**
     * Captures pushed while a list load is in flight: the load's answer may predate them, so they
     * are merged into it rather than overwritten by it.
     */
    let pushedDuringLoad: RequestSummary[] = [];
    const timers: { list: ReturnType<typeof setTimeout> | null; facets: ReturnType<typeof setTimeout> | null } = { list: null, facets: null };

    /** Runs `fn` once after a burst of calls (captures arrive in bursts). */
    const debounced = (which: keyof typeof timers, fn: () => void) => {
      if (timers[which]) return;
      timers[which] = setTimeout(() => {
        timers[which] = null;
        fn();
      }, REFETCH_DEBOUNCE_MS);
    };

    const loadFacets = async (view: InboxView, mine: number) => {
      try {
        const facets = await client.call('getRequestFacets', viewToFilter(view, Date.now()));
        if (mine === generation) set({ facets });
      } catch {
        // Counts are a nicety: the list itself reports errors.
      }
    };
    const refreshFacets = () => debounced('facets', () => void loadFacets(get().view, generation));

    /** A capture's drift flag changed (pushed, or accepted here): its row and, if open, the detail follow. */
    const applyDrift = (id: number, drift: DriftDifference[] | null) => {
      const { items, detail, view } = get();
      if (items.some((r) => r.id === id)) set({ items: items.map((r) => (r.id === id ? { ...r, drift } : r)) });
      // Flagged after it was listed elsewhere: only the server knows where it goes in a Drift view.
      else if (view.drift && drift) debounced('list', () => void get().refresh());
      if (detail?.id === id) set({ detail: { ...detail, drift } });
    };

    const onCaptured = (request: RequestSummary) => {
      if (get().loading) pushedDuringLoad.push(request);
      const { view, items, nextCursor } = get();
      const fits = matchesView(request, view, Date.now());
      if (fits === true) {
        // Oldest-first lists grow at the end: only show it once paging has reached the end.
        if (view.order === 'newest' || nextCursor === null) set({ items: insertSorted(items, request, view.order) });
        refreshFacets();
      } else if (fits === 'unknown') {
        debounced('list', () => void get().refresh());
      }
    };

    const onDeleted = (ids: number[]) => {
      const gone = new Set(ids);
      const { items, checked, selectedId } = get();
      set({ items: items.filter((r) => !gone.has(r.id)), checked: new Set([...checked].filter((id) => !gone.has(id))) });
      if (selectedId !== null && gone.has(selectedId)) void get().select(null);
      refreshFacets();
    };

    const initialId = Number(readPageParams().get(REQUEST_KEY));
    const untick = () => {
      lastToggled = null;
      set({ checked: new Set() });
    };

    return {
      ...requestActions(client, () => get(), untick),
      view: typeof window === 'undefined' ? EMPTY_VIEW : viewFromSearch(window.location.search),
      items: [],
      nextCursor: null,
      loading: false,
      loadingMore: false,
      facets: null,
      error: null,
      selectedId: null,
      detail: null,
      detailError: null,
      checked: new Set(),

      connect() {
        void get().refresh();
        if (Number.isInteger(initialId) && initialId > 0) void get().select(initialId);
        const offEvent = client.onEvent((event) => {
          if (event.event === 'requests.deleted') return event.payload.reload ? void get().refresh() : onDeleted(event.payload.ids);
          if (event.event === 'request.drift') return applyDrift(event.payload.id, event.payload.differences);
          if (event.event === 'request.captured') return onCaptured(event.payload);
          if (event.event === 'request.updated') {
            // A proxied forward's answer became the capture's status after it was listed.
            const { id, status } = event.payload;
            const { items, detail } = get();
            if (items.some((r) => r.id === id)) set({ items: items.map((r) => (r.id === id ? { ...r, status } : r)) });
            if (detail?.id === id) set({ detail: { ...detail, status } });
          }
        });
        const offConnection = client.onConnection((connection) => {
          // Pushes sent while the channel was not open (before it first opened, or while it was
          // down) are lost: fetch what arrived meanwhile.
          if (connection === 'online') void get().refresh();
        });
        return () => {
          offEvent();
          offConnection();
          for (const key of ['list', 'facets'] as const) if (timers[key]) clearTimeout(timers[key]);
          timers.list = timers.facets = null;
        };
      },

      setView(patch) {
        const view = { ...get().view, ...patch };
        writeUrl(view, get().selectedId);
        lastToggled = null;
        set({ view, checked: new Set() });
        void get().refresh();
      },

      async refresh() {
        const { view } = get();
        const mine = ++generation;
        pushedDuringLoad = [];
        set({ loading: true });
        try {
          const page = await client.call('listRequests', { ...viewToFilter(view, Date.now()), limit: PAGE });
          if (mine !== generation) return;
          let items = page.items;
          for (const pushed of pushedDuringLoad.splice(0)) {
            if (matchesView(pushed, view, Date.now()) === true && (view.order === 'newest' || page.nextCursor === null)) items = insertSorted(items, pushed, view.order);
          }
          set({ items, nextCursor: page.nextCursor, error: null, loading: false });
        } catch (e) {
          if (mine === generation) set({ error: message(e), loading: false });
        }
        // Counts only after the rows: the core answers one query at a time, and counting a large
        // view takes longer than a page, so asking for both at once delayed the rows behind them.
        if (mine === generation) void loadFacets(view, mine);
      },

      async loadMore() {
        const { nextCursor, loadingMore, view } = get();
        if (!nextCursor || loadingMore) return;
        const mine = generation;
        set({ loadingMore: true });
        try {
          const page = await client.call('listRequests', { ...viewToFilter(view, Date.now()), limit: PAGE, cursor: nextCursor });
          if (mine !== generation) return;
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
        writeUrl(get().view, id);
        if (id === null) return;
        try {
          const detail = await client.call('getRequest', { id });
          if (get().selectedId === id) set({ detail });
        } catch (e) {
          if (get().selectedId !== id) return;
          // Deleted meanwhile, or a stale link: nothing to show, and nothing went wrong.
          if (isNotFound(e)) void get().select(null);
          else set({ detailError: message(e) });
        }
      },

      selectRelative(step) {
        const { items, selectedId } = get();
        if (items.length === 0) return;
        const index = items.findIndex((r) => r.id === selectedId);
        const next = index === -1 ? 0 : Math.max(0, Math.min(items.length - 1, index + step));
        void get().select(items[next]!.id);
      },

      selectEdge(edge) {
        const { items } = get();
        const row = edge === 'first' ? items[0] : items[items.length - 1];
        if (row) void get().select(row.id);
      },

      toggleChecked(id, range = false) {
        const { checked, items } = get();
        const next = new Set(checked);
        const anchor = lastToggled;
        lastToggled = id;
        const between = range && anchor !== null ? rangeBetween(items, anchor, id) : null;
        if (between) for (const each of between) next.add(each);
        else if (next.has(id)) next.delete(id);
        else next.add(id);
        set({ checked: next });
      },

      setChecked(ids) {
        lastToggled = null;
        set({ checked: new Set(ids) });
      },

      async acceptDrift(id) {
        await client.call('acceptDrift', { requestId: id });
        // The core pushes the same, but the button should not wait for the push channel.
        applyDrift(id, null);
      },

      async importRequests(input) {
        const { ids } = await client.call('importRequests', input);
        return ids;
      },
    };
  });
}

export const InboxStore = storeContext<InboxState>('InboxStore');
