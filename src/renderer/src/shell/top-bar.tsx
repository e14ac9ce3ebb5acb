import { CopyButton } from '../components/copy-button';
import { TunnelStatusBar } from '../features/tunnel/tunnel-status';
import { SessionStore } from '../stores/session-store';
import { ConnectionStatus } from './connection-status';
import { KbdKeys } from './kbd-keys';
import { ThemePicker } from './theme-picker';
import { ViewTabs } from './view-tabs';
import './shell.css';

/**
 * The top bar. At 1000 px it wraps into a second row rather than overflowing, and long values
 * (the receiver URL) are cut with the whole value in a tooltip, so every control stays reachable.
 */
export function TopBar({ onToggleImport, onToggleSettings, onOpenPalette }: { onToggleImport(): void; onToggleSettings(): void; onOpenPalette(): void }) {
  const info = SessionStore.use((s) => s.info);
  return (
    <header className="topbar">
      <span className="brand">Hookbench</span>
      <ViewTabs />
      {info && (
        <span className="receiver" data-testid="receiver-url">
          <span className="receiver-label">Receiving at</span>
          <code title={info.receiverUrl}>{info.receiverUrl}</code>
          <CopyButton text={info.receiverUrl} />
        </span>
      )}
      <TunnelStatusBar />
      {info?.mode === 'headless' && info.caller && (
        <span className="muted caller" data-testid="caller" title="the token this page uses, and its role">
          {info.caller.name} · {info.caller.role}
        </span>
      )}
      <span className="spacer" />
      <span className="topbar-actions">
        <button type="button" className="copy-button" data-testid="open-palette" title="Command palette: every action, by name" onClick={onOpenPalette}>
          <KbdKeys shortcut="Mod+k" />
        </button>
        <button type="button" className="copy-button" data-testid="open-import" onClick={onToggleImport}>
          Import
        </button>
        <button type="button" className="copy-button" data-testid="open-settings" onClick={onToggleSettings}>
          Settings
        </button>
        <ThemePicker />
        <ConnectionStatus />
      </span>
    </header>
  );
}
