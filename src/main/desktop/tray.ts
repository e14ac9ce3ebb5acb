import { Menu, Tray } from 'electron';
import { buildTrayMenu, trayTooltip, type TrayActions } from './tray-menu';
import { trayIcon } from './tray-icon';

/** The tray icon, present only while "keep running in the tray" is on. */
export class TrayController {
  private tray: Tray | null = null;
  private state = { unread: 0, tunnelRunning: false };

  constructor(
    private readonly appRoot: string,
    private readonly actions: TrayActions,
  ) {}

  setEnabled(on: boolean): void {
    if (on && !this.tray) {
      this.tray = new Tray(trayIcon(this.appRoot, process.platform));
      // A click shows the window on Windows/Linux; macOS opens the menu on click by itself.
      this.tray.on('click', () => this.actions.show());
      this.render();
    } else if (!on && this.tray) {
      this.tray.destroy();
      this.tray = null;
    }
  }

  update(patch: Partial<{ unread: number; tunnelRunning: boolean }>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  private render(): void {
    if (!this.tray) return;
    this.tray.setToolTip(trayTooltip(this.state.unread));
    this.tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu({ ...this.state, actions: this.actions })));
  }
}
