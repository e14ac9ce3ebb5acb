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
 * store as a field, a line in createAppStores, a bind() line in AppStoresProvider and, if it follows
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

/** One store bound to its context: what AppStoresProvider nests. */
function bind<S>(context: { Provider: (props: { store: StoreApi<S>; children: ReactNode }) => ReactNode }, store: StoreApi<S>) {
  return (children: ReactNode): ReactNode => <context.Provider store={store}>{children}</context.Provider>;
}

export function AppStoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  const providers = [
    bind(SessionStore, stores.session),
    bind(CommandStore, stores.commands),
    bind(ThemeStore, stores.theme),
    bind(ViewStore, stores.view),
    bind(TokensStore, stores.tokens),
    bind(EndpointsStore, stores.endpoints),
    bind(TunnelStore, stores.tunnel),
    bind(SenderStore, stores.sender),
    bind(SchemasStore, stores.schemas),
    bind(AuditStore, stores.audit),
    bind(TeamLinkStore, stores.teamLink),
    bind(RetentionStore, stores.retention),
    bind(InboxStore, stores.inbox),
    bind(DetailTabStore, stores.detailTab),
    bind(SendsStore, stores.sends),
    bind(SignaturesStore, stores.signatures),
  ];
  // The first listed is the outermost; order does not matter to the stores (none reads another's context).
  return <>{providers.reduceRight<ReactNode>((inner, provide) => provide(inner), children)}</>;
}
