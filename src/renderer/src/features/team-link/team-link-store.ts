import { create } from 'zustand';
import type { PutTeamLinkInput, TeamLinkSettings, TeamLinkStatus, TeamLinkView } from '../../../../shared/team-link-schemas';
import type { HookbenchClient } from '../../api/client';

interface TeamLinkStoreState {
  settings: TeamLinkSettings | null;
  status: TeamLinkStatus | null;
  error: string | null;
  saving: boolean;
  /** Loads the link and follows its status pushes; returns the unsubscribe. */
  connect(client: HookbenchClient): () => void;
  save(input: PutTeamLinkInput): Promise<boolean>;
  remove(): Promise<void>;
  /** Shows the team server in this app's UI, or this app again, keeping the rest of the link as it is. */
  setBrowse(client: HookbenchClient, browse: boolean): Promise<boolean>;
}

/** Settings → Team server: this app's link to a team server, and its live status. */
export const useTeamLink = create<TeamLinkStoreState>()((set) => {
  let client: HookbenchClient | null = null;
  const apply = (view: TeamLinkView) => set({ settings: view.settings, status: view.status });
  const run = async (action: () => Promise<TeamLinkView>): Promise<boolean> => {
    set({ saving: true });
    try {
      apply(await action());
      set({ error: null });
      return true;
    } catch (e) {
      set({ error: (e as Error).message });
      return false;
    } finally {
      set({ saving: false });
    }
  };
  return {
    settings: null,
    status: null,
    error: null,
    saving: false,
    connect(c) {
      client = c;
      const load = () => void c.call('getTeamLink', {}).then(apply, (e: unknown) => set({ error: (e as Error).message }));
      load();
      const offEvent = c.onEvent((event) => event.event === 'teamlink.status' && set({ status: event.payload }));
      // Pushes missed while the channel was down: read the whole state again.
      const offConnection = c.onConnection((state) => state === 'online' && load());
      return () => {
        offEvent();
        offConnection();
      };
    },
    save: (input) => run(() => client!.call('putTeamLink', input)),
    remove: async () => void (await run(() => client!.call('deleteTeamLink', {}))),
    setBrowse: (c, browse) =>
      run(async () => {
        const { settings } = await c.call('getTeamLink', {});
        if (!settings) throw new Error('connect a team server first (Settings → Team server)');
        // The core then says `backend.changed`, and the page reloads against the other backend.
        return c.call('putTeamLink', { url: settings.url, forwardTo: settings.forwardTo, endpoint: settings.endpoint, enabled: settings.enabled, browse });
      }),
  };
});
