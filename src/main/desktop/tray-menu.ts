import type { MenuItemConstructorOptions } from 'electron';
import { APP_NAME } from '../core/paths';

export interface TrayActions {
  show(): void;
  startTunnel(): void;
  stopTunnel(): void;
  quit(): void;
}

/** The tray icon's menu: what a person needs while the window is hidden and the receiver runs on. */
export function buildTrayMenu(input: { unread: number; tunnelRunning: boolean; actions: TrayActions }): MenuItemConstructorOptions[] {
  const { actions } = input;
  const unread = input.unread === 0 ? 'No unread requests' : input.unread === 1 ? '1 unread request' : `${input.unread} unread requests`;
  return [
    { id: 'show', label: `Show ${APP_NAME}`, click: () => actions.show() },
    { id: 'unread', label: unread, enabled: false },
    { type: 'separator' },
    input.tunnelRunning
      ? { id: 'tunnel', label: 'Stop tunnel', click: () => actions.stopTunnel() }
      : { id: 'tunnel', label: 'Start tunnel', click: () => actions.startTunnel() },
    { type: 'separator' },
    { id: 'quit', label: `Quit ${APP_NAME}`, click: () => actions.quit() },
  ];
}

export function trayTooltip(unread: number): string {
  return unread > 0 ? `${APP_NAME}: ${unread} unread` : `${APP_NAME}: capturing`;
}
