import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { KEY_FILE } from '../../src/main/core/secrets/secret-box';
import type { PushEvent } from '../../src/shared/contract';
import type { RequestSummary } from '../../src/shared/request-schemas';
import { asLocal, forget, startTestCore } from '../helpers/core';
import { request } from '../helpers/http';
import { startPostgres, type PgServer } from '../helpers/postgres';
import { startSink } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';
import { TUNNEL_DOMAIN, startTunnelServer } from '../helpers/tunnel-server';
import { until } from '../helpers/until';

/**
 * Several instances on one PostgreSQL database, in this process: two cores, each with its own
 * receiver, API and sender, sharing a real PostgreSQL server (a throwaway cluster). What one
 * instance does, the other's UIs hear of and its in-memory state follows.
 */

let pg: PgServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});

/** Two instances of one database: separate data folders holding the same secrets key file. */
async function twoInstances(extra: Parameters<typeof startTestCore>[0] = {}): Promise<[Core, Core]> {
  const databaseUrl = await pg.createDatabase();
  const dirA = tempDir();
  const a = await startTestCore({ dataDir: dirA, databaseUrl, ...extra });
  const dirB = tempDir();
  fs.copyFileSync(path.join(dirA, KEY_FILE), path.join(dirB, KEY_FILE));
  const b = await startTestCore({ dataDir: dirB, databaseUrl, ...extra });
  return [a, b];
}

function recorder(core: Core): PushEvent[] {
  const events: PushEvent[] = [];
  core.api.push.subscribe((event) => events.push(event));
  return events;
}

