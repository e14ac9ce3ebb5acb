import type { StoreApi } from 'zustand';

type BooleanKey<S> = { [K in keyof S]: S[K] extends boolean ? K : never }[keyof S];

/**
 * How a store runs an action a view waits on: `busy` is set while it runs (buttons disable), a
 * failure lands in the store's `error` (the view shows it; nothing throws into React), success
 * clears it. The work may return false for "done nothing" (a confirmation still pending).
 */
export function actionRunner<S extends { error: string | null }>(set: StoreApi<S>['setState'], busy: BooleanKey<S>) {
  const patch = (value: Partial<S>) => set(value);
  return async (work: () => Promise<boolean | void>): Promise<boolean> => {
    patch({ [busy]: true } as Partial<S>);
    try {
      const done = await work();
      patch({ error: null } as Partial<S>);
      return done !== false;
    } catch (e) {
      patch({ error: e instanceof Error ? e.message : String(e) } as Partial<S>);
      return false;
    } finally {
      patch({ [busy]: false } as Partial<S>);
    }
  };
}
