import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { asLocal, forget, startTestCore } from '../helpers/core';
import { FakeClock } from '../helpers/fake-clock';
import { pgAvailable, startPostgres, type PgServer } from '../helpers/postgres';
import { attemptRecordOf, waitForDelivery } from '../helpers/sender';
import { closedPort, startSink, type Received } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';
import { KEYCHAIN_TAG, KeyFileSecretBox, type SecretBox } from '../../src/main/core/secrets/secret-box';

// The sender against real HTTP sinks on 127.0.0.1, with a fake clock for the schedule (request
// timeouts stay real) and a real SQLite file.

const header = (r: Received, name: string) => r.rawHeaders.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
const reply = (res: http.ServerResponse, status: number, headers: Record<string, string> = {}) => {
  res.writeHead(status, headers);
  res.end(JSON.stringify({ status }));
};

describe('sender: deliveries, retries and the dead-letter queue', () => {
  it('fails twice, then succeeds on the FeedBackPro schedule: same idempotency key and bytes, fresh valid signatures', async () => {
    const clock = new FakeClock();
    const sink = await startSink((r, res) => reply(res, sink.received.length <= 2 ? 500 : 200));
    const core = await startTestCore({ clock });
    const target = await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/hooks`, events: ['submission.created'], secret: 'pulse-secret' });
    expect(target).toMatchObject({ provider: 'feedbackpulse', scheme: 'feedbackpulse', retrySchedule: [15, 120, 600, 3600, 21600], timeoutSec: 5, active: true, secretHint: expect.any(String) });
    expect(JSON.stringify(target)).not.toContain('pulse-secret');

    const { ids } = await asLocal(core.api).call('emitEvent', { event: 'submission.created' });
    expect(ids).toHaveLength(1);
    const id = ids[0]!;
    let d = await waitForDelivery(core, id, (x) => x.attempts === 1 && x.state === 'pending');
    const start = clock.now();
    expect(d.lastStatus).toBe(500);
    expect(Date.parse(d.nextAttemptAt!)).toBe(start + 15_000);

    clock.advance(14_000);
    await core.sender.idle();
    expect(sink.received).toHaveLength(1); // not due yet
    clock.advance(1_000);
    d = await waitForDelivery(core, id, (x) => x.attempts === 2 && x.state === 'pending');
    expect(Date.parse(d.nextAttemptAt!)).toBe(start + 15_000 + 120_000);
    clock.advance(120_000);
    d = await waitForDelivery(core, id, (x) => x.state === 'succeeded');

    expect(d.timeline.map((a) => [a.attempt, a.outcome, a.response?.status])).toEqual([
      [1, 'http_status', 500],
      [2, 'http_status', 500],
      [3, 'success', 200],
    ]);
    expect(d.timeline.map((a) => Date.parse(a.scheduledFor) - start)).toEqual([0, 15_000, 135_000]);
    expect(sink.received).toHaveLength(3);
    const keys = new Set(sink.received.map((r) => header(r, 'Idempotency-Key')));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBe(d.idempotencyKey);
    const bodies = new Set(sink.received.map((r) => r.body.toString('base64')));
    expect(bodies.size).toBe(1);
    for (const r of sink.received) {
      expect(r.url).toBe('/hooks');
      expect(header(r, 'Content-Type')).toBe('application/json');
      expect(header(r, 'X-FeedbackPulse-Event')).toBe('submission.created');
      expect(header(r, 'X-FeedbackPulse-Signature')).toBe(`sha256=${createHmac('sha256', 'pulse-secret').update(r.body).digest('hex')}`);
    }
    // The FeedbackPulse envelope: event, ISO timestamp, data with its documented fields.
    const body = JSON.parse(sink.received[0]!.body.toString());
    expect(body).toMatchObject({ event: 'submission.created', data: { id: expect.any(Number), campaign_id: expect.any(Number), star_rating: expect.any(Number), status: 'pending' } });
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
  });

  it('after the last scheduled attempt the delivery is dead, in the DLQ, and resend puts it on a fresh schedule', async () => {
    const clock = new FakeClock();
    let answer = 500;
    const sink = await startSink((_r, res) => reply(res, answer));
    const core = await startTestCore({ clock });
    const target = await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], provider: 'feedbackpro', secret: 'pro' });
    const { ids } = await asLocal(core.api).call('emitEvent', { event: 'rating_submitted' });
    const id = ids[0]!;
    const start = clock.now();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await waitForDelivery(core, id, (x) => x.attempts === attempt && x.state === 'pending');
      clock.advance(target.retrySchedule[attempt - 1]! * 1000);
    }
    const dead = await waitForDelivery(core, id, (x) => x.state === 'dead');
    expect(dead.attempts).toBe(6);
    expect(dead.timeline.map((a) => (Date.parse(a.scheduledFor) - start) / 1000)).toEqual([0, 15, 135, 735, 4335, 25935]);
    expect(dead.timeline.at(-1)!.nextRetryAt).toBeNull();
    expect(dead.lastError).toBe('HTTP 500');

    const failed = await asLocal(core.api).call('listFailedDeliveries', {});
    expect(failed.items.map((x) => x.id)).toEqual([id]);

    answer = 200;
    const resent = await asLocal(core.api).call('resendFailedDelivery', { id });
    expect(resent).toEqual({ resent: [id], skipped: [] });
    const ok = await waitForDelivery(core, id, (x) => x.state === 'succeeded');
    expect(ok.attempts).toBe(7);
    expect((await asLocal(core.api).call('listFailedDeliveries', {})).items).toEqual([]);
    expect(new Set(sink.received.map((r) => header(r, 'Idempotency-Key'))).size).toBe(1);
  });

  it('https to a server that does not speak TLS is a TLS error; resend-all re-sends the whole DLQ', async () => {
    let status = 500;
    const sink = await startSink((_r, res) => reply(res, status));
    const core = await startTestCore();
    const tls = await asLocal(core.api).call('putWebhookConfig', { url: sink.url.replace('http:', 'https:'), events: ['*'], retrySchedule: 'none' });
    const plain = await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], retrySchedule: 'none' });
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) ids.push(...(await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).ids);
    for (const id of ids) await waitForDelivery(core, id, (x) => x.state === 'dead');
    const tlsLog = await asLocal(core.api).call('listDeliveryLogs', { target: [tls.id] });
    expect(tlsLog.items.map((a) => a.outcome)).toEqual(['tls', 'tls']);
    expect(tlsLog.items[0]!.error!.message).toMatch(/^TLS error/);
    status = 200;
    const all = await asLocal(core.api).call('resendAllFailed', { target: plain.id });
    expect(all.resent).toHaveLength(2);
    for (const id of all.resent) await waitForDelivery(core, id, (x) => x.state === 'succeeded');
    expect((await asLocal(core.api).call('listFailedDeliveries', {})).items.map((d) => d.targetId)).toEqual([tls.id, tls.id]);
    // Clearing the log: one target's finished deliveries, then everything finished.
    expect(await asLocal(core.api).call('deleteDeliveries', { target: plain.id })).toEqual({ deleted: 2 });
    expect((await asLocal(core.api).call('listDeliveries', {})).items.map((d) => d.targetId)).toEqual([tls.id, tls.id]);
    expect(await asLocal(core.api).call('deleteDeliveries', {})).toEqual({ deleted: 2 });
    expect((await asLocal(core.api).call('listDeliveryLogs', {})).items).toEqual([]);
  });

  it('deleting a target with attempts in flight loses nothing else: other deliveries in the same batch are recorded', async () => {
    const slow = await startSink((_r, res) => setTimeout(() => reply(res, 200), 300));
    const fast = await startSink((_r, res) => setTimeout(() => reply(res, 200), 300));
    const core = await startTestCore();
    const doomed = await asLocal(core.api).call('putWebhookConfig', { url: slow.url, events: ['*'] });
    await asLocal(core.api).call('putWebhookConfig', { url: fast.url, events: ['*'] });
    const { deliveries } = await asLocal(core.api).call('emitEvent', { event: 'submission.created' });
    await Promise.all([slow.waitFor(1), fast.waitFor(1)]);
    await asLocal(core.api).call('deleteWebhookTarget', { id: doomed.id });
    const kept = deliveries.find((d) => d.targetId !== doomed.id)!;
    await waitForDelivery(core, kept.id, (x) => x.state === 'succeeded');
    await expect(asLocal(core.api).call('getDelivery', { id: deliveries.find((d) => d.targetId === doomed.id)!.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await asLocal(core.api).call('listDeliveryLogs', {})).items.map((a) => a.deliveryId)).toEqual([kept.id]);
  });

  it('a target that hangs past the timeout fails with "timeout"; one refusing connections with "refused"', async () => {
    const hang = await startSink(() => {}); // never answers
    const port = await closedPort();
    const core = await startTestCore();
    const slow = await asLocal(core.api).call('putWebhookConfig', { url: hang.url, events: ['*'], timeoutSec: 0.3, retrySchedule: 'none' });
    const refused = await asLocal(core.api).call('putWebhookConfig', { url: `http://127.0.0.1:${port}/`, events: ['*'], retrySchedule: 'none' });
    const { deliveries } = await asLocal(core.api).call('emitEvent', { event: 'submission.created' });
    const byTarget = new Map(deliveries.map((d) => [d.targetId, d.id]));
    const t = await waitForDelivery(core, byTarget.get(slow.id)!, (x) => x.state === 'dead');
    expect(t.timeline[0]).toMatchObject({ outcome: 'timeout', response: null, error: { kind: 'timeout', message: 'no answer within 300 ms' } });
    expect(t.timeline[0]!.durationMs).toBeGreaterThanOrEqual(290);
    const r = await waitForDelivery(core, byTarget.get(refused.id)!, (x) => x.state === 'dead');
    expect(r.timeline[0]).toMatchObject({ outcome: 'refused', error: { kind: 'refused' } });
    expect(hang.received).toHaveLength(1);
  });

  it('410 Gone kills the delivery, switches the target off and moves its other pending deliveries to the DLQ', async () => {
    const clock = new FakeClock();
    let status = 503;
    const sink = await startSink((_r, res) => reply(res, status));
    const other = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore({ clock });
    const gone = await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], concurrency: 1 });
    const fine = await asLocal(core.api).call('putWebhookConfig', { url: other.url, events: ['*'] });
    const first = (await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).deliveries.find((d) => d.targetId === gone.id)!;
    await waitForDelivery(core, first.id, (x) => x.attempts === 1 && x.state === 'pending');
    const second = (await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).deliveries.find((d) => d.targetId === gone.id)!;
    await waitForDelivery(core, second.id, (x) => x.attempts === 1 && x.state === 'pending');
    // Both wait for their retry; the first one's retry (concurrency 1: alone) gets 410 Gone.
    status = 410;
    clock.advance(15_000);
    const killed = await waitForDelivery(core, first.id, (x) => x.state === 'dead');
    expect(killed.timeline.at(-1)!.response!.status).toBe(410);
    const swept = await waitForDelivery(core, second.id, (x) => x.state === 'dead');
    expect(swept.attempts).toBe(1); // moved to the DLQ without another attempt
    expect(swept.lastError).toMatch(/410 Gone/);
    expect(sink.received).toHaveLength(3);
    const after = (await asLocal(core.api).call('listWebhookTargets', {})).items.find((t) => t.id === gone.id)!;
    expect(after.active).toBe(false);
    expect(after.disabledReason).toMatch(/410 Gone/);
    const all = await asLocal(core.api).call('listFailedDeliveries', { target: [gone.id] });
    expect(all.items.map((d) => d.id).sort()).toEqual([first.id, second.id].sort());
    // New events skip the switched-off target; the healthy one still gets them.
    const later = await asLocal(core.api).call('emitEvent', { event: 'submission.created' });
    expect(later.deliveries.map((d) => d.targetId)).toEqual([fine.id]);
    expect(await asLocal(core.api).call('resendFailedDelivery', { id: first.id })).toMatchObject({ resent: [], skipped: [{ id: first.id, reason: expect.stringMatching(/switched off/) }] });
    // Switching it back on clears the reason and lets the DLQ be resent.
    const back = await asLocal(core.api).call('putWebhookConfig', { id: gone.id, url: sink.url, events: ['*'], active: true });
    expect(back).toMatchObject({ active: true, disabledReason: null });
  });

  it('honours Retry-After on 429 (seconds) and 503 (HTTP date) instead of the schedule', async () => {
    const clock = new FakeClock();
    const sink = await startSink((r, res) => {
      const n = sink.received.length;
      if (n === 1) return reply(res, 429, { 'Retry-After': '7' });
      if (n === 2) return reply(res, 503, { 'Retry-After': new Date(clock.now() + 42_000).toUTCString() });
      reply(res, 204);
    });
    const core = await startTestCore({ clock });
    await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'] });
    const id = (await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).ids[0]!;
    const d1 = await waitForDelivery(core, id, (x) => x.attempts === 1 && x.state === 'pending');
    expect(Date.parse(d1.nextAttemptAt!) - clock.now()).toBe(7_000);
    clock.advance(7_000);
    const d2 = await waitForDelivery(core, id, (x) => x.attempts === 2 && x.state === 'pending');
    expect(Date.parse(d2.nextAttemptAt!) - clock.now()).toBe(42_000);
    clock.advance(42_000);
    const done = await waitForDelivery(core, id, (x) => x.state === 'succeeded');
    expect(done.timeline.map((a) => a.response?.status)).toEqual([429, 503, 204]);
  });

  it('a slow target does not hold up a fast one; each stays within its concurrency limit', async () => {
    // The slow target answers nothing until released: no timing decides the outcome, however
    // loaded the machine is.
    let open = 0;
    let maxOpen = 0;
    let released = false;
    const held: (() => void)[] = [];
    const slow = await startSink((_r, res) => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      const answer = () => {
        open--;
        reply(res, 200);
      };
      if (released) setTimeout(answer, 20);
      else held.push(answer);
    });
    const fast = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore();
    // A long timeout: the held attempts must not time out while the fast target is watched.
    const s = await asLocal(core.api).call('putWebhookConfig', { url: slow.url, events: ['*'], concurrency: 2, timeoutSec: 60 });
    const f = await asLocal(core.api).call('putWebhookConfig', { url: fast.url, events: ['*'], concurrency: 2 });
    const emitted = await Promise.all(Array.from({ length: 8 }, () => asLocal(core.api).call('emitEvent', { event: 'submission.created' })));
    const all = emitted.flatMap((e) => e.deliveries);
    // Polled without waiting for the sender to go idle: the slow target's attempts are still open.
    const fastDone = async () => (await asLocal(core.api).call('listDeliveries', { target: [f.id], state: ['succeeded'] })).items.length;
    await expect.poll(fastDone, { timeout: 20_000, interval: 50 }).toBe(8);
    // All 8 fast ones went through while the slow target held its first two, and only two.
    await slow.waitFor(2);
    expect(slow.received).toHaveLength(2);
    expect((await asLocal(core.api).call('listDeliveries', { target: [s.id], state: ['succeeded'] })).items).toHaveLength(0);
    released = true;
    for (const answer of held.splice(0)) answer();
    for (const d of all.filter((x) => x.targetId === s.id)) await waitForDelivery(core, d.id, (x) => x.state === 'succeeded');
    expect(slow.received).toHaveLength(8);
    expect(maxOpen).toBe(2);
  });

  it('a paused target queues its deliveries and gets them on resume; editing a target mid-flight never stalls it', async () => {
    const sink = await startSink((_r, res) => setTimeout(() => reply(res, 200), 100));
    const core = await startTestCore();
    const target = await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], concurrency: 2, paused: true });
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(...(await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).ids);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.received).toHaveLength(0);
    expect((await asLocal(core.api).call('listDeliveries', { state: ['pending'] })).items).toHaveLength(6);
    await asLocal(core.api).call('putWebhookConfig', { id: target.id, url: sink.url, events: ['*'], paused: false });
    await sink.waitFor(1);
    // Changed while two attempts are in flight: the slots they hold are given back to the same target.
    await asLocal(core.api).call('putWebhookConfig', { id: target.id, url: sink.url, events: ['*', 'x'], concurrency: 3 });
    for (const id of ids) await waitForDelivery(core, id, (x) => x.state === 'succeeded');
    expect(sink.received).toHaveLength(6);
  });

  it('restart in the middle of a schedule: pending deliveries resume, none lost, none sent twice', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const sink = await startSink((r, res) => reply(res, sink.received.length <= 3 ? 500 : 200));
    const core = await startTestCore({ dataDir, clock });
    await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'] });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(...(await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).ids);
    for (const id of ids) await waitForDelivery(core, id, (x) => x.attempts === 1 && x.state === 'pending');
    forget(core);
    await core.close();

    clock.advance(16_000); // the first retries fell due while the app was closed
    const again = await startTestCore({ dataDir, clock });
    for (const id of ids) await waitForDelivery(again, id, (x) => x.state === 'succeeded');
    expect(sink.received).toHaveLength(6); // 3 failed first attempts + 3 retries, nothing repeated
    const perKey = new Map<string, number>();
    for (const r of sink.received) perKey.set(header(r, 'Idempotency-Key')!, (perKey.get(header(r, 'Idempotency-Key')!) ?? 0) + 1);
    expect([...perKey.values()]).toEqual([2, 2, 2]);
  });
});