async function capture(core: Core, path: string, body = '{"ok":true}'): Promise<number> {
  const res = await request(core.receiverUrl + path, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  expect(res.status).toBe(200);
  return Number(res.headers['x-hookbench-request-id']);
}

describe('several instances on one PostgreSQL database', () => {
  it('a capture on instance A is pushed to UIs of instance B, and B serves it', async () => {
    const [a, b] = await twoInstances();
    const onB = recorder(b);
    const id = await capture(a, '/live?x=1', '{"event":"ping"}');
    await until(() => onB.some((e) => e.event === 'request.captured' && e.payload.id === id), 'B hears of A\'s capture', 10_000);
    const pushed = onB.find((e) => e.event === 'request.captured' && e.payload.id === id)!.payload as RequestSummary;
    expect(pushed).toMatchObject({ id, path: '/live', query: 'x=1', method: 'POST' });
    const detail = await asLocal(b.api).call('getRequest', { id });
    expect(Buffer.from(detail.bodyBase64, 'base64').toString()).toBe('{"event":"ping"}');
    // Deletion through B reaches A's UIs.
    const onA = recorder(a);
    await asLocal(b.api).call('deleteRequest', { id });
    await until(() => onA.some((e) => e.event === 'requests.deleted' && e.payload.ids.includes(id)), 'A hears of the deletion', 10_000);
  });

  it('an endpoint made through A routes captures on B at once, secrets included', async () => {
    const [a, b] = await twoInstances();
    const onB = recorder(b);
    await asLocal(a.api).call('putEndpoint', { slug: 'shop', name: 'Shop', secrets: ['whsec_shared_secret_value_1234'], response: { status: 202, body: 'queued' } });
    await until(() => onB.some((e) => e.event === 'endpoints.changed' && e.payload.items.some((x) => x.slug === 'shop')), 'B reloads the endpoints', 10_000);
    const res = await request(b.receiverUrl + '/shop/orders', { method: 'POST', body: '{}' });
    expect(res.status).toBe(202);
    expect(res.body.toString()).toBe('queued');
    const stored = await asLocal(a.api).call('getRequest', { id: Number(res.headers['x-hookbench-request-id']) });
    // B had the secret in clear (same key file): the capture was verified, unsigned here.
    expect(stored).toMatchObject({ endpoint: 'shop', verification: 'unsigned' });
  });

  it('a target made through A is used by B\'s sender; each delivery is made once', async () => {
    const [a, b] = await twoInstances();
    const sink = await startSink();
    const onB = recorder(b);
    await asLocal(a.api).call('putWebhookConfig', { url: sink.url, events: ['*'] });
    await until(() => onB.some((e) => e.event === 'targets.changed' && e.payload.items.length === 1), 'B reloads the targets', 10_000);
    const emitted = await Promise.all(Array.from({ length: 10 }, (_, i) => asLocal(i % 2 ? a.api : b.api).call('emitEvent', { event: 'submission.created' })));
    const ids = emitted.flatMap((e) => e.ids);
    expect(ids).toHaveLength(10);
    await sink.waitFor(10, 15_000);
    await until(async () => (await asLocal(a.api).call('listDeliveries', { limit: 100 })).items.every((d) => d.state === 'succeeded'), 'all succeed', 15_000);
    // Give a duplicate a moment to show up, then count: one request per delivery.
    await new Promise((r) => setTimeout(r, 500));
    const keys = sink.received.map((r) => r.rawHeaders.find(([n]) => n.toLowerCase() === 'idempotency-key' || n.toLowerCase() === 'webhook-id')?.[1]);
    expect(new Set(keys).size).toBe(10);
    expect(sink.received).toHaveLength(10);
  });

  it('retention runs on one instance at a time and tells every UI what went', async () => {
    const [a, b] = await twoInstances();
    const onA = recorder(a);
    await asLocal(b.api).call('putRetention', { maxCount: 5, maxBytes: null });
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(await capture(i % 2 ? a : b, `/r/${i}`));
    await until(async () => (await asLocal(a.api).call('getRetention', {})).usage.count <= 5, 'retention trims to 5', 15_000);
    const left = (await asLocal(b.api).call('listRequests', { limit: 100 })).items.map((r) => r.id);
    expect(left.sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y).slice(-5));
    await until(() => onA.some((e) => e.event === 'requests.deleted'), 'A hears of the trim', 10_000);
  });

  it('refuses to start an instance whose secrets key differs, and says what to do', async () => {
    const databaseUrl = await pg.createDatabase();
    await startTestCore({ dataDir: tempDir(), databaseUrl });
    await expect(startTestCore({ dataDir: tempDir(), databaseUrl })).rejects.toThrow(/same key file/);
  });

  it('runs the tunnel on one instance; another takes it over when that one stops', async () => {
    const lt = await startTunnelServer();
    const [a, b] = await twoInstances();
    const started = await asLocal(a.api).call('startTunnel', { host: lt.url, subdomain: 'hookbench-shared' });
    expect(['online', 'connecting', 'reconnecting']).toContain(started.state);
    await until(async () => (await asLocal(b.api).call('getTunnelStatus', {})).state === 'online', 'B sees the tunnel online', 15_000);
    // A took the lock before saving "on", so B never tried to open a second tunnel.
    expect(a.tunnel.runsHere).toBe(true);
    expect(b.tunnel.runsHere).toBe(false);
    const [holder, other] = [a, b];
    expect((await asLocal(other.api).call('getTunnelStatus', {})).publicUrl).toBe(`http://hookbench-shared.${TUNNEL_DOMAIN}`);
    const viaTunnel = await request(`${lt.url}/through`, { method: 'POST', body: 'x', headers: { Host: `hookbench-shared.${TUNNEL_DOMAIN}` } });
    expect(viaTunnel.status).toBe(200);

    forget(holder);
    await holder.close();
    // The name is free again about a second after the holder's sockets close; then the other takes it.
    await until(async () => other.tunnel.runsHere && other.tunnel.status.state === 'online', 'the other instance takes the tunnel over', 30_000);
    const again = await request(`${lt.url}/after-takeover`, { method: 'POST', body: 'y', headers: { Host: `hookbench-shared.${TUNNEL_DOMAIN}` } });
    expect(again.status).toBe(200);
    const stored = await asLocal(other.api).call('getRequest', { id: Number(again.headers['x-hookbench-request-id']) });
    expect(stored).toMatchObject({ path: '/after-takeover', viaTunnel: true });

    // Stopping through the instance that holds it switches it off for everyone.
    await asLocal(other.api).call('stopTunnel', {});
    expect(other.tunnel.status.state).toBe('offline');
  });
});
