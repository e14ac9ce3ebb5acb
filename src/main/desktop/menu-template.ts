import type { MenuItemConstructorOptions } from 'electron';
import { APP_NAME } from '../core/paths';
import { DESKTOP_COMMANDS, type DesktopCommand } from './desktop-commands';
import { DEFAULT_INBOX_KEY, type DesktopPrefs, type NotifyKind } from './desktop-prefs';

export interface MenuActions {
  command(id: DesktopCommand): void;
  importHar(): void;
  setNotify(endpointKey: string, kind: NotifyKind, on: boolean): void;
  setNotifyDeliveryFailures(on: boolean): void;
  setKeepInTray(on: boolean): void;
}

export interface MenuInput {
  platform: NodeJS.Platform;
  /** Reload and DevTools only while developing: in a release they are a way around the UI. */
  isDev: boolean;
  endpoints: readonly { slug: string; name: string }[];
  prefs: DesktopPrefs;
  tunnelRunning: boolean;
  actions: MenuActions;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** Whether the menus offer Stop (it is up or trying to be) or Start (offline, or failed after its last retry). */
export function isTunnelRunning(state: string): boolean {
  return state === 'connecting' || state === 'online' || state === 'reconnecting';
}

/**
 * The application menu: the platform's usual roles, and the app's own commands with accelerators.
 * Items that act in the UI send a renderer command; the rest (import, preferences of the shell)
 * run in the main process. Rebuilt whenever endpoints, preferences or the tunnel's state change.
 */
export function buildAppMenu(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const { actions } = input;
  const run = (id: DesktopCommand) => () => actions.command(id);
  const preferences: MenuItemConstructorOptions = { id: 'preferences', label: mac ? 'Settings…' : 'Preferences…', accelerator: 'CmdOrCtrl+,', click: run(DESKTOP_COMMANDS.settings) };
  const tunnel: MenuItemConstructorOptions = input.tunnelRunning
    ? { id: 'tunnel', label: 'Stop tunnel', click: run(DESKTOP_COMMANDS.tunnelStop) }
    : { id: 'tunnel', label: 'Start tunnel', click: run(DESKTOP_COMMANDS.tunnelStart) };

  const appMenu: MenuItemConstructorOptions = {
    label: APP_NAME,
    submenu: [{ role: 'about' }, separator, preferences, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { id: 'endpoint.new', label: 'New endpoint', accelerator: 'CmdOrCtrl+N', click: run(DESKTOP_COMMANDS.newEndpoint) },
      { id: 'import-har', label: 'Import HAR…', accelerator: 'CmdOrCtrl+O', click: () => actions.importHar() },
      separator,
      tunnel,
      separator,
      notificationsMenu(input),
      {
        id: 'keep-in-tray',
        label: 'Keep running in the tray when the window is closed',
        type: 'checkbox',
        checked: input.prefs.keepInTray,
        click: (item) => actions.setKeepInTray(item.checked),
      },
      ...(mac ? [] : [separator, preferences]),
      separator,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { id: 'palette.open', label: 'Command palette…', accelerator: 'CmdOrCtrl+K', click: run(DESKTOP_COMMANDS.palette) },
      separator,
      { id: 'view.inbox', label: 'Inbox', accelerator: 'CmdOrCtrl+1', click: run(DESKTOP_COMMANDS.inbox) },
      { id: 'view.sender', label: 'Sender', accelerator: 'CmdOrCtrl+2', click: run(DESKTOP_COMMANDS.sender) },
      { id: 'view.schemas', label: 'Schemas', accelerator: 'CmdOrCtrl+3', click: run(DESKTOP_COMMANDS.schemas) },
      separator,
      ...(input.isDev ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    role: 'window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ id: 'help.palette', label: 'All commands and shortcuts…', click: run(DESKTOP_COMMANDS.palette) }, ...(mac ? [] : [{ role: 'about' } as const])] };
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help];
}

/** One submenu per endpoint (and the default inbox) with its two checkboxes, then Sender deliveries. */
function notificationsMenu({ endpoints, prefs, actions }: MenuInput): MenuItemConstructorOptions {
  const keys = [{ key: DEFAULT_INBOX_KEY, label: 'Default inbox' }, ...endpoints.map((e) => ({ key: e.slug, label: e.name && e.name !== e.slug ? `/${e.slug} (${e.name})` : `/${e.slug}` }))];
  const checkbox = (key: string, kind: NotifyKind, label: string): MenuItemConstructorOptions => ({
    id: `notify:${key}:${kind}`,
    label,
    type: 'checkbox',
    checked: (prefs.endpoints[key] ?? { captures: false, failures: false })[kind],
    click: (item) => actions.setNotify(key, kind, item.checked),
  });
  return {
    id: 'notifications',
    label: 'Notifications',
    submenu: [
      ...keys.map(({ key, label }) => ({
        id: `notify:${key}`,
        label,
        submenu: [checkbox(key, 'captures', 'New requests'), checkbox(key, 'failures', 'Failed forwards')],
      })),
      separator,
      {
        id: 'notify:deliveries',
        label: 'Failed deliveries (Sender)',
        type: 'checkbox',
        checked: prefs.notifyDeliveryFailures,
        click: (item) => actions.setNotifyDeliveryFailures(item.checked),
      },
    ],
  };
}