let pgServer: Promise<PgServer> | null = null;
afterAll(async () => {
  if (pgServer) await (await pgServer).stop();
});

/** Where a core keeps its data: the SQLite file in its folder, or a fresh PostgreSQL database. */
const stores: [string, () => Promise<{ databaseUrl?: string }>][] = [['SQLite', async () => ({})]];
if (pgAvailable()) {
  stores.push([
    'PostgreSQL',
    async () => {
      pgServer ??= startPostgres();
      return { databaseUrl: await (await pgServer).createDatabase() };
    },
  ]);
}

describe.each(stores)('sender: claims and leases (%s)', (_name, database) => {
  it('a claim whose holder died is taken over when its lease ends: same idempotency key, the next attempt number', async () => {
    const clock = new FakeClock();
    const sink = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore({ clock, ...(await database()) });
    const target = await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], paused: true });
    const [delivery] = (await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).deliveries;
    // Another instance claims it for attempt 1 (a lease of about the target's timeout + 10 s) and dies.
    const start = clock.now();
    const [dead] = await core.store.deliveries.claimDue(target.id, start, 1, 35_000);
    expect(dead).toMatchObject({ id: delivery!.id, attempt: 1 });
    await asLocal(core.api).call('putWebhookConfig', { id: target.id, url: sink.url, events: ['*'], paused: false });
    await core.sender.idle();
    expect(sink.received).toHaveLength(0); // the lease still holds
    clock.advance(34_999);
    await core.sender.idle();
    expect(sink.received).toHaveLength(0);
    clock.advance(1);
    const done = await waitForDelivery(core, delivery!.id, (d) => d.state === 'succeeded');
    expect(done.attempts).toBe(2);
    // Due again when the lease ended.
    expect(done.timeline.map((a) => [a.attempt, Date.parse(a.scheduledFor) - start])).toEqual([[2, 35_000]]);
    expect(sink.received).toHaveLength(1);
    expect(header(sink.received[0]!, 'Idempotency-Key')).toBe(delivery!.idempotencyKey);
    // The dead holder's late report changes nothing.
    expect(await core.store.deliveries.record([attemptRecordOf(dead!, { outcome: 'http_status', status: 500, state: 'dead' })])).toEqual([]);
    expect((await asLocal(core.api).call('getDelivery', { id: delivery!.id })).timeline).toHaveLength(1);
  });
});

