import { APP_NAME } from '../core/paths';

/**
 * Captures that arrived since the window was last focused: shown in the title ("Hookbench (3)"),
 * the dock/taskbar badge and the tray menu, so a glance tells whether anything came in. Captures
 * while the window has focus are seen as they arrive and never count.
 */
export class UnreadCounter {
  private count = 0;

  constructor(
    private readonly onChange: (count: number) => void,
    private focused = true,
  ) {}

  get value(): number {
    return this.count;
  }

  captured(howMany = 1): void {
    if (this.focused || howMany <= 0) return;
    this.count += howMany;
    this.onChange(this.count);
  }

  focus(): void {
    this.focused = true;
    if (this.count === 0) return;
    this.count = 0;
    this.onChange(0);
  }

  blur(): void {
    this.focused = false;
  }
}

export function windowTitle(unread: number): string {
  return unread > 0 ? `${APP_NAME} (${unread})` : APP_NAME;
}
