import { app, dialog, Menu, Notification, screen, type BrowserWindow } from 'electron';
import type { PushEvent } from '../../shared/contract';
import { LOCAL_ADMIN } from '../../shared/roles';
import type { ApiSurface } from '../core/api';
import { APP_NAME } from '../core/paths';
import { pushDesktopCommand } from './command-push';
import { DESKTOP_COMMANDS, type DesktopCommand } from './desktop-commands';
import { DesktopPrefsStore } from './desktop-prefs';
import { importHarFile, HarOpenError } from './har-files';
import { isTrustedUrl } from './hardening';
import { appUrlWithView, APP_ENTRY_URL, viewOfUrl } from './last-view';
import { createMainWindow } from './main-window';
import { buildAppMenu, isTunnelRunning } from './menu-template';
import { NotificationPolicy, type DesktopNotification } from './notification-policy';
import { TrayController } from './tray';
import { UnreadCounter, windowTitle } from './unread-counter';
import { placeWindow, WindowStateStore } from './window-state';

export interface DesktopShellOptions {
  api: ApiSurface;
  userData: string;
  appRoot: string;
  preloadPath: string;
  devServerUrl: string | undefined;
}

/**
 * Everything the desktop app adds around the core: the window (its place and last view kept),
 * the application menu, notifications and the unread count, the tray, and .har files opened with
 * the app. The decisions live in plain modules next to this one (tested without Electron); this
 * class only wires them to Electron's objects and to the core's push bus.
 */