describe('sender: restart (SQLite)', () => {
  it('attempts cut short by a stop are taken over at start, as the next attempt with the same key', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const sink = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore({ dataDir, clock });
    const target = await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], paused: true });
    const [delivery] = (await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).deliveries;
    // Claimed as by an attempt in flight when the app was stopped: never recorded.
    await core.store.deliveries.claimDue(target.id, clock.now(), 1, 35_000);
    await asLocal(core.api).call('putWebhookConfig', { id: target.id, url: sink.url, events: ['*'], paused: false });
    forget(core);
    await core.close();

    const again = await startTestCore({ dataDir, clock });
    const done = await waitForDelivery(again, delivery!.id, (d) => d.state === 'succeeded');
    expect(done.timeline.map((a) => a.attempt)).toEqual([2]);
    expect(sink.received.map((r) => header(r, 'Idempotency-Key'))).toEqual([delivery!.idempotencyKey]);
  });
});

describe('sender: secrets', () => {
  it('a target whose secret only the desktop keychain can open is never sent unsigned headless', async () => {
    const dataDir = tempDir();
    // The keychain needs Electron; a key file under the keychain's tag stands in for it.
    const inner = KeyFileSecretBox.open(tempDir());
    const keychain: SecretBox = { kind: 'OS keychain', tag: KEYCHAIN_TAG, encrypt: (p) => inner.encrypt(p), decrypt: (s) => inner.decrypt(s) };
    const sink = await startSink();
    const desktop = await startTestCore({ dataDir, secretBox: keychain });
    const target = await asLocal(desktop.api).call('putWebhookConfig', { url: sink.url, events: ['*'], secret: 'desktop-only' });
    forget(desktop);
    await desktop.close();

    const headless = await startTestCore({ dataDir });
    const seen = (await asLocal(headless.api).call('listWebhookTargets', {})).items[0]!;
    expect(seen.secretUnavailable).toMatch(/desktop app \(OS keychain\)/);
    const [delivery] = (await asLocal(headless.api).call('sendTestEvent', { targetId: target.id })).deliveries;
    const done = await waitForDelivery(headless, delivery!.id, (d) => d.state === 'dead');
    expect(done.timeline[0]).toMatchObject({ outcome: 'signing', error: { message: expect.stringMatching(/secret is sealed by the desktop app/) } });
    expect(sink.received).toHaveLength(0);
  });
});

