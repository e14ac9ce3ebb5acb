import { afterEach, describe, expect, it } from 'vitest';
import { LocaltunnelProvider } from '../../src/main/core/tunnel/localtunnel-provider';
import { backoffDelay, TUNNEL_MAX_ATTEMPTS, TunnelManager, tunnelBackoffFromEnv } from '../../src/main/core/tunnel/tunnel-manager';
import { openStore } from '../../src/main/core/store/open-store';
import type { Store } from '../../src/main/core/store/repositories';
import type { TunnelStatus } from '../../src/shared/tunnel-schemas';
import { FakeClock } from '../helpers/fake-clock';
import { refusedPort } from '../helpers/refused-port';
import { tempDir } from '../helpers/temp-dir';

/**
 * The tunnel's bounded, visible backoff, on a clock moved by hand: the real localtunnel provider
 * against a loopback port nothing listens on (each attempt is a real, refused connection), and
 * the settings in a real SQLite store.
 */

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const refusedServer = async () => `http://127.0.0.1:${await refusedPort()}`;

async function setup() {
  const store = await openStore({ dataDir: tempDir() });
  stores.push(store);
  const clock = new FakeClock();
  const seen: TunnelStatus[] = [];
  const manager = new TunnelManager({
    provider: new LocaltunnelProvider(),
    settings: store.settings,
    initial: await TunnelManager.storedSettings(store.settings),
    localPort: 9,
    onStatus: (status) => seen.push(status),
    clock,
  });
  return { store, clock, manager, seen };
}

/** Waits (real time) until the manager's state changes: an attempt is a real network call. */
async function until(manager: TunnelManager, test: (s: TunnelStatus) => boolean): Promise<TunnelStatus> {
  await expect.poll(() => test(manager.status), { timeout: 10_000, interval: 10 }).toBe(true);
  return manager.status;
}

describe('tunnel backoff', () => {
  it('delays double from 1 s and stop at 30 s', () => {
    expect(Array.from({ length: TUNNEL_MAX_ATTEMPTS }, (_, i) => backoffDelay(i + 1))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(500)).toBe(30_000);
  });

  it('HOOKBENCH_TUNNEL_BACKOFF_MS sets the first (and max) delay; nonsense is ignored', () => {
    expect(tunnelBackoffFromEnv({ HOOKBENCH_TUNNEL_BACKOFF_MS: '100,400' })).toEqual({ baseDelayMs: 100, maxDelayMs: 400 });
    expect(tunnelBackoffFromEnv({ HOOKBENCH_TUNNEL_BACKOFF_MS: '2000' })).toEqual({ baseDelayMs: 2000, maxDelayMs: 30_000 });
    expect(tunnelBackoffFromEnv({ HOOKBENCH_TUNNEL_BACKOFF_MS: 'soon' })).toEqual({});
    expect(tunnelBackoffFromEnv({})).toEqual({});
  });

  it('retries a refused server 8 times on schedule, says when the next try is, then gives up and stops retrying', async () => {
    const { clock, manager } = await setup();
    const host = await refusedServer();
    const refused = `The tunnel server at ${host} refused the connection — is it running?`;
    const first = await manager.start({ host, subdomain: null });
    expect(first).toMatchObject({ state: 'reconnecting', attempt: 1, maxAttempts: 8, lastError: refused });
    expect(Date.parse(first.nextAttemptAt!)).toBe(clock.now() + 1_000);

    for (let attempt = 1; attempt <= TUNNEL_MAX_ATTEMPTS; attempt++) {
      const delay = backoffDelay(attempt);
      expect(manager.status).toMatchObject({ state: 'reconnecting', attempt });
      expect(clock.nextDue()).toBe(clock.now() + delay);
      // Just before it is due nothing happens…
      clock.advance(delay - 1);
      expect(manager.status.attempt).toBe(attempt);
      // …then the attempt runs (a real refused connection) and the next is scheduled, or it gives up.
      clock.advance(1);
      await until(manager, (s) => s.nextAttemptAt !== null || s.state === 'failed');
    }
    expect(manager.status).toMatchObject({ state: 'failed', attempt: 8, nextAttemptAt: null, publicUrl: null, lastError: refused });
    // Nothing is pending: no attempt 9 however long we wait.
    expect(clock.nextDue()).toBeNull();
    clock.advance(3_600_000);
    expect(manager.status.state).toBe('failed');
  });

  it('"Retry now" tries at once keeping the count; after giving up it starts over', async () => {
    const { clock, manager } = await setup();
    const host = await refusedServer();
    await manager.start({ host });
    expect(manager.status.attempt).toBe(1);
    const retried = await manager.retryNow();
    expect(retried).toMatchObject({ state: 'reconnecting', attempt: 2 });
    // The old timer is gone; the new one waits the second delay from now.
    expect(clock.nextDue()).toBe(clock.now() + backoffDelay(2));
    for (let i = 0; i < 20 && manager.status.state !== 'failed'; i++) await manager.retryNow();
    expect(manager.status).toMatchObject({ state: 'failed', attempt: 8 });
    const fresh = await manager.retryNow();
    expect(fresh).toMatchObject({ state: 'reconnecting', attempt: 1 });
  });

  it('stop leaves a clean "off": no error, no attempt, no timer; a new manager on the same settings starts off', async () => {
    const { store, clock, manager } = await setup();
    const host = await refusedServer();
    await manager.start({ host });
    const stopped = await manager.stop();
    expect(stopped).toMatchObject({ state: 'offline', attempt: 0, nextAttemptAt: null, lastError: null, publicUrl: null });
    expect(clock.nextDue()).toBeNull();
    const settings = await TunnelManager.storedSettings(store.settings);
    expect(settings).toMatchObject({ host, enabled: false });
    // What a restart does: a manager from the stored settings; resume() does nothing when off.
    const again = new TunnelManager({ provider: new LocaltunnelProvider(), settings: store.settings, initial: settings, localPort: 9, onStatus: () => {}, clock });
    again.resume();
    expect(again.status).toMatchObject({ state: 'offline', lastError: null, host });
  });
});