export class DesktopShell {
  private win: BrowserWindow | null = null;
  private readonly windowState: WindowStateStore;
  private readonly prefs: DesktopPrefsStore;
  private readonly unread: UnreadCounter;
  private readonly notifications: NotificationPolicy;
  private readonly tray: TrayController;
  private endpoints: { slug: string; name: string }[] = [];
  private tunnelRunning = false;
  /** Set once quitting starts: closing the window then really closes it, tray or not. */
  private quitting = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: DesktopShellOptions) {
    this.windowState = new WindowStateStore(options.userData);
    this.prefs = new DesktopPrefsStore(options.userData);
    this.unread = new UnreadCounter((count) => this.showUnread(count));
    this.notifications = new NotificationPolicy({
      notifyFor: (key) => this.prefs.notifyFor(key),
      notifyDeliveryFailures: () => this.prefs.get().notifyDeliveryFailures,
      notify: (n) => this.showNotification(n),
      lookupRequest: async (id) => this.call('getRequest', { id }),
    });
    this.tray = new TrayController(options.appRoot, {
      show: () => this.showWindow(),
      startTunnel: () => void this.call('startTunnel', {}).catch((error: Error) => this.tellError('The tunnel did not start', error.message)),
      stopTunnel: () => void this.call('stopTunnel', {}).catch(() => undefined),
      quit: () => this.quit(),
    });
    this.unsubscribe = options.api.push.subscribe((event) => this.onPush(event));
    this.prefs.onChange((prefs) => {
      this.tray.setEnabled(prefs.keepInTray);
      this.renderMenu();
    });
  }

  async start(): Promise<void> {
    const [endpoints, tunnel] = await Promise.all([this.call('listEndpoints', {}), this.call('getTunnelStatus', {})]);
    this.endpoints = endpoints.items;
    this.tunnelRunning = isTunnelRunning(tunnel.state);
    this.renderMenu();
    this.tray.setEnabled(this.prefs.get().keepInTray);
    this.openWindow();
  }

  /** Shows the window again (second launch, tray, dock icon), creating it if it was closed. */
  showWindow(): void {
    if (!this.win || this.win.isDestroyed()) return this.openWindow();
    if (this.win.isMinimized()) this.win.restore();
    this.win.show();
    this.win.focus();
  }

  /** Imports .har files (opened with the app, or chosen in File → Import HAR…) and shows the inbox. */
  async importFiles(files: readonly string[]): Promise<void> {
    for (const file of files) {
      try {
        await importHarFile(file, (input) => this.call('importRequests', input as never));
        this.showWindow();
        this.sendCommand(DESKTOP_COMMANDS.inbox);
      } catch (error) {
        this.showWindow();
        const message = error instanceof HarOpenError ? error.message : (error as Error).message;
        this.tellError(`Could not open ${file}`, message);
      }
    }
  }

  /** Quitting for real (tray's Quit, Cmd+Q): the window closes instead of hiding. */
  markQuitting(): void {
    this.quitting = true;
    this.notifications.close();
  }

  close(): void {
    this.unsubscribe();
    this.tray.setEnabled(false);
  }

  private quit(): void {
    this.markQuitting();
    app.quit();
  }

  private openWindow(): void {
    const saved = this.windowState.get();
    const bounds = placeWindow(saved, screen.getAllDisplays().map((d) => d.bounds), screen.getPrimaryDisplay().workArea);
    const base = this.options.devServerUrl ?? APP_ENTRY_URL;
    const win = createMainWindow({
      preloadPath: this.options.preloadPath,
      bounds,
      maximized: saved.maximized,
      url: appUrlWithView(saved.view, base),
      unread: this.unread.value,
    });
    this.win = win;
    const snapshot = () => ({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    const remember = () => {
      if (!win.isMinimized() && !win.isFullScreen()) this.windowState.saveSoon(snapshot());
    };
    for (const change of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(change as 'resize', remember);
    win.on('focus', () => this.unread.focus());
    win.on('blur', () => this.unread.blur());
    win.on('hide', () => this.unread.blur());
    win.on('close', (event) => {
      this.windowState.saveNow({ ...snapshot(), view: viewOfUrl(win.webContents.getURL(), this.options.devServerUrl) });
      if (this.prefs.get().keepInTray && !this.quitting) {
        // The receiver keeps capturing; the tray brings the window back.
        event.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => {
      if (this.win === win) this.win = null;
    });
  }

  private onPush(event: PushEvent): void {
    this.notifications.handle(event);
    if (event.event === 'request.captured') this.unread.captured();
    if (event.event === 'endpoints.changed') {
      this.endpoints = event.payload.items;
      this.renderMenu();
    }
    if (event.event === 'tunnel.status') {
      const running = isTunnelRunning(event.payload.state);
      if (running !== this.tunnelRunning) {
        this.tunnelRunning = running;
        this.renderMenu();
        this.tray.update({ tunnelRunning: running });
      }
    }
  }

  private renderMenu(): void {
    const template = buildAppMenu({
      platform: process.platform,
      isDev: !app.isPackaged,
      endpoints: this.endpoints,
      prefs: this.prefs.get(),
      tunnelRunning: this.tunnelRunning,
      actions: {
        command: (id) => this.sendCommand(id),
        importHar: () => void this.chooseHarFiles(),
        setNotify: (key, kind, on) => this.prefs.setNotify(key, kind, on),
        setNotifyDeliveryFailures: (on) => this.prefs.setNotifyDeliveryFailures(on),
        setKeepInTray: (on) => this.prefs.setKeepInTray(on),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  private async chooseHarFiles(): Promise<void> {
    const options = {
      title: 'Import HAR',
      properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
      filters: [
        { name: 'HAR files', extensions: ['har'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const chosen = this.win ? await dialog.showOpenDialog(this.win, options) : await dialog.showOpenDialog(options);
    if (!chosen.canceled) await this.importFiles(chosen.filePaths);
  }

  /** A renderer command for our window (see command-push.ts), which comes to the front for it. */
  private sendCommand(command: DesktopCommand): void {
    const win = this.win;
    if (!win || win.isDestroyed()) return;
    if (pushDesktopCommand(win.webContents, command, (url) => isTrustedUrl(url, this.options.devServerUrl))) this.showWindow();
  }

  private showUnread(count: number): void {
    if (this.win && !this.win.isDestroyed()) this.win.setTitle(windowTitle(count));
    app.setBadgeCount(count);
    this.tray.update({ unread: count });
  }

  private showNotification(n: DesktopNotification): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: n.title, body: n.body });
    notification.on('click', () => {
      this.showWindow();
      if (n.kind === 'deliveries') this.sendCommand(DESKTOP_COMMANDS.sender);
      else this.sendCommand(DESKTOP_COMMANDS.inbox);
    });
    notification.show();
  }

  private tellError(title: string, message: string): void {
    const options = { type: 'error' as const, title: APP_NAME, message: title, detail: message };
    if (this.win && !this.win.isDestroyed()) void dialog.showMessageBox(this.win, options);
    else void dialog.showMessageBox(options);
  }

  private call<K extends Parameters<ApiSurface['call']>[0]>(name: K, input: unknown) {
    return this.options.api.call(name, input, LOCAL_ADMIN);
  }
}