describe('sender: events, targets and logs', () => {
  it('one delivery per subscribed active target of the event\'s provider, each in its envelope; switched-off, unsubscribed and other providers\' targets get none', async () => {
    const sink = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore();
    const pulse = await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/pulse`, events: ['submission.created'] });
    const pulseAll = await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/pulse-all`, events: ['*'] });
    const space = await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/space`, events: ['*'], provider: 'feedspace', secret: 'whsec_abc' });
    const back = await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/back`, events: ['*'], provider: 'userback' });
    const stripeT = await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/stripe`, events: ['*'], provider: 'stripe', secret: 'whsec_s' });
    await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/off`, events: ['*'], active: false });
    await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/other`, events: ['submission.status_changed'] });
    const data = { id: 7, campaign_id: 1, star_rating: 5, text_feedback: 'Great', customer_name: 'Ann', status: 'pending' };
    const { deliveries } = await asLocal(core.api).call('emitEvent', { event: 'submission.created', data });
    expect(deliveries.map((d) => d.targetId).sort()).toEqual([pulse.id, pulseAll.id].sort());
    expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(1);
    await sink.waitFor(2);
    const at = (path: string) => sink.received.find((r) => r.url === path)!;
    expect(JSON.parse(at('/pulse').body.toString())).toEqual({ event: 'submission.created', timestamp: expect.any(String), data });
    // Each provider's own events, in its own envelope.
    const fs = (await asLocal(core.api).call('emitEvent', { event: 'feed.text.received', data: { id: 'feed_1' } })).deliveries;
    const ubd = (await asLocal(core.api).call('emitEvent', { event: 'feedback.update', data: { id: 42, url: 'https://app.userback.io/viewer/1/2/42/' } })).deliveries;
    const st = (await asLocal(core.api).call('emitEvent', { event: 'payment_intent.succeeded', data: { id: 'pi_1' } })).deliveries;
    expect([fs, ubd, st].map((d) => d.map((x) => x.targetId))).toEqual([[space.id], [back.id], [stripeT.id]]);
    await sink.waitFor(5);
    expect(JSON.parse(at('/space').body.toString())).toEqual({ type: 'feed.text.received', data: { id: 'feed_1' } });
    const ts = header(at('/space'), 'x-feedspace-timestamp')!;
    expect(header(at('/space'), 'x-feedspace-signature')).toBe(createHmac('sha256', 'whsec_abc').update(`${ts}.${at('/space').body.toString()}`).digest('hex'));
    const ub = at('/back');
    expect(header(ub, 'User-Agent')).toBe('Userback-Webhook');
    expect(header(ub, 'Content-Type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(ub.body.toString())).toEqual({ action: 'update', type: 'feedback', data: { id: 42, url: 'https://app.userback.io/viewer/1/2/42/' }, timestamp: expect.any(Number), url: 'https://app.userback.io/viewer/1/2/42/' });
    expect(JSON.parse(at('/stripe').body.toString())).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } }, id: st[0]!.eventId });
    // The provider filter and a verbatim payload.
    const only = await asLocal(core.api).call('emitEvent', { event: 'feed.text.received', provider: 'feedspace', payload: { type: 'feed.text.received', data: { custom: true } } });
    expect(only.deliveries.map((d) => d.targetId)).toEqual([space.id]);
    await sink.waitFor(6);
    expect(JSON.parse(sink.received[5]!.body.toString())).toEqual({ type: 'feed.text.received', data: { custom: true } });
  });

  it('the catalog has every provider\'s events with realistic samples: ids, timestamps, nulls never empty strings', async () => {
    const core = await startTestCore();
    const { items } = await asLocal(core.api).call('getEventCatalog', {});
    expect(items.map((p) => p.provider)).toEqual(['feedbackpulse', 'feedbackpro', 'feedspace', 'userback', 'standard-webhooks', 'github', 'stripe', 'custom']);
    const names = (p: string) => items.find((i) => i.provider === p)!.events.map((e) => e.name);
    expect(names('feedbackpulse')).toEqual(['submission.created', 'submission.status_changed']);
    expect(names('feedbackpro')).toEqual(['new_feedback', 'rating_submitted', 'nps_calculated', 'widget_dismissed']);
    expect(names('feedspace')).toEqual(['feed.text.received', 'feed.video.received', 'feed.audio.received']);
    expect(names('userback')).toEqual(['feedback.create', 'feedback.update', 'feedback.remove', 'comment.create', 'comment.update', 'comment.remove']);
    const strings: string[] = [];
    const walk = (v: unknown) => (typeof v === 'string' ? strings.push(v) : v && typeof v === 'object' ? Object.values(v).forEach(walk) : undefined);
    items.forEach((p) => p.events.forEach((e) => walk(e.envelope)));
    expect(strings).not.toContain('');
    const pro = items.find((i) => i.provider === 'feedbackpro')!.events[0]!.envelope;
    expect(pro).toMatchObject({ event: 'new_feedback', id: expect.stringMatching(/^evt_[0-9a-f]{24}$/), timestamp: expect.any(String) });
    expect(items.find((i) => i.provider === 'userback')!.events[0]!.envelope).toMatchObject({ action: 'create', type: 'feedback', timestamp: expect.any(Number) });
  });

  it('Send Test Event goes to one target with that provider\'s sample; delivery logs filter by event, status, target and date', async () => {
    const sink = await startSink((r, res) => reply(res, r.url === '/bad' ? 500 : 200));
    const port = await closedPort();
    const core = await startTestCore();
    const good = await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/good`, events: ['*'], provider: 'feedbackpro' });
    const bad = await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/bad`, events: ['*'], retrySchedule: 'none' });
    const down = await asLocal(core.api).call('putWebhookConfig', { url: `http://127.0.0.1:${port}/`, events: ['*'], retrySchedule: 'none' });
    const test = await asLocal(core.api).call('sendTestEvent', { targetId: good.id });
    expect(test.deliveries).toMatchObject([{ targetId: good.id, event: 'new_feedback', test: true }]);
    const emitted = await asLocal(core.api).call('emitEvent', { event: 'rating_submitted' });
    const pulse = await asLocal(core.api).call('emitEvent', { event: 'submission.created' });
    expect([emitted, pulse].map((e) => e.deliveries.map((d) => d.targetId).sort())).toEqual([[good.id], [bad.id, down.id].sort()]);
    for (const id of [...test.ids, ...emitted.ids, ...pulse.ids]) await waitForDelivery(core, id, (x) => x.state === 'succeeded' || x.state === 'dead');

    const logs = (input: Record<string, unknown>) => asLocal(core.api).call('listDeliveryLogs', input).then((p) => p.items);
    const all = await logs({});
    expect(all).toHaveLength(4);
    expect((await logs({ event: 'new_feedback' })).map((a) => a.targetId)).toEqual([good.id]);
    expect((await logs({ status: '5xx' })).map((a) => a.targetId)).toEqual([bad.id]);
    expect((await logs({ status: '500' })).map((a) => a.targetId)).toEqual([bad.id]);
    expect((await logs({ status: 'error' })).map((a) => a.targetId)).toEqual([down.id]);
    expect((await logs({ status: ['2xx'], event: 'rating_submitted' })).map((a) => a.targetId)).toEqual([good.id]);
    expect((await logs({ target: [bad.id, down.id] })).map((a) => a.targetId).sort()).toEqual([bad.id, down.id].sort());
    expect(await logs({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await logs({ to: new Date(Date.now() - 60_000).toISOString() })).toEqual([]);
    const one = (await logs({ event: 'new_feedback' }))[0]!;
    expect(one.request.headers).toEqual(expect.arrayContaining([['X-FeedbackPro-Event', 'new_feedback']]));
    expect(JSON.parse(one.request.body)).toMatchObject({ event: 'new_feedback', id: expect.stringMatching(/^evt_/) });
    expect(one.response).toMatchObject({ status: 200, body: '{"status":200}' });
    expect(one.response!.headers.length).toBeGreaterThan(0);
    // Paging.
    const page1 = await asLocal(core.api).call('listDeliveryLogs', { limit: 3 });
    const page2 = await asLocal(core.api).call('listDeliveryLogs', { limit: 3, cursor: page1.nextCursor! });
    expect([...page1.items, ...page2.items].map((a) => a.id)).toEqual(all.map((a) => a.id));
    expect(page2.nextCursor).toBeNull();
  });

  it('PUT config updates the target with the same URL, keeps or clears the secret, and refuses bad input clearly', async () => {
    const core = await startTestCore();
    const a = await asLocal(core.api).call('putWebhookConfig', { url: 'http://127.0.0.1:9/x', events: ['submission.created'], secret: 'one' });
    const b = await asLocal(core.api).call('putWebhookConfig', { url: 'http://127.0.0.1:9/x', events: ['submission.status_changed'] });
    expect(b.id).toBe(a.id);
    expect(b.secretHint).toBe(a.secretHint);
    const c = await asLocal(core.api).call('putWebhookConfig', { id: a.id, url: 'http://127.0.0.1:9/x', events: ['*'], secret: '' });
    expect(c.secretHint).toBeNull();
    expect((await asLocal(core.api).call('listWebhookTargets', {})).items).toHaveLength(1);
    await expect(asLocal(core.api).call('putWebhookConfig', { url: 'ftp://x', events: ['a'] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(asLocal(core.api).call('putWebhookConfig', { url: 'http://127.0.0.1:9/', events: [] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(asLocal(core.api).call('putWebhookConfig', { url: 'http://127.0.0.1:9/', events: ['a'], scheme: 'custom' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/customScheme/) });
    await expect(asLocal(core.api).call('putWebhookConfig', { id: 999, url: 'http://127.0.0.1:9/', events: ['a'] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(asLocal(core.api).call('sendTestEvent', { targetId: 999 })).rejects.toMatchObject({ code: 'not_found' });
    // A secret the scheme cannot sign with is refused when saved, not at send time.
    await expect(asLocal(core.api).call('putWebhookConfig', { url: 'http://127.0.0.1:9/sw', events: ['*'], provider: 'standard-webhooks', secret: 'not base64!' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/standard-webhooks scheme: A Standard Webhooks secret must be whsec_ \+ base64/),
    });
    const pulse = await asLocal(core.api).call('putWebhookConfig', { url: 'http://127.0.0.1:9/p', events: ['*'], secret: 'a plain secret!' });
    await expect(asLocal(core.api).call('putWebhookConfig', { id: pulse.id, url: pulse.url, events: ['*'], provider: 'standard-webhooks' })).rejects.toMatchObject({ code: 'invalid_input' });
    await asLocal(core.api).call('deleteWebhookTarget', { id: pulse.id });
    expect(await asLocal(core.api).call('deleteWebhookTarget', { id: a.id })).toEqual({ deleted: true });
    await expect(asLocal(core.api).call('sendTestEvent', {})).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
