import { create } from 'zustand';
import type { CreatedToken, TokenInfo } from '../../../../shared/access-schemas';
import type { Role } from '../../../../shared/roles';
import type { HookbenchClient } from '../../api/client';

interface TokensState {
  items: TokenInfo[];
  /** The token just created: shown once, dropped when the panel closes or another is made. */
  created: CreatedToken | null;
  error: string | null;
  load(client: HookbenchClient): Promise<void>;
  create(client: HookbenchClient, name: string, role: Role): Promise<void>;
  revoke(client: HookbenchClient, name: string): Promise<void>;
  forgetCreated(): void;
}

/** Named API tokens (admins only): list, create (the token shown once), revoke. */
export const useTokens = create<TokensState>()((set) => {
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      set({ error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  };
  const reload = async (client: HookbenchClient) => set({ items: (await client.call('listTokens', {})).items });
  return {
    items: [],
    created: null,
    error: null,
    load: (client) => run(() => reload(client)),
    create: (client, name, role) =>
      run(async () => {
        set({ created: await client.call('createToken', { name, role }) });
        await reload(client);
      }),
    revoke: (client, name) =>
      run(async () => {
        await client.call('revokeToken', { name });
        // A token revoked right after it was made is no use to copy any more.
        set((s) => (s.created?.name === name ? { created: null } : {}));
        await reload(client);
      }),
    forgetCreated: () => set({ created: null }),
  };
});
