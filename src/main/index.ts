import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, webContents } from 'electron';
import { Core } from './core/core';
import { APP_NAME, defaultDataDir } from './core/paths';
import { registerAppScheme, serveRenderer } from './desktop/app-protocol';
import { DesktopShell } from './desktop/desktop-shell';
import { denyAllPermissions, hardenApp } from './desktop/harden-app';
import { isTrustedUrl } from './desktop/hardening';
import { harPathsIn, OpenFileQueue } from './desktop/har-files';
import { electronSqliteBinding } from './electron-sqlite';
import { keychainSecretBox } from './safe-storage-box';
import { registerIpc } from './transport/ipc';

/**
 * Electron entry: one instance, one hardened window over the same core the headless server runs.
 * The shell's parts live in ./desktop (window, menu, tray, notifications, .har files, hardening).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

registerAppScheme();
app.setName(APP_NAME);
// Same folder as `hookbench serve` uses by default, so both modes share history. Set before the
// single-instance lock, which is per userData folder (a test's own data dir is its own instance).
app.setPath('userData', defaultDataDir());

// .har files opened with the app: on the command line (Windows, Linux), by 'open-file' (macOS,
// possibly before 'ready'), or from a second launch. They wait until the core is up.
const openFiles = new OpenFileQueue();
let core: Core | null = null;
let shell: DesktopShell | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Hookbench owns this data folder: it got our argv ('second-instance') and shows itself.
  app.exit(0);
} else {
  for (const file of harPathsIn(process.argv.slice(1), process.cwd())) openFiles.add(file);
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles.add(file);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    shell?.showWindow();
    for (const file of harPathsIn(argv.slice(1), workingDirectory)) openFiles.add(file);
  });
  hardenApp(devServerUrl);
  void app.whenReady().then(start).catch((error: Error) => {
    dialog.showErrorBox(`${APP_NAME} could not start`, error.message);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  denyAllPermissions();
  serveRenderer(path.join(here, '../renderer'));
  core = await startCore();
  registerIpc(core.api, { ipcMain, targets: () => webContents.getAllWebContents(), isTrustedUrl: (url) => isTrustedUrl(url, devServerUrl) });
  const desktop = new DesktopShell({
    api: core.api,
    userData: app.getPath('userData'),
    appRoot: app.getAppPath(),
    preloadPath: path.join(here, '../preload/index.cjs'),
    devServerUrl,
  });
  shell = desktop;
  app.on('activate', () => desktop.showWindow());
  await desktop.start();
  openFiles.drainTo((file) => void desktop.importFiles([file]));
}

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

app.on('window-all-closed', () => {
  // With the tray on, the window hides rather than closes, so this means "quit" (not on macOS,
  // where apps stay in the dock without windows).
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', (event) => {
  shell?.markQuitting();
  if (!core) return;
  // Let in-flight captures commit and the WAL checkpoint before the process goes.
  event.preventDefault();
  const closing = core;
  core = null;
  shell?.close();
  void closing.close().finally(() => app.quit());
});
