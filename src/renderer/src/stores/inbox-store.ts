import { create } from 'zustand';
import type { ServerInfo } from '../../../shared/contract';
import type { RequestFacets } from '../../../shared/request-filter';
import type { DriftDifference } from '../../../shared/contracts/drift';
import type { RequestDetail, RequestSummary } from '../../../shared/request-schemas';
import type { ConnectionState, HookbenchClient } from '../api/client';
import { EMPTY_VIEW, matchesView, viewToFilter, viewToSearch, viewFromSearch, type InboxView } from './inbox-view';

const PAGE = 200;
/** Pushes that only the server can match (text search) or that change counts are batched this long. */
const REFETCH_DEBOUNCE_MS = 300;

interface InboxState {
  client: HookbenchClient | null;
  info: ServerInfo | null;
  connection: ConnectionState;
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
  /** Wires the store to a client: first page, live pushes, refetch after a reconnect. */
  connect(client: HookbenchClient): () => void;
  /** Changes the filters (merged into the current ones) and reloads the list. */
  setView(patch: Partial<InboxView>): void;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: number | null): Promise<void>;
  selectRelative(step: 1 | -1): void;
  /** Ticks or unticks one request; with `range`, everything between the last ticked one and it. */
  toggleChecked(id: number, range?: boolean): void;
  setChecked(ids: readonly number[]): void;
  /** Accepts a flagged capture's differences as its schema's new normal; the flag goes. */
  acceptDrift(id: number): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Inserts a new request at its place in the current order, without duplicates. */
function insertSorted(items: RequestSummary[], request: RequestSummary, order: InboxView['order']): RequestSummary[] {
  if (items.some((r) => r.id === request.id)) return items;
  const sign = order === 'newest' ? -1 : 1;
  const compare = (a: RequestSummary, b: RequestSummary) => sign * (Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.id - b.id);
  // The usual case, a capture newer than everything shown, is a prepend; anything else re-sorts.
  if (order === 'newest' && (items.length === 0 || compare(request, items[0]!) <= 0)) return [request, ...items];
  return [...items, request].sort(compare);
}

/** Anchor of a shift-click range. */
let lastToggled: number | null = null;

/** Each list load gets a number; an answer for an older one (filters changed since) is dropped. */
let generation = 0;
/**
 * Captures pushed while a list load is in flight: the load's answer may predate them, so they are
 * merged into it rather than overwritten by it.
 */
let pushedDuringLoad: RequestSummary[] = [];
const timers: { list: ReturnType<typeof setTimeout> | null; facets: ReturnType<typeof setTimeout> | null } = { list: null, facets: null };

/** Runs `fn` once after a burst of calls (captures arrive in bursts). */
function debounced(which: keyof typeof timers, fn: () => void): void {
  if (timers[which]) return;
  timers[which] = setTimeout(() => {
    timers[which] = null;
    fn();
  }, REFETCH_DEBOUNCE_MS);
}

function writeUrl(view: InboxView): void {
  if (typeof window === 'undefined') return;
  const search = viewToSearch(view);
  if (search !== window.location.search) history.replaceState(null, '', window.location.pathname + search + window.location.hash);
}

