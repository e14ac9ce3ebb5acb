import { createStore, type StoreApi } from 'zustand';
import type { RetentionState as StoredRetention } from '../../../../shared/contract';
import type { Retention } from '../../../../shared/endpoint-schemas';
import type { HookbenchClient } from '../../api/client';
import { actionRunner } from '../../stores/store-action';
import { storeContext } from '../../stores/store-context';

/**
 * Settings → Retention. Limits that would delete stored requests are never saved straight away:
 * `review` asks the server how many would go, the panel shows that number, and only `confirm`
 * saves. Limits that delete nothing are saved at once.
 */
export interface RetentionStoreState {
  current: StoredRetention | null;
  /** Limits waiting for confirmation, with how many requests they would delete now. */
  pending: { retention: Retention; wouldDelete: number } | null;
  busy: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Resolves true when saved (nothing to delete), false when it waits for confirmation or failed. */
  review(retention: Retention): Promise<boolean>;
  confirm(): Promise<boolean>;
  cancel(): void;
}

export function createRetentionStore(client: HookbenchClient): StoreApi<RetentionStoreState> {
  return createStore<RetentionStoreState>()((set, get) => {
    const attempt = actionRunner<RetentionStoreState>(set, 'busy');
    const save = async (retention: Retention) => {
      set({ current: await client.call('putRetention', retention), pending: null });
      return true;
    };
    return {
      current: null,
      pending: null,
      busy: false,
      error: null,
      load: async () => void (await attempt(async () => (set({ current: await client.call('getRetention', {}) }), true))),
      review: (retention) =>
        attempt(async () => {
          const { wouldDelete } = await client.call('previewRetention', retention);
          if (wouldDelete === 0) return save(retention);
          set({ pending: { retention, wouldDelete } });
          return false;
        }),
      confirm: () =>
        attempt(async () => {
          const pending = get().pending;
          return pending ? save(pending.retention) : false;
        }),
      cancel: () => set({ pending: null, error: null }),
    };
  });
}

export const RetentionStore = storeContext<RetentionStoreState>('RetentionStore');
