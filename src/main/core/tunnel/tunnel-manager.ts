import { DEFAULT_TUNNEL_HOST, TunnelSettings, type TunnelStatus } from '../../../shared/tunnel-schemas';
import { systemClock, type Clock } from '../sender/clock';
import type { SettingsRepository } from '../store/repositories';
import type { TunnelConnection, TunnelProvider } from './tunnel-provider';

const SETTINGS_KEY = 'tunnel';
const DEFAULT_SETTINGS: TunnelSettings = { host: DEFAULT_TUNNEL_HOST, subdomain: null, enabled: false };

/**
 * Reconnection is bounded: 1, 2, 4, 8, 16, 30, 30, 30 s (about two minutes), then it gives up and
 * says so. A server that is down for longer (or a host that does not resolve) is not hammered
 * forever, and the person sees a final state instead of an ever-growing attempt count.
 */
export const TUNNEL_MAX_ATTEMPTS = 8;
export const TUNNEL_BASE_DELAY_MS = 1_000;
export const TUNNEL_MAX_DELAY_MS = 30_000;

/** The wait before reconnection attempt `attempt` (1-based): doubling from `base`, capped at `max`. */
export function backoffDelay(attempt: number, base = TUNNEL_BASE_DELAY_MS, max = TUNNEL_MAX_DELAY_MS): number {
  return Math.min(max, base * 2 ** Math.min(attempt - 1, 20));
}

/**
 * `HOOKBENCH_TUNNEL_BACKOFF_MS=first[,max]` changes the retry delays (a slow or flaky network
 * that needs longer; tests that must see the whole schedule in seconds). Unset: the defaults.
 */
export function tunnelBackoffFromEnv(env: NodeJS.ProcessEnv = process.env): { baseDelayMs?: number; maxDelayMs?: number } {
  const [base, max] = (env.HOOKBENCH_TUNNEL_BACKOFF_MS ?? '').split(',').map((part) => Number(part.trim()));
  const valid = (n: number | undefined) => (n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined);
  const baseDelayMs = valid(base);
  return baseDelayMs === undefined ? {} : { baseDelayMs, maxDelayMs: valid(max) ?? Math.max(baseDelayMs, TUNNEL_MAX_DELAY_MS) };
}

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
  /** Reconnection attempts before giving up (state `failed`). */
  maxAttempts?: number;
  /** Schedules the retries and stamps the status; tests pass a FakeClock. */
  clock?: Clock;
}

/**
 * Keeps the tunnel up: connects, notices when it drops, and reconnects by itself with backoff,
 * asking for the same subdomain so the public URL stays the same — never a silent death. Every
 * change of state is published (connecting, online, reconnecting with the attempt count, offline)
 * with the last error in plain words.
 */
export class TunnelManager {
  private connection: TunnelConnection | null = null;
  private timer: unknown = null;
  private readonly clock: Clock;
  /** Bumped by start/stop: a connect that finishes for an older run is discarded. */
  private run = 0;
  private current: TunnelStatus;

  constructor(private readonly options: TunnelManagerOptions) {
    const settings = options.initial;
    this.clock = options.clock ?? systemClock;
    this.current = {
      state: 'offline',
      publicUrl: null,
      host: settings.host,
      subdomain: settings.subdomain,
      attempt: 0,
      maxAttempts: options.maxAttempts ?? TUNNEL_MAX_ATTEMPTS,
      nextAttemptAt: null,
      lastError: null,
      since: this.isoNow(),
    };
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
    this.update({ state: 'connecting', host: settings.host, subdomain: settings.subdomain, attempt: 0, nextAttemptAt: null, lastError: null, publicUrl: null });
    await this.attempt(run);
    return this.current;
  }

  /**
   * While reconnecting: the pending attempt now, keeping the count. After giving up: a fresh
   * start (a new set of attempts). Otherwise nothing to do.
   */
  async retryNow(): Promise<TunnelStatus> {
    if (this.current.state === 'failed') return this.start({});
    if (this.current.state !== 'reconnecting' || this.timer === null) return this.current;
    this.clock.clearTimer(this.timer);
    this.timer = null;
    const run = this.run;
    // Still reconnecting (the count stands); no next time while this attempt runs.
    this.update({ nextAttemptAt: null });
    await this.attempt(run);
    return this.current;
  }

  async stop(): Promise<TunnelStatus> {
    this.halt();
    this.run++;
    // Off is a clean state: the problem that made it fail belongs to the run that was stopped.
    this.update({ state: 'offline', publicUrl: null, attempt: 0, nextAttemptAt: null, lastError: null });
    await TunnelManager.saveStop(this.options.settings);
    return this.current;
  }

  /** On shutdown: close without forgetting that the tunnel was on. */
  close(): void {
    this.halt();
    this.run++;
  }

  private halt(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer);
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
        nextAttemptAt: null,
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

  /** After a failed attempt (or a drop): the next one after a backoff, or give up after the last. */
  private retry(run: number, reason: string): void {
    const { maxAttempts } = this.current;
    if (this.current.attempt >= maxAttempts) {
      this.update({ state: 'failed', nextAttemptAt: null, publicUrl: null, lastError: reason });
      return;
    }
    const attempt = this.current.attempt + 1;
    const delay = backoffDelay(attempt, this.options.baseDelayMs, this.options.maxDelayMs);
    // The public URL stays while reconnecting: the same subdomain is asked for, and it is the URL
    // the providers were given. Only giving up (or Stop) drops it.
    this.update({ state: 'reconnecting', attempt, nextAttemptAt: new Date(this.clock.now() + delay).toISOString(), lastError: reason });
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.update({ nextAttemptAt: null });
      void this.attempt(run);
    }, delay);
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private update(patch: Partial<TunnelStatus>): void {
    this.current = { ...this.current, ...patch, since: patch.state && patch.state !== this.current.state ? this.isoNow() : this.current.since };
    this.options.onStatus(this.current);
  }
}
