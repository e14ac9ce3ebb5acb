import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHeadless, type Headless } from '../../src/main/headless';
import { createHttpClient } from '../../src/renderer/src/api/http-client';
import type { ConnectionDetail, ConnectionState, HookbenchClient } from '../../src/renderer/src/api/client-types';
import { tempDir } from '../helpers/temp-dir';

/**
 * The HTTP client's push channel across server restarts (issue 16): a server that is down is
 * retried with a visible backoff; one that restarted with another token is reported as `refused`
 * (asked over HTTP, since a refused WebSocket does not say why) and not hammered; a new token
 * continues on the same client.
 */
// The renderer's HTTP client uses the browser's WebSocket; Node 20 has none built in.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const start = async (dataDir: string, token: string, uiPort = 0): Promise<Headless> => {
  const server = await startHeadless({ dataDir, receiverPort: 0, uiPort, host: '127.0.0.1', token, staticDir: null });
  open.push(server);
  return server;
};

/** Every state the client reported, and a way to wait for one. */
function follow(client: HookbenchClient) {
  const seen: Array<{ state: ConnectionState } & ConnectionDetail> = [];
  client.onConnection((state, detail) => seen.push({ state, ...detail }));
  const until = (state: ConnectionState) => expect.poll(() => seen.at(-1)?.state, { timeout: 15_000 }).toBe(state);
  return { seen, until };
}

describe('http client reconnection', () => {
  it('retries a server that is down, reports a refused token without retrying, and continues with a new one', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir, 'token-one-0123456789');
    const origin = new URL(first.ready.uiUrl).origin;
    const kept: string[] = [];
    const client = createHttpClient(origin, 'token-one-0123456789', (t) => kept.push(t));
    open.push(client);
    const { seen, until } = follow(client);
    await until('online');

    await first.close();
    await until('offline');
    // Each wait is announced with the time of the next attempt (the UI counts down to it).
    const waits = () => seen.filter((s) => s.state === 'offline' && s.retryAt !== null);
    await expect.poll(() => waits().length).toBeGreaterThan(0);
    expect(waits()[0]!.retryAt).toBeGreaterThan(Date.now() - 5000);

    // Same token, same port: back by itself.
    const second = await start(dataDir, 'token-one-0123456789', first.api.port);
    client.retryNow();
    await until('online');
    await second.close();
    await until('offline');

    // Another token: refused, and it stays so (no retry loop against the failed-auth limiter).
    await start(dataDir, 'token-two-0123456789', first.api.port);
    client.retryNow();
    await until('refused');
    expect(seen.at(-1)!.retryAt).toBeNull();
    const count = seen.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.length).toBe(count);

    // A new token: calls and pushes use it, and it is handed over to be kept for reloads.
    client.setToken('token-two-0123456789');
    await until('online');
    expect(kept).toEqual(['token-two-0123456789']);
    expect((await client.call('getInfo', {})).mode).toBe('headless');
  });
});