export const useInbox = create<InboxState>()((set, get) => {
  const loadFacets = async (client: HookbenchClient, view: InboxView, mine: number) => {
    try {
      const facets = await client.call('getRequestFacets', viewToFilter(view, Date.now()));
      if (mine === generation) set({ facets });
    } catch {
      // Counts are a nicety: the list itself reports errors.
    }
  };

  /** A capture's drift flag changed (pushed, or accepted here): its row and, if open, the detail follow. */
  const applyDrift = (id: number, drift: DriftDifference[] | null) => {
    const { items, detail, view } = get();
    if (items.some((r) => r.id === id)) set({ items: items.map((r) => (r.id === id ? { ...r, drift } : r)) });
    // Flagged after it was listed elsewhere: only the server knows where it goes in a Drift view.
    else if (view.drift && drift) debounced('list', () => void get().refresh());
    if (detail?.id === id) set({ detail: { ...detail, drift } });
  };

  return {
    client: null,
    info: null,
    connection: 'connecting',
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

    connect(client) {
      set({ client });
      client.call('getInfo', {}).then((info) => set({ info }), (e: unknown) => set({ error: message(e) }));
      void get().refresh();
      const offEvent = client.onEvent((event) => {
        if (event.event === 'requests.deleted') {
          const { reload, ids } = event.payload;
          if (reload) return void get().refresh();
          const gone = new Set(ids);
          const { items, checked, selectedId } = get();
          set({ items: items.filter((r) => !gone.has(r.id)), checked: new Set([...checked].filter((id) => !gone.has(id))) });
          if (selectedId !== null && gone.has(selectedId)) set({ selectedId: null, detail: null });
          const { client: c } = get();
          if (c) debounced('facets', () => void loadFacets(c, get().view, generation));
          return;
        }
        if (event.event === 'request.drift') return applyDrift(event.payload.id, event.payload.differences);
        if (event.event !== 'request.captured') return;
        if (get().loading) pushedDuringLoad.push(event.payload);
        const { view, items } = get();
        const fits = matchesView(event.payload, view, Date.now());
        if (fits === true) {
          // Oldest-first lists grow at the end: only show it once paging has reached the end.
          if (view.order === 'newest' || get().nextCursor === null) set({ items: insertSorted(items, event.payload, view.order) });
          const { client: c } = get();
          if (c) debounced('facets', () => void loadFacets(c, get().view, generation));
        } else if (fits === 'unknown') {
          debounced('list', () => void get().refresh());
        }
      });
      const offConnection = client.onConnection((connection) => {
        set({ connection });
        // Pushes sent while the channel was not open (before it first opened, or while it was
        // down) are lost: fetch what arrived meanwhile.
        if (connection === 'online') void get().refresh();
      });
      return () => {
        offEvent();
        offConnection();
      };
    },

    setView(patch) {
      const view = { ...get().view, ...patch };
      writeUrl(view);
      set({ view, checked: new Set() });
      void get().refresh();
    },

    async refresh() {
      const { client, view } = get();
      if (!client) return;
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
      if (mine === generation) void loadFacets(client, view, mine);
    },

    async loadMore() {
      const { client, nextCursor, loadingMore, view } = get();
      if (!client || !nextCursor || loadingMore) return;
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
      const { client } = get();
      if (id === null || !client) return;
      try {
        const detail = await client.call('getRequest', { id });
        if (get().selectedId === id) set({ detail });
      } catch (e) {
        if (get().selectedId === id) set({ detailError: message(e) });
      }
    },

    toggleChecked(id, range = false) {
      const { checked, items } = get();
      const next = new Set(checked);
      const last = lastToggled;
      lastToggled = id;
      if (range && last !== null) {
        const a = items.findIndex((r) => r.id === last);
        const b = items.findIndex((r) => r.id === id);
        if (a !== -1 && b !== -1) {
          for (const r of items.slice(Math.min(a, b), Math.max(a, b) + 1)) next.add(r.id);
          return set({ checked: next });
        }
      }
      if (next.has(id)) next.delete(id);
      else next.add(id);
      set({ checked: next });
    },

    setChecked(ids) {
      lastToggled = null;
      set({ checked: new Set(ids) });
    },

    async acceptDrift(id) {
      const { client } = get();
      if (!client) throw new Error('not connected');
      await client.call('acceptDrift', { requestId: id });
      // The core pushes the same, but the button should not wait for the push channel.
      applyDrift(id, null);
    },

    selectRelative(step) {
      const { items, selectedId } = get();
      if (items.length === 0) return;
      const index = items.findIndex((r) => r.id === selectedId);
      const next = index === -1 ? 0 : Math.max(0, Math.min(items.length - 1, index + step));
      void get().select(items[next]!.id);
    },
  };
});
