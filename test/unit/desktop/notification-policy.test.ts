import { describe, expect, it } from 'vitest';
import { DEFAULT_INBOX_KEY, DesktopPrefsStore } from '../../../src/main/desktop/desktop-prefs';
import { NotificationPolicy, type DesktopNotification } from '../../../src/main/desktop/notification-policy';
import { Delivery } from '../../../src/shared/sender-schemas';
import type { PushEvent } from '../../../src/shared/contract';
import { LOCAL_ADMIN } from '../../../src/shared/roles';
import { asLocal, startTestCore } from '../../helpers/core';
import { request } from '../../helpers/http';
import { closedPort } from '../../helpers/sink';
import { tempDir } from '../../helpers/temp-dir';

/** A real core's push bus (the events the UI gets) feeding the policy, with prefs in a real file. */
async function setup(options: { quietMs?: number; maxWaitMs?: number } = {}) {
  const core = await startTestCore();
  const prefs = new DesktopPrefsStore(tempDir());
  const shown: DesktopNotification[] = [];
  const policy = new NotificationPolicy({
    notifyFor: (key) => prefs.notifyFor(key),
    notifyDeliveryFailures: () => prefs.get().notifyDeliveryFailures,
    notify: (n) => shown.push(n),
    lookupRequest: (id) => core.api.call('getRequest', { id }, LOCAL_ADMIN),
    quietMs: options.quietMs ?? 1000,
    maxWaitMs: options.maxWaitMs ?? 120_000,
  });
  core.api.push.subscribe((event) => policy.handle(event));
  const post = (path: string, body = '{}') => request(`${core.receiverUrl}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  return { core, prefs, shown, policy, post };
}

describe('NotificationPolicy (on the core push bus)', () => {
  it('says nothing until a person opts in for an endpoint', async () => {
    const { core, shown, post, policy } = await setup({ quietMs: 100 });
    await asLocal(core.api).call('putEndpoint', { slug: 'stripe' });
    const seen: PushEvent[] = [];
    core.api.push.subscribe((e) => e.event === 'request.captured' && seen.push(e));
    await post('/stripe/charge');
    await post('/elsewhere');
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(2);
    policy.close();
    expect(shown).toEqual([]);
  });

  it('folds a burst of 500 captures into one "500 new requests on /stripe" notification', async () => {
    const { core, prefs, shown, post } = await setup({ quietMs: 5000 });
    await asLocal(core.api).call('putEndpoint', { slug: 'stripe' });
    prefs.setNotify('stripe', 'captures', true);
    for (let batch = 0; batch < 10; batch++) await Promise.all(Array.from({ length: 50 }, (_, i) => post(`/stripe/evt-${batch * 50 + i}`)));
    await expect.poll(() => shown.length, { timeout: 30_000 }).toBe(1);
    expect(shown[0]).toMatchObject({ kind: 'captures', endpoint: 'stripe', count: 500, title: '500 new requests on /stripe' });
    expect(shown[0]!.body).toMatch(/^Latest: POST \/stripe\/evt-\d+$/);
  });

  it('names a single capture by method and path; the default inbox has its own choice', async () => {
    const { core, prefs, shown, post } = await setup({ quietMs: 100 });
    await asLocal(core.api).call('putEndpoint', { slug: 'github' });
    prefs.setNotify('github', 'captures', true);
    prefs.setNotify(DEFAULT_INBOX_KEY, 'captures', true);
    await post('/github/push');
    await expect.poll(() => shown.length, { timeout: 10_000 }).toBe(1);
    await post('/no-endpoint-here');
    await expect.poll(() => shown.length, { timeout: 10_000 }).toBe(2);
    expect(shown).toEqual([
      { kind: 'captures', endpoint: 'github', count: 1, title: 'New request on /github', body: 'POST /github/push' },
      { kind: 'captures', endpoint: DEFAULT_INBOX_KEY, count: 1, title: 'New request in the default inbox', body: 'POST /no-endpoint-here' },
    ]);
  });

  it("tells about an endpoint's forward that got no answer, when failures are on", async () => {
    const { core, prefs, shown, post } = await setup({ quietMs: 100 });
    const port = await closedPort();
    await asLocal(core.api).call('putEndpoint', { slug: 'down', forwardUrl: `http://127.0.0.1:${port}/hook` });
    await asLocal(core.api).call('putEndpoint', { slug: 'quiet', forwardUrl: `http://127.0.0.1:${port}/hook` });
    prefs.setNotify('down', 'failures', true);
    await post('/quiet/a');
    await post('/down/invoice');
    await expect.poll(() => shown.length, { timeout: 20_000 }).toBe(1);
    expect(shown[0]).toMatchObject({ kind: 'failures', endpoint: 'down', count: 1, title: 'Forward failed on /down' });
    expect(shown[0]!.body).toMatch(/^POST \/down\/invoice failed: .*refused/i);
  });

  it('finds the endpoint of a forward whose capture it did not see (asks the core)', async () => {
    const { core, prefs, shown, policy } = await setup({ quietMs: 100 });
    await asLocal(core.api).call('putEndpoint', { slug: 'late' });
    prefs.setNotify('late', 'failures', true);
    const res = await request(`${core.receiverUrl}/late/x`, { method: 'PUT', body: 'x' });
    const id = Number(res.headers['x-hookbench-request-id']);
    const fresh = new NotificationPolicy({
      notifyFor: (key) => prefs.notifyFor(key),
      notifyDeliveryFailures: () => false,
      notify: (n) => shown.push(n),
      lookupRequest: (rid) => core.api.call('getRequest', { id: rid }, LOCAL_ADMIN),
      quietMs: 50,
    });
    policy.close();
    fresh.handle({ event: 'request.sent', payload: { requestId: id, sendId: 1, kind: 'forward', by: null, status: 503, error: null } });
    // A replay's result is seen by the person who sent it: never a notification.
    fresh.handle({ event: 'request.sent', payload: { requestId: id, sendId: 2, kind: 'replay', by: 'me', status: 500, error: null } });
    fresh.handle({ event: 'request.sent', payload: { requestId: id, sendId: 3, kind: 'forward', by: null, status: 200, error: null } });
    await expect.poll(() => shown.length, { timeout: 10_000 }).toBe(1);
    expect(shown[0]).toMatchObject({ title: 'Forward failed on /late', body: 'PUT /late/x answered 503' });
  });

  it('tells about Sender deliveries that fail an attempt or are dead-lettered, once each', async () => {
    const { prefs, shown, policy } = await setup({ quietMs: 100 });
    const delivery = (patch: Partial<Delivery>): PushEvent => ({
      event: 'delivery.updated',
      payload: Delivery.parse({
        id: 7, eventId: 'evt_1', event: 'invoice.paid', provider: 'standard-webhooks', targetId: 1, url: 'https://example.test/hooks', idempotencyKey: 'k',
        state: 'pending', attempts: 0, nextAttemptAt: null, lastStatus: null, lastError: null, test: false,
        createdAt: '2026-12-02T10:00:00.000Z', updatedAt: '2026-12-02T10:00:00.000Z', ...patch,
      }),
    });
    policy.handle(delivery({ state: 'pending', attempts: 1, lastStatus: 500 }));
    policy.handle(delivery({}));
    await new Promise((r) => setTimeout(r, 300));
    expect(shown).toEqual([]); // off by default

    prefs.setNotifyDeliveryFailures(true);
    policy.handle(delivery({ state: 'pending', attempts: 2, lastStatus: 500 }));
    policy.handle(delivery({ state: 'pending', attempts: 2, lastStatus: 500 })); // the same news again
    await expect.poll(() => shown.length, { timeout: 10_000 }).toBe(1);
    expect(shown[0]).toMatchObject({ kind: 'deliveries', title: 'Delivery of invoice.paid failed', body: 'invoice.paid to https://example.test/hooks: attempt 2 failed, will retry (answered 500)' });

    policy.handle(delivery({ state: 'succeeded', attempts: 3, lastStatus: 200 }));
    policy.handle(delivery({ state: 'dead', attempts: 8, lastError: 'connection refused' }));
    await expect.poll(() => shown.length, { timeout: 10_000 }).toBe(2);
    expect(shown[1]).toMatchObject({ title: 'Delivery of invoice.paid dead-lettered', body: 'invoice.paid to https://example.test/hooks: gave up after 8 attempts (connection refused)' });
  });

  it('a steady stream still says something after maxWait, with the count so far', async () => {
    const { core, prefs, shown, post } = await setup({ quietMs: 60_000, maxWaitMs: 1500 });
    await asLocal(core.api).call('putEndpoint', { slug: 'stream' });
    prefs.setNotify('stream', 'captures', true);
    await post('/stream/1');
    await post('/stream/2');
    await expect.poll(() => shown.length, { timeout: 20_000 }).toBe(1);
    expect(shown[0]).toMatchObject({ count: 2, title: '2 new requests on /stream' });
  });
});
