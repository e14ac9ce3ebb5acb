import { useCallback, useState } from 'react';
import { ImportDialog } from './features/replay/import-dialog';
import { InboxStore } from './stores/inbox-store';
import { SenderView } from './features/sender/sender-view';
import { AuditView } from './features/audit/audit-view';
import { RemoteBanner } from './features/team-link/remote-banner';
import { useCan } from './stores/use-can';
import { SchemasView } from './features/schemas/schemas-view';
import { CommandPalette } from './shell/command-palette';
import { ConnectionBanner } from './shell/connection-banner';
import { InboxLayout } from './shell/inbox-layout';
import { SettingsArea } from './shell/settings-area';
import { ShortcutList } from './shell/shortcut-list';
import { TopBar } from './shell/top-bar';
import { useGlobalKeys } from './shell/use-global-keys';
import { useShellCommands } from './shell/use-shell-commands';
import { ViewStore } from './shell/view-store';
import { SessionStore } from './stores/session-store';

/**
 * The app shell: the top bar, banners, the open view and the overlays. Features meet here and in
 * src/renderer/src/shell/ (composed through props and slots), never by importing each other.
 */
export function App() {
  const info = SessionStore.use((s) => s.info);
  const error = InboxStore.use((s) => s.error);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [overlay, setOverlay] = useState<'palette' | 'shortcuts' | null>(null);
  const chosenView = ViewStore.use((s) => s.view);
  const setView = ViewStore.use((s) => s.setView);
  const select = InboxStore.use((s) => s.select);
  const canAudit = useCan('listAudit');
  // A link or reload with view=audit, for someone who may not read it: the inbox instead.
  const view = chosenView === 'audit' && !canAudit ? 'inbox' : chosenView;

  const toggleSettings = useCallback(() => setSettingsOpen((open) => !open), []);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const toggleImport = useCallback(() => setImportOpen((open) => !open), []);
  const openPalette = useCallback(() => setOverlay((open) => (open === 'palette' ? null : 'palette')), []);
  const openShortcuts = useCallback(() => setOverlay('shortcuts'), []);
  const closeOverlay = useCallback(() => setOverlay(null), []);
  useShellCommands({ toggleSettings, toggleImport, openPalette, openShortcuts });
  useGlobalKeys();

  return (
    <div className="app">
      <TopBar onToggleImport={toggleImport} onToggleSettings={toggleSettings} onOpenPalette={openPalette} />
      <ConnectionBanner />
      {info?.remote && <RemoteBanner remote={info.remote} caller={info.caller} />}
      {error && <div className="banner error">{error}</div>}
      {settingsOpen && <SettingsArea onClose={closeSettings} />}
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
      {view === 'audit' && canAudit && <AuditView />}
      <InboxLayout hidden={view !== 'inbox'} />
      {overlay === 'palette' && <CommandPalette onClose={closeOverlay} />}
      {overlay === 'shortcuts' && <ShortcutList onClose={closeOverlay} />}
    </div>
  );
}
