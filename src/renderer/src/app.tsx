import { useEffect } from 'react';
import type { HookbenchClient } from './api/client';
import { CopyButton } from './components/copy-button';
import { RequestDetail } from './features/detail/request-detail';
import { FilterBar } from './features/filters/filter-bar';
import { InboxList } from './features/inbox/inbox-list';
import { useInbox } from './stores/inbox-store';

export function App({ client }: { client: HookbenchClient }) {
  const connect = useInbox((s) => s.connect);
  const info = useInbox((s) => s.info);
  const connection = useInbox((s) => s.connection);
  const count = useInbox((s) => s.items.length);
  const error = useInbox((s) => s.error);

  useEffect(() => connect(client), [client, connect]);

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
        <span className="spacer" />
        <span className={`connection connection-${connection}`} data-testid="connection">
          {connection === 'online' ? 'Live' : connection === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
      </header>
      {error && <div className="banner error">{error}</div>}
      <main className="split">
        <aside className="inbox">
          <div className="pane-title">
            Inbox <span className="muted">{count > 0 ? count : ''}</span>
          </div>
          <FilterBar />
          <InboxList />
        </aside>
        <section className="detail-pane">
          <RequestDetail />
        </section>
      </main>
    </div>
  );
}
