import { useCan } from '../stores/use-can';
import { ViewStore, type View } from './view-store';

const TABS: ReadonlyArray<{ view: View; label: string; key: string }> = [
  { view: 'inbox', label: 'Inbox', key: 'Alt+1' },
  { view: 'sender', label: 'Sender', key: 'Alt+2' },
  { view: 'schemas', label: 'Schemas', key: 'Alt+3' },
  { view: 'audit', label: 'Audit', key: 'Alt+4' },
];

/** The main views; Audit only for those allowed to read it. */
export function ViewTabs() {
  const view = ViewStore.use((s) => s.view);
  const setView = ViewStore.use((s) => s.setView);
  const canAudit = useCan('listAudit');
  return (
    <nav className="tabs view-tabs" aria-label="Views">
      {TABS.filter((tab) => tab.view !== 'audit' || canAudit).map((tab) => (
        <button
          key={tab.view}
          type="button"
          className={`tab${view === tab.view ? ' tab-on' : ''}`}
          aria-current={view === tab.view ? 'page' : undefined}
          data-testid={`view-${tab.view}`}
          title={`${tab.label} (${tab.key})`}
          onClick={() => setView(tab.view)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
