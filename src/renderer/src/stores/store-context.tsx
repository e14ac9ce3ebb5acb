import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';

/**
 * How the renderer holds state (issue 16's house rules):
 * - every store is made by a factory `createXStore(client, …deps)` called once, in the composition
 *   root (`app-stores.tsx`), with the one client `createClient()` built: Electron IPC, or HTTP +
 *   WebSocket to this server or a browsed team server: the same interface, the same path;
 * - a store owns its data and the calls that change it, and never writes into another store (what
 *   it needs from another comes in as a constructor argument, read-only);
 * - components reach a store through the hook made here, from React context: no module-level
 *   singletons, so tests make as many independent stores as they like;
 * - no module-level mutable state: timers, generations and anchors live inside the factory.
 *
 * A store that subscribes to pushes exposes `connect(): () => void`; the composition root calls it.
 */
export function storeContext<S>(name: string): {
  Provider: (props: { store: StoreApi<S>; children: ReactNode }) => ReactNode;
  /** The store itself, for actions called outside render (event handlers, the command palette). */
  useApi(): StoreApi<S>;
  /** A selected slice of the state; re-renders when it changes. */
  use<T>(selector: (state: S) => T): T;
} {
  const Context = createContext<StoreApi<S> | null>(null);
  Context.displayName = name;
  const useApi = (): StoreApi<S> => {
    const store = useContext(Context);
    if (!store) throw new Error(`${name} is not provided: create it in app-stores.tsx`);
    return store;
  };
  return {
    Provider: ({ store, children }) => <Context.Provider value={store}>{children}</Context.Provider>,
    useApi,
    use: <T,>(selector: (state: S) => T): T => useStore(useApi(), selector),
  };
}
