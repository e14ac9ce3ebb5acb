/**
 * Renderer commands the desktop shell can ask for (a `desktop.command` push event); the renderer
 * runs them from its CommandStore by the same ids as its palette and shortcuts.
 */
export const DESKTOP_COMMANDS = {
  newEndpoint: 'endpoints.new',
  palette: 'app.palette',
  inbox: 'view.inbox',
  sender: 'view.sender',
  schemas: 'view.schemas',
  tunnelStart: 'tunnel.start',
  tunnelStop: 'tunnel.stop',
  settings: 'app.settings',
} as const;
export type DesktopCommand = (typeof DESKTOP_COMMANDS)[keyof typeof DESKTOP_COMMANDS];
