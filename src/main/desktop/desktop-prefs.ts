import path from 'node:path';
import { z } from 'zod';
import { JsonFile } from './json-file';

/** The key of the default inbox (captures with no endpoint) in the per-endpoint preferences. */
export const DEFAULT_INBOX_KEY = '(default inbox)';

const EndpointNotify = z.object({ captures: z.boolean().default(false), failures: z.boolean().default(false) });
export type EndpointNotify = z.infer<typeof EndpointNotify>;
export type NotifyKind = keyof EndpointNotify;

export const DesktopPrefs = z.object({
  /** Closing the window hides it to the tray and the receiver keeps capturing. Opt-in. */
  keepInTray: z.boolean().default(false),
  /** Notify when an outgoing delivery (Sender) fails an attempt or is dead-lettered. */
  notifyDeliveryFailures: z.boolean().default(false),
  /** Per endpoint slug (DEFAULT_INBOX_KEY for the default inbox). Notifications are opt-in. */
  endpoints: z.record(z.string().max(200), EndpointNotify).default({}),
});
export type DesktopPrefs = z.infer<typeof DesktopPrefs>;

const defaults = (): DesktopPrefs => DesktopPrefs.parse({});

/**
 * The desktop shell's own preferences, in `desktop-preferences.json` in userData: they are about
 * this machine's window and notifications, not the shared data, so they stay out of the database
 * (no schema change) and out of the headless server.
 */
export class DesktopPrefsStore {
  private readonly file: JsonFile<DesktopPrefs>;
  private prefs: DesktopPrefs;
  private readonly listeners = new Set<(prefs: DesktopPrefs) => void>();

  constructor(userData: string) {
    this.file = new JsonFile(path.join(userData, 'desktop-preferences.json'), DesktopPrefs, defaults);
    this.prefs = this.file.read();
  }

  get(): DesktopPrefs {
    return this.prefs;
  }

  notifyFor(endpointKey: string): EndpointNotify {
    return this.prefs.endpoints[endpointKey] ?? { captures: false, failures: false };
  }

  setNotify(endpointKey: string, kind: NotifyKind, on: boolean): void {
    const current = this.notifyFor(endpointKey);
    this.update({ endpoints: { ...this.prefs.endpoints, [endpointKey]: { ...current, [kind]: on } } });
  }

  setKeepInTray(on: boolean): void {
    this.update({ keepInTray: on });
  }

  setNotifyDeliveryFailures(on: boolean): void {
    this.update({ notifyDeliveryFailures: on });
  }

  onChange(listener: (prefs: DesktopPrefs) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<DesktopPrefs>): void {
    this.prefs = { ...this.prefs, ...patch };
    this.file.write(this.prefs);
    for (const listener of this.listeners) listener(this.prefs);
  }
}
