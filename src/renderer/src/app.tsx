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

export function App({ client }: { client: HookbenchClient }) {
  const connect = useInbox((s) => s.connect);
  const info = useInbox((s) => s.info);
  const connection = useInbox((s) => s.connection);
  const count = useInbox((s) => s.items.length);
  const error = useInbox((s) => s.error);
  const connectEndpoints = useEndpoints((s) => s.connect);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  useEffect(() => connect(client), [client, connect]);
  const connectSends = useSends((s) => s.connect);
  const connectTunnel = useTunnel((s) => s.connect);
  useEffect(() => connectTunnel(client), [client, connectTunnel]);
  useEffect(() => connectEndpoints(client), [client, connectEndpoints]);
  useEffect(() => connectSends(client), [client, connectSends]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Hookbench</span>
        {info && (
          <span className="receiver" data-testid="receiver-url">
            Receiving at <code>{info.receiverUrl}</code>
            <CopyButton text={info.receiverUrl} />
          </span>
        )}
        <TunnelStatusBar />
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
      {error && <div className="banner error">{error}</div>}
      {settingsOpen && <RetentionSettings onClose={() => setSettingsOpen(false)} />}
      {importOpen && <ImportDialog onClose={() => setImportOpen(false)} />}
      <main className="split">
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
