import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../src/main/transport/ipc';
import { createIpcClient } from '../../src/renderer/src/api/ipc-client';
import { createAuditStore } from '../../src/renderer/src/features/audit/audit-store';
import { createRetentionStore } from '../../src/renderer/src/features/settings/retention-store';
import { createTeamLinkStore } from '../../src/renderer/src/features/team-link/team-link-store';
import { createEndpointsStore } from '../../src/renderer/src/stores/endpoints-store';
import { createSessionStore } from '../../src/renderer/src/stores/session-store';
import { createTunnelStore } from '../../src/renderer/src/stores/tunnel-store';
import { buildBridge } from '../../src/shared/bridge';
import { startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { InMemoryIpc } from '../helpers/in-memory-ipc';
import { refusedPort } from '../helpers/refused-port';

/**
 * The endpoints, tunnel, retention, audit and team-link stores as the composition root makes
 * them (one client, one factory each), against a real core over the in-memory IPC pipe.
 */

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0).reverse()) stop();
  vi.unstubAllEnvs();
});

async function connected() {
  const server = await startTestHeadless();
  const ipc = new InMemoryIpc();
  stops.push(registerIpc(server.core.api, { ipcMain: ipc.main, targets: () => [ipc.window], isTrustedUrl: (url) => url.startsWith('app://hookbench/') }));
  const client = createIpcClient(buildBridge(ipc.renderer));
  const capture = async (path: string) => {
    const res = await request(`${server.ready.receiverUrl}${path}`, { method: 'POST', body: '{"n":1}', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
  };
  const usage = async () => (await client.call('getRetention', {})).usage.count;
  return { server, client, capture, usage };
}

const refusedHost = async () => `http://127.0.0.1:${await refusedPort()}`;

describe('feature stores against a real core', () => {
  it('retention: review shows how many would go and deletes nothing; confirm deletes; a harmless limit saves at once', async () => {
    const { client, capture, usage } = await connected();
    for (let i = 0; i < 5; i++) await capture('/hook');
    const store = createRetentionStore(client);
    await store.getState().load();
    expect(store.getState().current?.usage.count).toBe(5);

    expect(await store.getState().review({ maxCount: 2, maxBytes: null })).toBe(false);
    expect(store.getState().pending).toEqual({ retention: { maxCount: 2, maxBytes: null }, wouldDelete: 3 });
    expect(await usage()).toBe(5);
    store.getState().cancel();
    expect(store.getState().pending).toBeNull();
    expect((await client.call('getRetention', {})).maxCount).toBeNull();

    await store.getState().review({ maxCount: 2, maxBytes: null });
    expect(await store.getState().confirm()).toBe(true);
    expect(await usage()).toBe(2);
    expect(store.getState().current).toMatchObject({ maxCount: 2, usage: { count: 2 } });

    expect(await store.getState().review({ maxCount: 100, maxBytes: null })).toBe(true);
    expect(store.getState().pending).toBeNull();
    expect((await client.call('getRetention', {})).maxCount).toBe(100);
    // Bad limits come back as the server's words, not a crash.
    expect(await store.getState().review({ maxCount: 0, maxBytes: null })).toBe(false);
    expect(store.getState().error).toBeTruthy();
  });

  it('tunnel: follows the status by push, retries and stops; the session store follows the public URL itself', async () => {
    vi.stubEnv('HOOKBENCH_TUNNEL_BACKOFF_MS', '60000');
    const { client } = await connected();
    const tunnel = createTunnelStore(client);
    const session = createSessionStore(client);
    stops.push(tunnel.getState().connect(), session.getState().connect());
    await expect.poll(() => tunnel.getState().status?.state).toBe('offline');
    const host = await refusedHost();
    await tunnel.getState().start({ host });
    expect(tunnel.getState().status).toMatchObject({ state: 'reconnecting', attempt: 1, maxAttempts: 8, lastError: `The tunnel server at ${host} refused the connection — is it running?` });
    await tunnel.getState().retry();
    expect(tunnel.getState().status).toMatchObject({ state: 'reconnecting', attempt: 2 });
    await tunnel.getState().stop();
    expect(tunnel.getState().status).toMatchObject({ state: 'offline', lastError: null, attempt: 0, nextAttemptAt: null });
    expect(tunnel.getState().error).toBeNull();
    expect(session.getState().info?.publicUrl).toBeNull();
  });

  it('endpoints: save, clear its requests, remove; audit filters by actor; team link says what is missing', async () => {
    const { client, capture, usage } = await connected();
    const endpoints = createEndpointsStore(client);
    stops.push(endpoints.getState().connect());
    await endpoints.getState().save({ slug: 'shop' });
    expect(endpoints.getState().items.map((e) => e.slug)).toEqual(['shop']);
    await capture('/shop/orders');
    await capture('/other');
    await endpoints.getState().clearRequests('shop');
    expect(await usage()).toBe(1);
    await endpoints.getState().remove('shop', false);
    expect(endpoints.getState().items).toEqual([]);

    const audit = createAuditStore(client);
    await audit.getState().load();
    expect(audit.getState().items.map((e) => e.method)).toEqual(expect.arrayContaining(['putEndpoint', 'deleteRequests', 'deleteEndpoint']));
    await audit.getState().setActor('nobody');
    expect(audit.getState().items).toEqual([]);

    const teamLink = createTeamLinkStore(client);
    stops.push(teamLink.getState().connect());
    expect(await teamLink.getState().setBrowse(true)).toBe(false);
    expect(teamLink.getState().error).toBe('connect a team server first (Settings → Team server)');
  });
});
