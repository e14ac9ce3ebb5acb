import path from 'node:path';
import { z } from 'zod';
import { Debounced } from './debounced';
import { JsonFile } from './json-file';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const Bounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
});

export const WindowState = z.object({
  /** The normal (not maximised) bounds, so un-maximising after a restart goes back to them. */
  bounds: Bounds.nullable(),
  maximized: z.boolean(),
  /** The page's search part (see last-view.ts). */
  view: z.string().max(4000),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
/** How much of a saved window must still be on some display to be put back there. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

const emptyState = (): WindowState => ({ bounds: null, maximized: false, view: '' });

/** The window's geometry and last view, in `window-state.json` in userData. */
export class WindowStateStore {
  private readonly file: JsonFile<WindowState>;
  private readonly pending: Debounced;
  private state: WindowState;

  constructor(userData: string, debounceMs = 500) {
    this.file = new JsonFile(path.join(userData, 'window-state.json'), WindowState, emptyState);
    this.pending = new Debounced(debounceMs);
    this.state = this.file.read();
  }

  get(): WindowState {
    return this.state;
  }

  /** Records a change at once in memory, on disk once moves and resizes stop for a moment. */
  saveSoon(patch: Partial<WindowState>): void {
    this.state = { ...this.state, ...patch };
    this.pending.schedule(() => this.file.write(this.state));
  }

  /** Writes now (closing): nothing pending is lost. */
  saveNow(patch: Partial<WindowState> = {}): void {
    this.state = { ...this.state, ...patch };
    this.pending.cancel();
    this.file.write(this.state);
  }
}

/**
 * Where to open the window: the saved bounds when enough of them is still on a connected display
 * (a monitor unplugged since leaves them off-screen), else the default size centred on the primary
 * display's work area, shrunk to fit a small screen.
 */
export function placeWindow(saved: WindowState, displays: readonly Rect[], primaryWorkArea: Rect): Rect {
  if (saved.bounds && displays.some((display) => visibleEnough(saved.bounds!, display))) return saved.bounds;
  const width = Math.min(DEFAULT_SIZE.width, primaryWorkArea.width);
  const height = Math.min(DEFAULT_SIZE.height, primaryWorkArea.height);
  return {
    x: primaryWorkArea.x + Math.round((primaryWorkArea.width - width) / 2),
    y: primaryWorkArea.y + Math.round((primaryWorkArea.height - height) / 2),
    width,
    height,
  };
}

function visibleEnough(window: Rect, display: Rect): boolean {
  const width = Math.min(window.x + window.width, display.x + display.width) - Math.max(window.x, display.x);
  // The top of the window (its title bar) must be on the display, or it cannot be dragged back.
  const top = Math.max(window.y, display.y);
  const height = Math.min(window.y + window.height, display.y + display.height) - top;
  return width >= MIN_VISIBLE.width && height >= MIN_VISIBLE.height && window.y >= display.y - 10 && window.y < display.y + display.height - MIN_VISIBLE.height;
}
