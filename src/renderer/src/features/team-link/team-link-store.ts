import { createStore, type StoreApi } from 'zustand';
import type { PutTeamLinkInput, TeamLinkSettings, TeamLinkStatus, TeamLinkView } from '../../../../shared/team-link-schemas';
import type { HookbenchClient } from '../../api/client';
import { actionRunner } from '../../stores/store-action';
import { storeContext } from '../../stores/store-context';

export interface TeamLinkStoreState {
  settings: TeamLinkSettings | null;
  status: TeamLinkStatus | null;
  error: string | null;
  saving: boolean;
  /** Loads the link and follows its status pushes; returns the unsubscribe. */
  connect(): () => void;
  save(input: PutTeamLinkInput): Promise<boolean>;
  remove(): Promise<void>;
  /** Shows the team server in this app's UI, or this app again, keeping the rest of the link as it is. */
  setBrowse(browse: boolean): Promise<boolean>;
}

/** Settings → Team server: this app's link to a team server, and its live status. */
export function createTeamLinkStore(client: HookbenchClient): StoreApi<TeamLinkStoreState> {
  return createStore<TeamLinkStoreState>()((set) => {
    const apply = (view: TeamLinkView) => set({ settings: view.settings, status: view.status });
    const attempt = actionRunner<TeamLinkStoreState>(set, 'saving');
    const run = (action: () => Promise<TeamLinkView>) => attempt(async () => apply(await action()));
    return {
      settings: null,
      status: null,
      error: null,
      saving: false,
      connect() {
        const load = () => void client.call('getTeamLink', {}).then(apply, (e: unknown) => set({ error: (e as Error).message }));
        load();
        const offEvent = client.onEvent((event) => event.event === 'teamlink.status' && set({ status: event.payload }));
        // Pushes missed while the channel was down: read the whole state again.
        const offConnection = client.onConnection((state) => state === 'online' && load());
        return () => {
          offEvent();
          offConnection();
        };
      },
      save: (input) => run(() => client.call('putTeamLink', input)),
      remove: async () => void (await run(() => client.call('deleteTeamLink', {}))),
      setBrowse: (browse) =>
        run(async () => {
          const { settings } = await client.call('getTeamLink', {});
          if (!settings) throw new Error('connect a team server first (Settings → Team server)');
          // The core then says `backend.changed`, and the page reloads against the other backend.
          return client.call('putTeamLink', { url: settings.url, forwardTo: settings.forwardTo, endpoint: settings.endpoint, enabled: settings.enabled, browse });
        }),
    };
  });
}

export const TeamLinkStore = storeContext<TeamLinkStoreState>('TeamLinkStore');
