import type { TunnelStatus } from '../../../shared/tunnel-schemas';
import type { PushBus } from '../push-bus';
import type { SingletonLock, Store } from '../store/repositories';
import { TunnelManager } from './tunnel-manager';

/** How often an instance without the tunnel checks whether it should take it over. */
export const TUNNEL_TAKEOVER_EVERY_MS = 3_000;

/** The cluster message that says "the tunnel settings changed: act on them". */
const SETTINGS_CHANGED = JSON.stringify({ tunnel: 'settings' });

export interface TunnelServiceDeps {
  manager: TunnelManager;
  store: Pick<Store, 'shared' | 'tryLock' | 'cluster' | 'settings'>;
  push: PushBus;
  takeoverEveryMs?: number;
}

/**
 * The tunnel as the API sees it. With one instance (SQLite) that is simply this app's
 * TunnelManager. On a shared database one public URL must serve them all, so the tunnel runs on
 * one instance at a time, the holder of the `tunnel` lock: a start or stop asked of any instance is
 * saved in the shared settings and announced; the holder acts on it, and an instance without the
 * tunnel takes it over (within TUNNEL_TAKEOVER_EVERY_MS) when it should be on and nobody holds it,
 * e.g. because the holder died. Any instance's receiver stores into the same database, so which one
 * the tunnel reaches makes no difference to what is captured. Status comes from the holder's
 * `tunnel.status` events, which reach every instance.
 */
export class TunnelService {
  private holder: SingletonLock | null = null;
  /** The last status heard from the instance that holds the tunnel (shared database only). */
  private remoteStatus: TunnelStatus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly stops: (() => void)[] = [];
  /** One settings reaction at a time; a change arriving meanwhile runs once after it. */
  private acting: Promise<void> | null = null;
  private actAgain = false;
  private closed = false;

  constructor(private readonly deps: TunnelServiceDeps) {
    if (!deps.store.shared) return;
    this.stops.push(
      deps.push.subscribe((event) => {
        if (event.event === 'tunnel.status' && !this.holder) this.remoteStatus = event.payload;
      }),
      deps.store.cluster.subscribe((message) => {
        if (message === SETTINGS_CHANGED) this.act();
      }),
    );
  }

  /** Whether this instance is the one that runs the tunnel (always, with one instance). */
  get runsHere(): boolean {
    return !this.deps.store.shared || this.holder !== null;
  }

  get status(): TunnelStatus {
    return this.holder || !this.deps.store.shared ? this.deps.manager.status : (this.remoteStatus ?? this.deps.manager.status);
  }

  async start(change: { host?: string; subdomain?: string | null }): Promise<TunnelStatus> {
    const { manager, store } = this.deps;
    if (!store.shared) return manager.start(change);
    this.holder ??= await store.tryLock('tunnel');
    if (this.holder) return manager.start(change);
    await TunnelManager.saveStart(store.settings, change);
    await store.cluster.publish(SETTINGS_CHANGED);
    return this.status;
  }

  async stop(): Promise<TunnelStatus> {
    const { manager, store } = this.deps;
    if (!store.shared) return manager.stop();
    if (!this.holder) {
      await TunnelManager.saveStop(store.settings);
      await store.cluster.publish(SETTINGS_CHANGED);
      return this.status;
    }
    const status = await manager.stop();
    await this.letGo();
    return status;
  }

  /**
   * "Retry now": the instance running the tunnel tries at once. Elsewhere on a shared database
   * the request is announced as a start (the holder, or whoever takes the tunnel, connects).
   */
  async retryNow(): Promise<TunnelStatus> {
    if (this.runsHere) return this.deps.manager.retryNow();
    return this.start({});
  }

  /** At start: reopen the tunnel if it was on (here, or on a shared database wherever nobody holds it). */
  async resume(): Promise<void> {
    if (!this.deps.store.shared) {
      this.deps.manager.resume();
      return;
    }
    this.act();
    this.timer = setInterval(() => this.act(), this.deps.takeoverEveryMs ?? TUNNEL_TAKEOVER_EVERY_MS);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const stop of this.stops) stop();
    await this.acting;
    // Closing keeps the tunnel "on" in the settings: another instance takes it over.
    this.deps.manager.close();
    await this.letGo();
  }

  /** Brings this instance in line with the shared settings. */
  private act(): void {
    if (this.acting) {
      this.actAgain = true;
      return;
    }
    this.acting = this.follow()
      .catch((error: unknown) => {
        process.stderr.write(`hookbench: tunnel coordination failed: ${(error as Error).message}\n`);
      })
      .finally(() => {
        this.acting = null;
        if (this.actAgain && !this.closed) {
          this.actAgain = false;
          this.act();
        }
      });
  }

  private async follow(): Promise<void> {
    const { manager, store } = this.deps;
    if (this.closed) return;
    const settings = await TunnelManager.storedSettings(store.settings);
    if (this.holder) {
      if (!settings.enabled) {
        await manager.stop();
        await this.letGo();
      } else if (manager.status.host !== settings.host || (settings.subdomain !== null && manager.status.subdomain !== settings.subdomain)) {
        await manager.start({});
      }
      return;
    }
    if (!settings.enabled) return;
    this.holder = await store.tryLock('tunnel');
    if (this.holder && !this.closed) await manager.start({});
  }

  private async letGo(): Promise<void> {
    const lock = this.holder;
    // Until another instance says otherwise, the last word is this one's (offline, usually).
    this.remoteStatus = this.deps.manager.status;
    this.holder = null;
    await lock?.release();
  }
}
