import { DEFAULT_TUNNEL_HOST, TunnelSettings, type TunnelStatus } from '../../../shared/tunnel-schemas';
import type { SettingsRepo } from '../store/repos/settings-repo';
import type { TunnelConnection, TunnelProvider } from './tunnel-provider';

const SETTINGS_KEY = 'tunnel';
const DEFAULT_SETTINGS: TunnelSettings = { host: DEFAULT_TUNNEL_HOST, subdomain: null, enabled: false };

export interface TunnelManagerOptions {
  provider: TunnelProvider;
  settings: SettingsRepo;
  /** The local port the tunnel forwards to: the receiver's tunnel-only listener. */
  localPort: () => number;
  onStatus: (status: TunnelStatus) => void;
  /** First reconnect delay; doubles up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Keeps the tunnel up: connects, notices when it drops, and reconnects by itself with backoff,
 * asking for the same subdomain so the public URL stays the same — never a silent death. Every
 * change of state is published (connecting, online, reconnecting with the attempt count, offline)
 * with the last error in plain words.
 */
export class TunnelManager {
  private connection: TunnelConnection | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Bumped by start/stop: a connect that finishes for an older run is discarded. */
  private run = 0;
  private current: TunnelStatus;

  constructor(private readonly options: TunnelManagerOptions) {
    const settings = this.settings();
    this.current = { state: 'offline', publicUrl: null, host: settings.host, subdomain: settings.subdomain, attempt: 0, lastError: null, since: new Date().toISOString() };
  }

  get status(): TunnelStatus {
    return this.current;
  }

  settings(): TunnelSettings {
    return this.options.settings.get(SETTINGS_KEY, TunnelSettings, DEFAULT_SETTINGS);
  }

  /** Reconnects at startup if the tunnel was on when the app last stopped. */
  resume(): void {
    if (this.settings().enabled) void this.start({});
  }

  /**
   * Starts (or restarts with new settings) and resolves after the first attempt, online or not;
   * when it failed, retries go on in the background.
   */
  async start(change: { host?: string; subdomain?: string | null }): Promise<TunnelStatus> {
    this.halt();
    const previous = this.settings();
    const hostChanged = change.host !== undefined && change.host !== previous.host;
    const settings: TunnelSettings = {
      host: change.host ?? previous.host,
      // A granted subdomain belongs to its server: a new server starts without one unless asked.
      subdomain: change.subdomain !== undefined ? change.subdomain : hostChanged ? null : previous.subdomain,
      enabled: true,
    };
    this.options.settings.set(SETTINGS_KEY, settings);
    const run = ++this.run;
    this.update({ state: 'connecting', host: settings.host, subdomain: settings.subdomain, attempt: 0, lastError: null, publicUrl: null });
    await this.attempt(run);
    return this.current;
  }

  stop(): TunnelStatus {
    this.halt();
    this.run++;
    this.options.settings.set(SETTINGS_KEY, { ...this.settings(), enabled: false });
    this.update({ state: 'offline', publicUrl: null, attempt: 0 });
    return this.current;
  }

  /** On shutdown: close without forgetting that the tunnel was on. */
  close(): void {
    this.halt();
    this.run++;
  }

  private halt(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.connection?.close();
    this.connection = null;
  }

  private async attempt(run: number): Promise<void> {
    const settings = this.settings();
    try {
      const connection = await this.options.provider.connect({
        host: settings.host,
        subdomain: settings.subdomain,
        localPort: this.options.localPort(),
      });
      if (run !== this.run) return connection.close();
      this.connection = connection;
      const asked = settings.subdomain;
      // Keep what was granted so the next start asks for the same URL; but a stand-in given
      // because the asked one was taken must not replace the user's choice.
      if (asked === null) this.options.settings.set(SETTINGS_KEY, { ...settings, subdomain: connection.subdomain });
      this.update({
        state: 'online',
        publicUrl: connection.url,
        subdomain: connection.subdomain,
        attempt: 0,
        lastError: asked && connection.subdomain !== asked ? `subdomain ${asked} is taken on this server; got ${connection.subdomain}` : null,
      });
      connection.onDown((reason) => {
        if (run !== this.run) return;
        this.connection = null;
        this.retry(run, reason);
      });
    } catch (error) {
      if (run !== this.run) return;
      this.retry(run, (error as Error).message);
    }
  }

  private retry(run: number, reason: string): void {
    const attempt = this.current.attempt + 1;
    const base = this.options.baseDelayMs ?? 500;
    const delay = Math.min(this.options.maxDelayMs ?? 30_000, base * 2 ** Math.min(attempt - 1, 10));
    this.update({ state: 'reconnecting', attempt, lastError: reason });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt(run);
    }, delay);
    this.timer.unref();
  }

  private update(patch: Partial<TunnelStatus>): void {
    this.current = { ...this.current, ...patch, since: patch.state && patch.state !== this.current.state ? new Date().toISOString() : this.current.since };
    this.options.onStatus(this.current);
  }
}
