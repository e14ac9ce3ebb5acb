import { ipcChannel, type PushEvent } from '../../shared/contract';
import type { PushTarget } from '../transport/ipc';
import type { DesktopCommand } from './desktop-commands';

/**
 * Asks our window's renderer to run a command (a menu item, a notification click): a
 * `desktop.command` push event on the bridge's one event channel, sent to this window only (the
 * core's bus would also reach browsers of the headless server) and only while it shows our UI.
 */
export function pushDesktopCommand(target: PushTarget, command: DesktopCommand, isTrustedUrl: (url: string) => boolean): boolean {
  if (target.isDestroyed() || !isTrustedUrl(target.getURL())) return false;
  const event: PushEvent = { event: 'desktop.command', payload: { command } };
  target.send(ipcChannel.events, event);
  return true;
}
