import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, session, shell, webContents } from 'electron';
import { Core } from './core/core';
import { APP_NAME, defaultDataDir } from './core/paths';
import { electronSqliteBinding } from './electron-sqlite';
import { registerIpc } from './transport/ipc';
import { SECURITY_HEADERS } from './transport/security-headers';
import { keychainSecretBox } from './safe-storage-box';

/**
 * Electron entry: one hardened window over the same core the headless server runs.
 * The UI is served from a private `app://hookbench/` scheme (not file://) so it has a real origin
 * for the CSP and for the IPC sender check, and workers (Monaco) load like on the web.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const APP_ORIGIN = 'app://hookbench';
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.setName(APP_NAME);
// Same folder as `hookbench serve` uses by default, so both modes share history.
app.setPath('userData', defaultDataDir());

let core: Core | null = null;

function isTrustedUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl));
}

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'hookbench') return new Response('not found', { status: 404 });
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.normalize(path.join(rendererDir, relative));
    if (!file.startsWith(rendererDir + path.sep)) return new Response('forbidden', { status: 403 });
    const target = fs.existsSync(file) ? file : path.join(rendererDir, 'index.html');
    const response = await net.fetch(pathToFileURL(target).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: APP_NAME,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

// Hardening for every web contents, present and future.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

async function startCore(): Promise<Core> {
  const options = {
    dataDir: app.getPath('userData'),
    receiverHost: '127.0.0.1',
    mode: 'desktop' as const,
    nativeBinding: electronSqliteBinding(app.getAppPath()),
    // safeStorage is usable only after 'ready', which is when this runs.
    secretBox: keychainSecretBox() ?? undefined,
  };
  try {
    return await Core.start({ ...options, receiverPort: 8989 });
  } catch (error) {
    // The usual port is taken (a headless Hookbench, another tool): take any free one instead.
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return Core.start({ ...options, receiverPort: 0 });
  }
}

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  serveRenderer();
  core = await startCore();
  registerIpc(core.api, { ipcMain, targets: () => webContents.getAllWebContents(), isTrustedUrl });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', (event) => {
  if (!core) return;
  // Let in-flight captures commit and the WAL checkpoint before the process goes.
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.close().finally(() => app.quit());
});
