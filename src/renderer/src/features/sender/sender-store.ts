import { createStore, type StoreApi } from 'zustand';
import type { MethodInput } from '../../../../shared/contract';
import type { Attempt, Delivery, DeliveryDetail, ProviderCatalog, SavedTarget, Target } from '../../../../shared/sender-schemas';
import type { HookbenchClient } from '../../api/client';
import { storeContext } from '../../stores/store-context';

/** What the delivery list is narrowed by (the same fields as the API's query). */
export interface DeliveryListFilter {
  event?: string;
  /** A code (`500`), a class (`5xx`) or `error`. */
  status?: string;
  target?: number;
  state?: Delivery['state'];
  /** `datetime-local` values; sent as ISO. */
  from?: string;
  to?: string;
}

export interface SenderState {
  targets: Target[];
  catalog: ProviderCatalog[];
  /** The log lists deliveries (state, last status) or every attempt (each answer). */
  mode: 'deliveries' | 'attempts';
  deliveries: Delivery[];
  attempts: Attempt[];
  nextCursor: string | null;
  filter: DeliveryListFilter;
  selectedId: number | null;
  detail: DeliveryDetail | null;
  error: string | null;
  /** Loads targets, the log and the catalog, and follows their pushes; returns the unsubscribe. */
  connect(): () => void;
  /** The saved target; `generatedSecret` is set this once when Hookbench made one (Feedspace). */
  saveTarget(input: MethodInput<'putWebhookConfig'>): Promise<SavedTarget>;
  deleteTarget(id: number): Promise<void>;
  setFilter(filter: DeliveryListFilter): void;
  setMode(mode: 'deliveries' | 'attempts'): void;
  loadMore(): Promise<void>;
  select(id: number | null): void;
  emit(input: MethodInput<'emitEvent'>): Promise<Delivery[]>;
  sendTest(targetId: number, event?: string, payload?: Record<string, unknown>): Promise<Delivery[]>;
  resend(id: number): Promise<string | null>;
  resendAll(): Promise<string>;
  clearFinished(): Promise<string>;
  refreshCatalog(): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const PAGE = 100;

function query(filter: DeliveryListFilter): MethodInput<'listDeliveries'> {
  return {
    event: filter.event || undefined,
    status: filter.status || undefined,
    target: filter.target,
    state: filter.state,
    from: filter.from ? new Date(filter.from).toISOString() : undefined,
    to: filter.to ? new Date(filter.to).toISOString() : undefined,
    limit: PAGE,
  };
}

function skippedText(skipped: { id: number; reason: string }[]): string {
  return skipped.map((s) => `#${s.id}: ${s.reason}`).join('; ');
}

/**
 * The sender view's state: targets, the event catalog, the delivery list under a filter and the
 * selected delivery's timeline. `delivery.updated` pushes refresh the list and the open detail
 * (throttled: a burst of thousands of attempts becomes a few reloads).
 */
export function createSenderStore(client: HookbenchClient): StoreApi<SenderState> {
  return createStore<SenderState>()((set, get) => {
    const guard = async (work: () => Promise<void>) => {
      try {
        await work();
      } catch (e) {
        set({ error: message(e) });
      }
    };
    const loadTargets = () => guard(async () => set({ targets: (await client.call('listWebhookTargets', {})).items }));
    /** One page of the current view (deliveries or attempts), appended after `cursor` or replacing the list. */
    const loadPage = (cursor?: string) =>
      guard(async () => {
        const input = { ...query(get().filter), cursor };
        if (get().mode === 'attempts') {
          const { state: _state, ...filter } = input;
          const page = await client.call('listDeliveryLogs', filter);
          set({ attempts: cursor ? [...get().attempts, ...page.items] : page.items, nextCursor: page.nextCursor, error: null });
        } else {
          const page = await client.call('listDeliveries', input);
          set({ deliveries: cursor ? [...get().deliveries, ...page.items] : page.items, nextCursor: page.nextCursor, error: null });
        }
      });
    const loadList = () => loadPage();
    const loadDetail = () =>
      guard(async () => {
        const id = get().selectedId;
        if (id === null) return set({ detail: null });
        const detail = await client.call('getDelivery', { id });
        if (get().selectedId === id) set({ detail });
      });
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshSoon = () => {
      refreshTimer ??= setTimeout(() => {
        refreshTimer = null;
        void loadList();
        void loadDetail();
      }, 200);
    };

    return {
      targets: [],
      catalog: [],
      mode: 'deliveries',
      deliveries: [],
      attempts: [],
      nextCursor: null,
      filter: {},
      selectedId: null,
      detail: null,
      error: null,

      connect() {
        void loadTargets();
        void loadList();
        void get().refreshCatalog();
        const offEvent = client.onEvent((event) => {
          if (event.event === 'targets.changed') set({ targets: event.payload.items });
          if (event.event === 'delivery.updated' || event.event === 'deliveries.deleted') refreshSoon();
        });
        const offConnection = client.onConnection((state) => {
          if (state !== 'online') return;
          void loadTargets();
          refreshSoon();
        });
        return () => {
          offEvent();
          offConnection();
          if (refreshTimer) clearTimeout(refreshTimer);
          refreshTimer = null;
        };
      },

      async saveTarget(input) {
        const saved = await client.call('putWebhookConfig', input);
        await loadTargets();
        return saved;
      },

      async deleteTarget(id) {
        await client.call('deleteWebhookTarget', { id });
        await loadTargets();
        await loadList();
      },

      setFilter(filter) {
        set({ filter });
        void loadList();
      },

      setMode(mode) {
        set({ mode, nextCursor: null });
        void loadList();
      },

      async loadMore() {
        const cursor = get().nextCursor;
        if (cursor) await loadPage(cursor);
      },

      select(id) {
        set({ selectedId: id, detail: null });
        void loadDetail();
      },

      async emit(input) {
        const { deliveries } = await client.call('emitEvent', input);
        await loadList();
        return deliveries;
      },

      async sendTest(targetId, event, payload) {
        const { deliveries } = await client.call('sendTestEvent', { targetId, event, payload });
        await loadList();
        if (deliveries[0]) get().select(deliveries[0].id);
        return deliveries;
      },

      async resend(id) {
        const { skipped } = await client.call('resendFailedDelivery', { id });
        refreshSoon();
        return skipped.length ? skippedText(skipped) : null;
      },

      async resendAll() {
        const { resent, skipped } = await client.call('resendAllFailed', { target: get().filter.target });
        refreshSoon();
        return `${resent.length} re-sent${skipped.length ? `; skipped ${skippedText(skipped)}` : ''}`;
      },

      async clearFinished() {
        const { deleted } = await client.call('deleteDeliveries', { target: get().filter.target });
        if (get().detail && get().detail!.state !== 'pending') set({ selectedId: null, detail: null });
        refreshSoon();
        return `${deleted} deliver${deleted === 1 ? 'y' : 'ies'} cleared`;
      },

      async refreshCatalog() {
        await guard(async () => set({ catalog: (await client.call('getEventCatalog', {})).items }));
      },
    };
  });
}

export const SenderStore = storeContext<SenderState>('SenderStore');
