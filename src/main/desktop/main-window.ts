import { BrowserWindow, type Rectangle } from 'electron';
import { windowTitle } from './unread-counter';

export interface MainWindowOptions {
  preloadPath: string;
  bounds: Rectangle;
  maximized: boolean;
  url: string;
  unread: number;
}

/**
 * The one hardened window. webPreferences are written out here as a literal (not built elsewhere)
 * so electronegativity and test/unit/desktop/hardening.test.ts can read them at the construction
 * site; they must match hardening.ts's REQUIRED_WEB_PREFERENCES.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...options.bounds,
    minWidth: 720,
    minHeight: 480,
    title: windowTitle(options.unread),
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A middle click opens nothing either (window.open and navigation are denied anyway).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  // The title carries the unread count; the page's own <title> must not overwrite it.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    if (options.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(options.url);
  return win;
}
