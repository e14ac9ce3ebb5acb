import { useEffect, useState } from 'react';
import type { HookbenchClient } from './api/client';
import { CopyButton } from './components/copy-button';
import { RequestDetail } from './features/detail/request-detail';
import { EndpointList } from './features/endpoints/endpoint-list';
import { FilterBar } from './features/filters/filter-bar';
import { BulkBar } from './features/inbox/bulk-bar';
import { InboxList } from './features/inbox/inbox-list';
import { ImportDialog } from './features/replay/import-dialog';
import { RetentionSettings } from './features/settings/retention-settings';
import { useEndpoints } from './stores/endpoints-store';
import { useInbox } from './stores/inbox-store';
import { useSends } from './stores/sends-store';
import { useTunnel } from './stores/tunnel-store';
import { TunnelStatusBar } from './features/tunnel/tunnel-status';
import { SenderView } from './features/sender/sender-view';
import { useSender } from './stores/sender-store';
import { AuditView } from './features/audit/audit-view';
import { TokensPanel } from './features/settings/tokens-panel';
import { TeamLinkPanel } from './features/team-link/team-link-panel';
import { RemoteBanner } from './features/team-link/remote-banner';
import { useCan } from './stores/use-can';
import { SchemasView } from './features/schemas/schemas-view';
import { useSchemas } from './features/schemas/schemas-store';

export function App({ client }: { client: HookbenchClient }) {
  const connect = useInbox((s) => s.connect);
  const info = useInbox((s) => s.info);
  const connection = useInbox((s) => s.connection);
  const count = useInbox((s) => s.items.length);
  const error = useInbox((s) => s.error);
  const connectEndpoints = useEndpoints((s) => s.connect);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [view, setView] = useState<'inbox' | 'sender' | 'schemas' | 'audit'>('inbox');
  const select = useInbox((s) => s.select);
  const canAudit = useCan('listAudit');
  const canManageTokens = useCan('listTokens');
  const connectSender = useSender((s) => s.connect);
  useEffect(() => connectSender(client), [client, connectSender]);
  const connectSchemas = useSchemas((s) => s.connect);
  useEffect(() => connectSchemas(client), [client, connectSchemas]);

  useEffect(() => connect(client), [client, connect]);
  const connectSends = useSends((s) => s.connect);
  const connectTunnel = useTunnel((s) => s.connect);
  useEffect(() => connectTunnel(client), [client, connectTunnel]);
  useEffect(() => connectEndpoints(client), [client, connectEndpoints]);
  useEffect(() => connectSends(client), [client, connectSends]);
  // Another backend (a team server browsed, or this app again): every store's data is stale, so start afresh.
  useEffect(() => client.onEvent((event) => event.event === 'backend.changed' && window.location.reload()), [client]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Hookbench</span>
        <nav className="tabs view-tabs">
          <button type="button" className={`tab${view === 'inbox' ? ' tab-on' : ''}`} data-testid="view-inbox" onClick={() => setView('inbox')}>
            Inbox
          </button>
          <button type="button" className={`tab${view === 'sender' ? ' tab-on' : ''}`} data-testid="view-sender" onClick={() => setView('sender')}>
            Sender
          </button>
          <button type="button" className={`tab${view === 'schemas' ? ' tab-on' : ''}`} data-testid="view-schemas" onClick={() => setView('schemas')}>
            Schemas
          </button>
          {canAudit && (
            <button type="button" className={`tab${view === 'audit' ? ' tab-on' : ''}`} data-testid="view-audit" onClick={() => setView('audit')}>
              Audit
            </button>
          )}
        </nav>
        {info && (
          <span className="receiver" data-testid="receiver-url">
            Receiving at <code>{info.receiverUrl}</code>
            <CopyButton text={info.receiverUrl} />
          </span>
        )}
        <TunnelStatusBar />
        {info?.mode === 'headless' && info.caller && (
          <span className="muted" data-testid="caller" title="the token this page uses, and its role">
            {info.caller.name} · {info.caller.role}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="copy-button" data-testid="open-import" onClick={() => setImportOpen(!importOpen)}>
          Import
        </button>
        <button type="button" className="copy-button" data-testid="open-settings" onClick={() => setSettingsOpen(!settingsOpen)}>
          Settings
        </button>
        <span className={`connection connection-${connection}`} data-testid="connection">
          {connection === 'online' ? 'Live' : connection === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
      </header>
      {info?.remote && <RemoteBanner client={client} remote={info.remote} caller={info.caller} />}
      {error && <div className="banner error">{error}</div>}
      {settingsOpen && (
        // Side by side and scrollable: stacked, the panels would squeeze the inbox below to nothing.
        <div className="settings-area" data-testid="settings-area">
          <RetentionSettings onClose={() => setSettingsOpen(false)} />
          {canManageTokens && <TokensPanel client={client} />}
          <TeamLinkPanel client={client} />
        </div>
      )}
      {importOpen && <ImportDialog onClose={() => setImportOpen(false)} />}
      {view === 'sender' && <SenderView />}
      {view === 'schemas' && (
        <SchemasView
          onOpenRequest={(id) => {
            setView('inbox');
            void select(id);
          }}
        />
      )}
      {view === 'audit' && canAudit && <AuditView client={client} />}
      <main className="split" hidden={view !== 'inbox'}>
        <EndpointList />
        <aside className="inbox">
          <div className="pane-title">
            Inbox <span className="muted" data-testid="inbox-count">{count > 0 ? count : ''}</span>
          </div>
          <FilterBar />
          <BulkBar />
          <InboxList />
        </aside>
        <section className="detail-pane">
          <RequestDetail />
        </section>
      </main>
    </div>
  );
}
