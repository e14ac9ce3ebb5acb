import { createStore, type StoreApi } from 'zustand';
import type { CreatedToken, TokenInfo } from '../../../../shared/access-schemas';
import type { Role } from '../../../../shared/roles';
import type { HookbenchClient } from '../../api/client';
import { storeContext } from '../../stores/store-context';

export interface TokensState {
  items: TokenInfo[];
  /** The token just created: shown once, dropped when the panel closes or another is made. */
  created: CreatedToken | null;
  error: string | null;
  load(): Promise<void>;
  create(name: string, role: Role): Promise<void>;
  revoke(name: string): Promise<void>;
  forgetCreated(): void;
}

/** Named API tokens (admins only): list, create (the token shown once), revoke. */
export function createTokensStore(client: HookbenchClient): StoreApi<TokensState> {
  return createStore<TokensState>()((set) => {
    const run = async (action: () => Promise<void>) => {
      try {
        await action();
        set({ error: null });
      } catch (e) {
        set({ error: (e as Error).message });
      }
    };
    const reload = async () => set({ items: (await client.call('listTokens', {})).items });
    return {
      items: [],
      created: null,
      error: null,
      load: () => run(reload),
      create: (name, role) =>
        run(async () => {
          set({ created: await client.call('createToken', { name, role }) });
          await reload();
        }),
      revoke: (name) =>
        run(async () => {
          await client.call('revokeToken', { name });
          // A token revoked right after it was made is no use to copy any more.
          set((s) => (s.created?.name === name ? { created: null } : {}));
          await reload();
        }),
      forgetCreated: () => set({ created: null }),
    };
  });
}

export const TokensStore = storeContext<TokensState>('TokensStore');
