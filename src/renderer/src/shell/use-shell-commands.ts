import { useMemo } from 'react';
import { useCommands, type Command } from '../stores/command-store';
import { ThemeStore, type ThemePreference } from '../stores/theme-store';
import { useCan } from '../stores/use-can';
import { ViewStore, type View } from './view-store';

export interface ShellActions {
  toggleSettings(): void;
  toggleImport(): void;
  openPalette(): void;
  openShortcuts(): void;
}

const VIEW_COMMANDS: ReadonlyArray<{ view: View; title: string; key: string }> = [
  { view: 'inbox', title: 'Switch to Inbox', key: 'Alt+1' },
  { view: 'sender', title: 'Switch to Sender', key: 'Alt+2' },
  { view: 'schemas', title: 'Switch to Schemas', key: 'Alt+3' },
  { view: 'audit', title: 'Switch to Audit', key: 'Alt+4' },
];

const THEMES: ReadonlyArray<{ preference: ThemePreference; title: string }> = [
  { preference: 'system', title: 'Theme: follow the system' },
  { preference: 'light', title: 'Theme: light' },
  { preference: 'dark', title: 'Theme: dark' },
];

/**
 * The shell's own commands. Views on Alt+1…4 (Ctrl/Cmd+digit belongs to the browser's tabs), the
 * palette on Ctrl/Cmd+K, the shortcut list on `?`, Settings on Ctrl/Cmd+, as in most desktop apps.
 */
export function useShellCommands(actions: ShellActions): void {
  const setView = ViewStore.use((s) => s.setView);
  const setPreference = ThemeStore.use((s) => s.setPreference);
  const preference = ThemeStore.use((s) => s.preference);
  const canAudit = useCan('listAudit');
  const { toggleSettings, toggleImport, openPalette, openShortcuts } = actions;
  const commands = useMemo<Command[]>(
    () => [
      ...VIEW_COMMANDS.map(({ view, title, key }) => ({
        id: `view.${view}`,
        title,
        group: 'View',
        shortcut: key,
        enabled: view !== 'audit' || canAudit,
        run: () => setView(view),
      })),
      ...THEMES.map(({ preference: p, title }) => ({
        id: `theme.${p}`,
        title,
        group: 'Theme',
        enabled: p !== preference,
        run: () => setPreference(p),
      })),
      { id: 'app.palette', title: 'Command palette', group: 'App', shortcut: 'Mod+k', run: openPalette },
      { id: 'app.shortcuts', title: 'Keyboard shortcuts', group: 'App', shortcut: '?', run: openShortcuts },
      { id: 'app.settings', title: 'Open Settings', group: 'App', shortcut: 'Mod+,', run: toggleSettings },
      { id: 'app.import', title: 'Open Import (HAR, curl)', group: 'App', run: toggleImport },
      // The URL keeps the view, filters and selection, so a reload comes back to the same place, fresh.
      { id: 'app.reload', title: 'Reload data', group: 'App', run: () => window.location.reload() },
    ],
    [canAudit, preference, setView, setPreference, toggleSettings, toggleImport, openPalette, openShortcuts],
  );
  useCommands(commands);
}
