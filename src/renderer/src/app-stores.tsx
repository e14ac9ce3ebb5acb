import type { ReactNode } from 'react';
import type { StoreApi } from 'zustand';
import type { HookbenchClient } from './api/client';
import { createTokensStore, TokensStore, type TokensState } from './features/settings/tokens-store';
import { AuditStore, createAuditStore, type AuditState } from './features/audit/audit-store';
import { createSchemasStore, SchemasStore, type SchemasState } from './features/schemas/schemas-store';
import { createSenderStore, SenderStore, type SenderState } from './features/sender/sender-store';
import { createRetentionStore, RetentionStore, type RetentionStoreState } from './features/settings/retention-store';
import { createTeamLinkStore, TeamLinkStore, type TeamLinkStoreState } from './features/team-link/team-link-store';
import { createEndpointsStore, EndpointsStore, type EndpointsState } from './stores/endpoints-store';
import { createTunnelStore, TunnelStore, type TunnelState } from './stores/tunnel-store';
import { CommandStore, createCommandStore, type CommandState } from './stores/command-store';
import { createSessionStore, SessionStore, type SessionState } from './stores/session-store';
import { createThemeStore, ThemeStore, type ThemeState } from './stores/theme-store';
import { createViewStore, ViewStore, type ViewState } from './shell/view-store';
import { createInboxStore, InboxStore, type InboxState } from './stores/inbox-store';
import { createDetailTabStore, DetailTabStore, type DetailTabState } from './stores/detail-tab-store';
import { createSendsStore, SendsStore, type SendsState } from './features/replay/sends-store';
import { createSignaturesStore, SignaturesStore, type SignaturesState } from './features/signatures/signatures-store';

/**
 * The renderer's composition root (see stores/store-context.tsx for the rules): every store is
 * made here, once, with the one client, and handed to the components through context. Add a
 * store as a field, a line in createAppStores, a Provider in AppStoresProvider and, if it follows
 * pushes, a line in connectAppStores.
 */
export interface AppStores {
  session: StoreApi<SessionState>;
  commands: StoreApi<CommandState>;
  theme: StoreApi<ThemeState>;
  view: StoreApi<ViewState>;
  tokens: StoreApi<TokensState>;
  endpoints: StoreApi<EndpointsState>;
  tunnel: StoreApi<TunnelState>;
  sender: StoreApi<SenderState>;
  schemas: StoreApi<SchemasState>;
  audit: StoreApi<AuditState>;
  teamLink: StoreApi<TeamLinkStoreState>;
  retention: StoreApi<RetentionStoreState>;
  inbox: StoreApi<InboxState>;
  detailTab: StoreApi<DetailTabState>;
  sends: StoreApi<SendsState>;
  signatures: StoreApi<SignaturesState>;
}

export function createAppStores(client: HookbenchClient): AppStores {
  const session = createSessionStore(client);
  return {
    session,
    commands: createCommandStore(client),
    theme: createThemeStore(),
    view: createViewStore(),
    tokens: createTokensStore(client),
    endpoints: createEndpointsStore(client),
    tunnel: createTunnelStore(client),
    sender: createSenderStore(client),
    schemas: createSchemasStore(client),
    audit: createAuditStore(client),
    teamLink: createTeamLinkStore(client),
    retention: createRetentionStore(client),
    inbox: createInboxStore(client),
    detailTab: createDetailTabStore(),
    sends: createSendsStore(client),
    signatures: createSignaturesStore(client),
  };
}

/** Starts every store's push subscriptions; returns what stops them all. */
export function connectAppStores(stores: AppStores): () => void {
  const stops: Array<() => void> = [stores.session.getState().connect(), stores.theme.getState().connect(), stores.commands.getState().connect()];
  stops.push(
    stores.endpoints.getState().connect(),
    stores.tunnel.getState().connect(),
    stores.sender.getState().connect(),
    stores.schemas.getState().connect(),
    stores.teamLink.getState().connect(),
    stores.inbox.getState().connect(),
    stores.sends.getState().connect(),
  );
  return () => stops.forEach((stop) => stop());
}

export function AppStoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return (
    <SessionStore.Provider store={stores.session}>
      <CommandStore.Provider store={stores.commands}>
        <ThemeStore.Provider store={stores.theme}>
          <ViewStore.Provider store={stores.view}>
            <TokensStore.Provider store={stores.tokens}>
              <FeatureStoresProvider stores={stores}>{children}</FeatureStoresProvider>
            </TokensStore.Provider>
          </ViewStore.Provider>
        </ThemeStore.Provider>
      </CommandStore.Provider>
    </SessionStore.Provider>
  );
}

/** The endpoints, tunnel, sender, schemas, audit, team-link and retention stores (one nesting, kept apart from the shell's). */
function FeatureStoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return (
    <EndpointsStore.Provider store={stores.endpoints}>
      <TunnelStore.Provider store={stores.tunnel}>
        <SenderStore.Provider store={stores.sender}>
          <SchemasStore.Provider store={stores.schemas}>
            <AuditStore.Provider store={stores.audit}>
              <TeamLinkStore.Provider store={stores.teamLink}>
                <RetentionStore.Provider store={stores.retention}>
                  <InboxStoresProvider stores={stores}>{children}</InboxStoresProvider>
                </RetentionStore.Provider>
              </TeamLinkStore.Provider>
            </AuditStore.Provider>
          </SchemasStore.Provider>
        </SenderStore.Provider>
      </TunnelStore.Provider>
    </EndpointsStore.Provider>
  );
}

/** The inbox, detail tab, sends and signature stores. */
function InboxStoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return (
    <InboxStore.Provider store={stores.inbox}>
      <DetailTabStore.Provider store={stores.detailTab}>
        <SendsStore.Provider store={stores.sends}>
          <SignaturesStore.Provider store={stores.signatures}>{children}</SignaturesStore.Provider>
        </SendsStore.Provider>
      </DetailTabStore.Provider>
    </InboxStore.Provider>
  );
}
