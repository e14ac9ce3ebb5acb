import { DEFAULT_TUNNEL_HOST, TunnelSettings, type TunnelStatus } from '../../../shared/tunnel-schemas';
import type { SettingsRepository } from '../store/repositories';
import type { TunnelConnection, TunnelProvider } from './tunnel-provider';

const SETTINGS_KEY = 'tunnel';
const DEFAULT_SETTINGS: TunnelSettings = { host: DEFAULT_TUNNEL_HOST, subdomain: null, enabled: false };

export interface TunnelManagerOptions {
  provider: TunnelProvider;
  settings: SettingsRepository;
  /** The settings stored when the app started (read by the composition root). */
  initial: TunnelSettings;
  /** The local port the tunnel forwards to: the receiver's tunnel-only listener. */
  localPort: number;
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
    const settings = options.initial;
    this.current = { state: 'offline', publicUrl: null, host: settings.host, subdomain: settings.subdomain, attempt: 0, lastError: null, since: new Date().toISOString() };
  }

  get status(): TunnelStatus {
    return this.current;
  }

  settings(): Promise<TunnelSettings> {
    return TunnelManager.storedSettings(this.options.settings);
  }

  static storedSettings(repo: SettingsRepository): Promise<TunnelSettings> {
    return repo.get(SETTINGS_KEY, TunnelSettings, DEFAULT_SETTINGS);
  }

  /** Records "on, with these changes" (also for another instance to act on); returns the settings to connect with. */
  static async saveStart(repo: SettingsRepository, change: { host?: string; subdomain?: string | null }): Promise<TunnelSettings> {
    const previous = await TunnelManager.storedSettings(repo);
    const hostChanged = change.host !== undefined && change.host !== previous.host;
    const settings: TunnelSettings = {
      host: change.host ?? previous.host,
      // A granted subdomain belongs to its server: a new server starts without one unless asked.
      subdomain: change.subdomain !== undefined ? change.subdomain : hostChanged ? null : previous.subdomain,
      enabled: true,
    };
    await repo.set(SETTINGS_KEY, settings);
    return settings;
  }

  /** Records "off" (also for another instance to act on). */
  static async saveStop(repo: SettingsRepository): Promise<void> {
    await repo.set(SETTINGS_KEY, { ...(await TunnelManager.storedSettings(repo)), enabled: false });
  }

  /** Reconnects at startup if the tunnel was on when the app last stopped. */
  resume(): void {
    if (this.options.initial.enabled) void this.start({});
  }

  /**
   * Starts (or restarts with new settings) and resolves after the first attempt, online or not;
   * when it failed, retries go on in the background.
   */
  async start(change: { host?: string; subdomain?: string | null }): Promise<TunnelStatus> {
    this.halt();
    const run = ++this.run;
    const settings = await TunnelManager.saveStart(this.options.settings, change);
    if (run !== this.run) return this.current;
    this.update({ state: 'connecting', host: settings.host, subdomain: settings.subdomain, attempt: 0, lastError: null, publicUrl: null });
    await this.attempt(run);
    return this.current;
  }

  async stop(): Promise<TunnelStatus> {
    this.halt();
    this.run++;
    this.update({ state: 'offline', publicUrl: null, attempt: 0 });
    await TunnelManager.saveStop(this.options.settings);
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
    try {
      const settings = await this.settings();
      const connection = await this.options.provider.connect({
        host: settings.host,
        subdomain: settings.subdomain,
        localPort: this.options.localPort,
      });
      if (run !== this.run) return connection.close();
      this.connection = connection;
      const asked = settings.subdomain;
      // Keep what was granted so the next start asks for the same URL; but a stand-in given
      // because the asked one was taken must not replace the user's choice.
      if (asked === null) await this.options.settings.set(SETTINGS_KEY, { ...settings, subdomain: connection.subdomain });
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
