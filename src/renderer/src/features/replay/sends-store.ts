import { createStore, type StoreApi } from 'zustand';
import type { MethodInput, ReplayResult } from '../../../../shared/contract';
import type { SendRecord } from '../../../../shared/send-schemas';
import type { HookbenchClient } from '../../api/client';
import { storeContext } from '../../stores/store-context';

/** Why Edit & replay was opened instead of sending: R or Replay on a request whose endpoint has no forward target. */
export interface ReplayNotice {
  requestId: number;
  text: string;
  /** Bumped on every such attempt, so the editor focuses its URL field again each time. */
  seq: number;
}

export interface SendsState {
  /** The selected request's forward and replays, newest first. */
  requestId: number | null;
  items: SendRecord[];
  error: string | null;
  notice: ReplayNotice | null;
  /** Follows `request.sent` for the request shown; returns the unsubscribe. */
  connect(): () => void;
  load(requestId: number): Promise<void>;
  replay(requestId: number, edits?: Omit<MethodInput<'replayRequest'>, 'id'>): Promise<ReplayResult>;
  /** Says (in Edit & replay) that there is nowhere to send `requestId` yet. */
  noTarget(requestId: number): void;
  dismissNotice(): void;
  /** A replay started by a key or the palette failed: the Sends tab says why. */
  fail(error: unknown): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const NO_TARGET_TEXT = 'No forward target for this endpoint: set one on the endpoint, or enter a URL here.';

/** Forwards and replays of the selected request, refreshed when a send for it finishes. */
export function createSendsStore(client: HookbenchClient): StoreApi<SendsState> {
  return createStore<SendsState>()((set, get) => ({
    requestId: null,
    items: [],
    error: null,
    notice: null,

    connect() {
      return client.onEvent((event) => {
        if (event.event === 'request.sent' && event.payload.requestId === get().requestId) void get().load(event.payload.requestId);
      });
    },

    async load(requestId) {
      if (get().requestId !== requestId) set({ requestId, items: [], error: null });
      try {
        const page = await client.call('listRequestSends', { id: requestId });
        if (get().requestId === requestId) set({ items: page.items, error: null });
      } catch (e) {
        if (get().requestId === requestId) set({ error: message(e) });
      }
    },

    async replay(requestId, edits = {}) {
      const result = await client.call('replayRequest', { id: requestId, ...edits });
      if (get().requestId === requestId) await get().load(requestId);
      return result;
    },

    noTarget: (requestId) => set((s) => ({ notice: { requestId, text: NO_TARGET_TEXT, seq: (s.notice?.seq ?? 0) + 1 } })),
    dismissNotice: () => set({ notice: null }),
    fail: (error) => set({ error: message(error) }),
  }));
}

export const SendsStore = storeContext<SendsState>('SendsStore');
