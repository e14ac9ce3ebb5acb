import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYCHAIN_TAG, KeyFileSecretBox, SecretSealer, type SecretBox } from '../../../src/main/core/secrets/secret-box';
import { migrate } from '../../../src/main/core/store/postgres/migrate';
import { migrations } from '../../../src/main/core/store/postgres/migrations';
import { PgDeliveriesRepo } from '../../../src/main/core/store/postgres/deliveries-repo';
import { createPgDatabase, type PgDatabase } from '../../../src/main/core/store/postgres/pg-database';
import { PgTargetsRepo } from '../../../src/main/core/store/postgres/targets-repo';
import type { AttemptRecord, ClaimedDelivery, DeliveriesRepository, NewDelivery, TargetFields, TargetsRepository } from '../../../src/main/core/store/repositories';
import { openDb } from '../../../src/main/core/store/sqlite/db';
import { DeliveriesRepo } from '../../../src/main/core/store/sqlite/deliveries-repo';
import { TargetsRepo } from '../../../src/main/core/store/sqlite/targets-repo';
import { pgAvailable } from '../../helpers/postgres';
import { attemptRecordOf } from '../../helpers/sender';
import { freshPgDatabase } from '../../helpers/stores';
import { tempDir } from '../../helpers/temp-dir';

// The sender's half of the store port, held to one behaviour on both adapters: claims with leases
// and tokens, attempt numbers reserved at claim, and the lists and clean-ups the API offers.

interface Backend {
  kind: 'sqlite' | 'postgres';
  targets(sealer: SecretSealer): TargetsRepository;
  deliveries: DeliveriesRepository;
  /** Another instance on the same database (PostgreSQL: its own pool). */
  instance(): { deliveries: DeliveriesRepository; close(): Promise<void> };
  close(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const db = openDb({ dataDir: tempDir() });
  return {
    kind: 'sqlite',
    targets: (sealer) => new TargetsRepo(db, sealer),
    deliveries: new DeliveriesRepo(db),
    instance: () => ({ deliveries: new DeliveriesRepo(db), close: async () => undefined }),
    close: async () => void db.close(),
  };
}

async function postgresBackend(): Promise<Backend> {
  const url = await freshPgDatabase();
  const pools: PgDatabase[] = [createPgDatabase(url)];
  await migrate(pools[0]!, migrations);
  return {
    kind: 'postgres',
    targets: (sealer) => new PgTargetsRepo(pools[0]!, sealer),
    deliveries: new PgDeliveriesRepo(pools[0]!),
    instance: () => {
      const pool = createPgDatabase(url, { max: 4 });
      pools.push(pool);
      return { deliveries: new PgDeliveriesRepo(pool), close: () => pool.pool.end() };
    },
    close: async () => {
      for (const db of pools.splice(0)) await db.pool.end().catch(() => undefined);
    },
  };
}

const backends: [string, () => Promise<Backend>][] = [['SQLite', sqliteBackend]];
if (pgAvailable()) backends.push(['PostgreSQL', postgresBackend]);

const T0 = Date.parse('2026-03-01T12:00:00Z');
const LEASE = 60_000;

const fields = (over: Partial<TargetFields> = {}): TargetFields => ({
  url: 'https://hooks.example.test/in',
  events: ['*'],
  provider: 'feedbackpulse',
  scheme: 'feedbackpulse',
  customScheme: null,
  format: 'auto',
  retrySchedule: [15, 120],
  timeoutSec: 5,
  ssrf: 'off',
  concurrency: 4,
  active: true,
  paused: false,
  ...over,
});

let keySeq = 0;
const delivery = (targetId: number, over: Partial<NewDelivery> = {}): NewDelivery => ({
  eventId: `evt_${++keySeq}`,
  event: 'submission.created',
  provider: 'feedbackpulse',
  targetId,
  url: 'https://hooks.example.test/in',
  idempotencyKey: `key-${keySeq}-${Math.random().toString(36).slice(2)}`,
  body: Buffer.from(`{"n":${keySeq}}`),
  test: false,
  dueAt: T0,
  ...over,
});

const recordOf = (claim: ClaimedDelivery, over: Partial<AttemptRecord> = {}) => attemptRecordOf(claim, { startedAt: T0, ...over });

const failed = (claim: ClaimedDelivery, retryAt: number | null, over: Partial<AttemptRecord> = {}) =>
  recordOf(claim, { outcome: 'http_status', status: 500, errorMessage: 'HTTP 500', state: retryAt === null ? 'dead' : 'pending', nextRetryAt: retryAt, ...over });

describe.each(backends)('deliveries and targets on %s', (_name, open) => {
  let b: Backend;
  let sealer: SecretSealer;
  let targets: TargetsRepository;
  let deliveries: DeliveriesRepository;

  beforeEach(async () => {
    b = await open();
    sealer = new SecretSealer(KeyFileSecretBox.open(tempDir()));
    targets = b.targets(sealer);
    deliveries = b.deliveries;
  });
  afterEach(async () => {
    await b.close();
  });

  const target = (over: Partial<TargetFields> = {}) => targets.insert(fields(over));
  const create = async (targetId: number, n: number, over: Partial<NewDelivery> = {}) => deliveries.create(Array.from({ length: n }, () => delivery(targetId, over)));

  describe('targets', () => {
    it('insert, get, list, idByUrl, update, disable, delete', async () => {
      const a = await target({ url: 'https://a.test/', events: ['submission.created'], customScheme: null });
      const b2 = await target({ url: 'https://b.test/', provider: 'custom', scheme: 'custom', customScheme: { algorithm: 'sha256', encoding: 'hex', header: 'X-Sig', template: '{body}' }, timeoutSec: 2.5, paused: true });
      expect(await targets.get(a)).toMatchObject({ id: a, url: 'https://a.test/', events: ['submission.created'], provider: 'feedbackpulse', retrySchedule: [15, 120], timeoutSec: 5, active: true, paused: false, secretHint: null, disabledReason: null });
      expect(await targets.get(b2)).toMatchObject({ scheme: 'custom', customScheme: { header: 'X-Sig' }, timeoutSec: 2.5, paused: true });
      expect((await targets.list()).map((t) => t.id)).toEqual([a, b2]);
      expect(await targets.idByUrl('https://b.test/')).toBe(b2);
      expect(await targets.idByUrl('https://nowhere.test/')).toBeNull();
      expect(await targets.get(9999)).toBeNull();

      await targets.disable(a, 'it answered 410 Gone', T0);
      expect(await targets.get(a)).toMatchObject({ active: false, disabledReason: 'it answered 410 Gone' });
      // Saved still off: the reason stays; switched on: it goes.
      await targets.update(a, fields({ url: 'https://a.test/', active: false, concurrency: 9 }));
      expect(await targets.get(a)).toMatchObject({ active: false, disabledReason: 'it answered 410 Gone', concurrency: 9 });
      await targets.update(a, fields({ url: 'https://a.test/', active: true }));
      expect(await targets.get(a)).toMatchObject({ active: true, disabledReason: null });

      expect(await targets.delete(a)).toBe(true);
      expect(await targets.delete(a)).toBe(false);
      expect((await targets.list()).map((t) => t.id)).toEqual([b2]);
    });

    it('secrets are sealed, opened for the sender, removable; one sealed elsewhere reads as unavailable', async () => {
      const id = await target();
      await targets.setSecret(id, 'a-long-pulse-secret');
      expect(await targets.secretOf(id)).toBe('a-long-pulse-secret');
      const [withSecret] = await targets.withSecrets();
      expect(withSecret).toMatchObject({ secret: 'a-long-pulse-secret', target: { id, secretHint: '…cret', secretUnavailable: null } });
      expect(JSON.stringify(await targets.list())).not.toContain('a-long-pulse-secret');
      await targets.setSecret(id, null);
      expect(await targets.secretOf(id)).toBeNull();
      expect((await targets.get(id))!.secretHint).toBeNull();

      // Sealed by the desktop app's keychain (a key file under its tag stands in), read headless.
      const inner = KeyFileSecretBox.open(tempDir());
      const keychain: SecretBox = { kind: 'OS keychain', tag: KEYCHAIN_TAG, encrypt: (p) => inner.encrypt(p), decrypt: (s) => inner.decrypt(s) };
      await b.targets(new SecretSealer(keychain)).setSecret(id, 'desktop-only-secret');
      expect(await targets.secretOf(id)).toBeNull();
      expect(await targets.get(id)).toMatchObject({ secretHint: '…cret', secretUnavailable: expect.stringMatching(/desktop app \(OS keychain\)/) });
    });
  });

  describe('deliveries', () => {
    it('create makes pending deliveries due at dueAt; get, detail and summaries read them', async () => {
      const t = await target();
      const made = await deliveries.create([delivery(t, { test: true, dueAt: T0 + 5 }), delivery(t)]);
      expect(made).toHaveLength(2);
      expect(made[0]).toMatchObject({ targetId: t, state: 'pending', attempts: 0, test: true, nextAttemptAt: new Date(T0 + 5).toISOString(), lastStatus: null });
      expect(made[1]!.id).toBeGreaterThan(made[0]!.id);
      expect(await deliveries.get(made[0]!.id)).toEqual(made[0]);
      expect(await deliveries.get(999_999)).toBeNull();
      expect(await deliveries.summaries([made[1]!.id, 999_999, made[0]!.id])).toEqual(made);
      expect(await deliveries.summaries([])).toEqual([]);
      const detail = await deliveries.detail(made[0]!.id);
      expect(detail).toMatchObject({ id: made[0]!.id, payload: { headers: [], body: `{"n":${keySeq - 1}}` }, timeline: [] });
      expect(await deliveries.create([])).toEqual([]);
    });

    it('claims due deliveries oldest due first, up to the limit, and only once while the lease holds', async () => {
      const t = await target();
      const other = await target({ url: 'https://other.test/' });
      const [late, early, future] = await deliveries.create([delivery(t, { dueAt: T0 - 1_000 }), delivery(t, { dueAt: T0 - 5_000 }), delivery(t, { dueAt: T0 + 1_000 })]);
      const [elsewhere] = await create(other, 1);
      expect(await deliveries.claimDue(t, T0, 0, LEASE)).toEqual([]);
      const first = await deliveries.claimDue(t, T0, 1, LEASE);
      expect(first.map((c) => c.id)).toEqual([early!.id]);
      expect(first[0]).toMatchObject({ attempt: 1, cycleAttempts: 0, dueAt: T0 - 5_000, idempotencyKey: early!.idempotencyKey, targetId: t, claimToken: expect.any(String) });
      expect(first[0]!.body.toString()).toMatch(/^\{"n":\d+\}$/);
      const rest = await deliveries.claimDue(t, T0, 10, LEASE);
      expect(rest.map((c) => c.id)).toEqual([late!.id]);
      expect(await deliveries.claimDue(t, T0, 10, LEASE)).toEqual([]);
      expect((await deliveries.get(early!.id))!.state).toBe('sending');
      expect((await deliveries.get(future!.id))!.state).toBe('pending');
      expect((await deliveries.get(elsewhere!.id))!.state).toBe('pending');
      expect(new Set([first[0]!.claimToken, rest[0]!.claimToken]).size).toBe(2);
    });

    it('the claim reserves the attempt number; record stores the attempt and the next state', async () => {
      const t = await target();
      const [d] = await create(t, 1);
      const [c1] = await deliveries.claimDue(t, T0, 5, LEASE);
      expect(c1!.attempt).toBe(1);
      expect((await deliveries.get(d!.id))!.attempts).toBe(1);
      expect(await deliveries.record([failed(c1!, T0 + 15_000)])).toEqual([]);
      expect(await deliveries.get(d!.id)).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500', nextAttemptAt: new Date(T0 + 15_000).toISOString() });
      expect(await deliveries.claimDue(t, T0 + 14_999, 5, LEASE)).toEqual([]);
      const [c2] = await deliveries.claimDue(t, T0 + 15_000, 5, LEASE);
      expect(c2).toMatchObject({ attempt: 2, cycleAttempts: 1, dueAt: T0 + 15_000 });
      await deliveries.record([recordOf(c2!, { startedAt: T0 + 15_001 })]);
      const done = await deliveries.detail(d!.id);
      expect(done).toMatchObject({ state: 'succeeded', attempts: 2, lastStatus: 200, lastError: null, nextAttemptAt: null });
      expect(done!.timeline.map((a) => [a.attempt, a.outcome, a.response?.status, a.error?.kind ?? null])).toEqual([
        [1, 'http_status', 500, 'http_status'],
        [2, 'success', 200, null],
      ]);
      expect(done!.timeline[1]).toMatchObject({
        scheduledFor: new Date(T0 + 15_000).toISOString(),
        startedAt: new Date(T0 + 15_001).toISOString(),
        durationMs: 12,
        request: { method: 'POST', headers: [['Content-Type', 'application/json']], body: done!.payload.body },
        response: { status: 200, headers: [['X-Seen', 'yes']], body: 'ok', truncated: false },
        nextRetryAt: null,
      });
      expect(done!.timeline[0]!.nextRetryAt).toBe(new Date(T0 + 15_000).toISOString());
      expect(done!.payload.headers).toEqual([['Content-Type', 'application/json']]);
    });

    it('a claim whose lease ended is taken over as the next attempt with the same key; the old holder\'s record is dropped', async () => {
      const t = await target();
      const [d] = await create(t, 1);
      const [held] = await deliveries.claimDue(t, T0, 5, 1_000);
      expect(await deliveries.claimDue(t, T0 + 999, 5, 1_000)).toEqual([]);
      // The holder died (or stalled): at the lease's end another claim takes the delivery over.
      const [taken] = await b.instance().deliveries.claimDue(t, T0 + 1_000, 5, 1_000);
      expect(taken).toMatchObject({ id: d!.id, attempt: 2, idempotencyKey: d!.idempotencyKey, dueAt: T0 + 1_000 });
      expect(taken!.claimToken).not.toBe(held!.claimToken);
      // The stale holder reports late: nothing changes, nothing is logged.
      expect(await deliveries.record([recordOf(held!, { disableTarget: 'stale 410' })])).toEqual([]);
      expect(await deliveries.get(d!.id)).toMatchObject({ state: 'sending', attempts: 2, lastStatus: null });
      expect((await targets.get(t))!.active).toBe(true);
      expect((await deliveries.logs({}, 10, null)).items).toEqual([]);
      await deliveries.record([recordOf(taken!)]);
      expect(await deliveries.get(d!.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
      expect((await deliveries.logs({}, 10, null)).items.map((a) => a.attempt)).toEqual([2]);
      // A record for a delivery no longer sending (already recorded) is dropped too.
      await deliveries.record([failed(taken!, null)]);
      expect((await deliveries.get(d!.id))!.state).toBe('succeeded');
    });

    it('nextDue is the earliest pending due time or lease end; finished deliveries do not count', async () => {
      const t = await target();
      expect(await deliveries.nextDue(t)).toBeNull();
      const [a] = await create(t, 1, { dueAt: T0 + 50_000 });
      await create(t, 1, { dueAt: T0 });
      expect(await deliveries.nextDue(t)).toBe(T0);
      const [c] = await deliveries.claimDue(t, T0, 1, 10_000);
      expect(await deliveries.nextDue(t)).toBe(T0 + 10_000);
      await deliveries.record([recordOf(c!)]);
      expect(await deliveries.nextDue(t)).toBe(T0 + 50_000);
      const [ca] = await deliveries.claimDue(t, T0 + 50_000, 1, 10_000);
      expect(ca!.id).toBe(a!.id);
      await deliveries.record([failed(ca!, null)]);
      expect(await deliveries.nextDue(t)).toBeNull();
    });

    it('410: the target is switched off and its other pending deliveries are dead; claimed ones are left to their holder', async () => {
      const t = await target();
      const other = await target({ url: 'https://other.test/' });
      const [gone, , inFlight] = await create(t, 3);
      const [pending1, pending2] = await create(t, 2, { dueAt: T0 + 60_000 });
      const [untouched] = await create(other, 1);
      const claims = await deliveries.claimDue(t, T0, 3, LEASE);
      expect(claims.map((c) => c.id)).toContain(inFlight!.id);
      const goneClaim = claims.find((c) => c.id === gone!.id)!;
      const finished = claims.find((c) => c.id !== gone!.id && c.id !== inFlight!.id)!;
      const killed = await deliveries.record([
        recordOf(finished),
        recordOf(goneClaim, { outcome: 'http_status', status: 410, errorMessage: 'HTTP 410 Gone', state: 'dead', disableTarget: 'The target answered 410 Gone' }),
      ]);
      expect(killed.sort((x, y) => x - y)).toEqual([pending1!.id, pending2!.id]);
      expect(await targets.get(t)).toMatchObject({ active: false, disabledReason: 'The target answered 410 Gone' });
      expect(await deliveries.get(pending1!.id)).toMatchObject({ state: 'dead', attempts: 0, lastError: 'The target answered 410 Gone', nextAttemptAt: null });
      expect((await deliveries.get(gone!.id))!).toMatchObject({ state: 'dead', lastStatus: 410 });
      expect((await deliveries.get(inFlight!.id))!.state).toBe('sending');
      expect((await deliveries.get(untouched!.id))!.state).toBe('pending');
      expect((await targets.get(other))!.active).toBe(true);
    });

    it('resend puts dead deliveries back on a fresh schedule, due now; others are skipped', async () => {
      const t = await target();
      const [d, alive] = await create(t, 2);
      const [c1, c2] = await deliveries.claimDue(t, T0, 2, LEASE);
      await deliveries.record([failed(c1!, null, { cycleAttempts: 3 }), failed(c2!, T0 + 15_000)]);
      expect(await deliveries.deadIds()).toEqual([d!.id]);
      expect(await deliveries.resend([d!.id, alive!.id, 999_999], T0 + 100)).toEqual([d!.id]);
      expect(await deliveries.get(d!.id)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(T0 + 100).toISOString() });
      expect(await deliveries.resend([], T0)).toEqual([]);
      const [again] = await deliveries.claimDue(t, T0 + 100, 5, LEASE);
      expect(again).toMatchObject({ id: d!.id, attempt: 2, cycleAttempts: 0, idempotencyKey: d!.idempotencyKey });
    });

    it('recoverInterrupted: SQLite (one process) ends every lease at once; PostgreSQL leaves them to end', async () => {
      const t = await target();
      const [d] = await create(t, 1);
      await deliveries.claimDue(t, T0, 1, LEASE);
      const ended = await deliveries.recoverInterrupted(T0 + 1);
      const retaken = await deliveries.claimDue(t, T0 + 1, 1, LEASE);
      if (b.kind === 'sqlite') {
        expect(ended).toBe(1);
        expect(retaken).toMatchObject([{ id: d!.id, attempt: 2 }]);
      } else {
        expect(ended).toBe(0);
        expect(retaken).toEqual([]);
      }
    });

    it('list and logs filter by event, target, state, status and time, newest first, with cursors', async () => {
      const t1 = await target();
      const t2 = await target({ url: 'https://two.test/' });
      const before = Date.now();
      const made = [
        ...(await create(t1, 2, { event: 'a.one' })),
        ...(await create(t2, 2, { event: 'b.two' })),
        ...(await create(t1, 1, { event: 'b.two' })),
      ];
      const ids = made.map((d) => d.id);
      const claims = [...(await deliveries.claimDue(t1, T0, 10, LEASE)), ...(await deliveries.claimDue(t2, T0, 1, LEASE))];
      const byId = new Map(claims.map((c) => [c.id, c]));
      // t1: 200, 503, refused; t2: 404; the last of t2 is never attempted.
      await deliveries.record([
        recordOf(byId.get(ids[0]!)!, { startedAt: T0 + 1 }),
        failed(byId.get(ids[1]!)!, T0 + 15_000, { status: 503, startedAt: T0 + 2 }),
        failed(byId.get(ids[4]!)!, null, { outcome: 'refused', status: null, responseHeaders: null, responseBody: null, errorMessage: 'connection refused', startedAt: T0 + 3 }),
        failed(byId.get(ids[2]!)!, null, { status: 404, startedAt: T0 + 4 }),
      ]);
      const list = async (filter: object, limit = 50, cursor: number | null = null) => (await deliveries.list(filter, limit, cursor)).items.map((d) => d.id);
      const logs = async (filter: object) => (await deliveries.logs(filter, 50, null)).items.map((a) => a.deliveryId);
      expect(await list({})).toEqual([...ids].reverse());
      expect(await list({ event: ['b.two'] })).toEqual([ids[4], ids[3], ids[2]]);
      expect(await list({ target: [t2] })).toEqual([ids[3], ids[2]]);
      expect(await list({ state: ['dead'] })).toEqual([ids[4], ids[2]]);
      expect(await list({ state: ['pending', 'sending'] })).toEqual([ids[3], ids[1]]);
      expect(await list({ status: ['5xx'] })).toEqual([ids[1]]);
      expect(await list({ status: ['404', '200'] })).toEqual([ids[2], ids[0]]);
      // Not attempted yet: no status at all, not even "error".
      expect(await list({ status: ['error'] })).toEqual([ids[4]]);
      expect(await list({ from: before - 60_000, to: Date.now() + 60_000 })).toHaveLength(5);
      expect(await list({ from: Date.now() + 60_000 })).toEqual([]);
      expect(await list({ event: ['b.two'], target: [t1], state: ['dead'], status: ['error'] })).toEqual([ids[4]]);

      const page1 = await deliveries.list({}, 2, null);
      expect(page1.items.map((d) => d.id)).toEqual([ids[4], ids[3]]);
      const page2 = await deliveries.list({}, 2, Number(page1.nextCursor));
      const page3 = await deliveries.list({}, 2, Number(page2.nextCursor));
      expect([...page2.items, ...page3.items].map((d) => d.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect(page3.nextCursor).toBeNull();

      expect(await logs({})).toEqual([ids[2], ids[4], ids[1], ids[0]]);
      expect(await logs({ status: ['error'] })).toEqual([ids[4]]);
      expect(await logs({ status: ['4xx', '5xx'] })).toEqual([ids[2], ids[1]]);
      expect(await logs({ target: [t2] })).toEqual([ids[2]]);
      expect(await logs({ event: ['a.one'] })).toEqual([ids[1], ids[0]]);
      expect(await logs({ from: T0 + 2, to: T0 + 3 })).toEqual([ids[4], ids[1]]);
      const refused = (await deliveries.logs({ status: ['error'] }, 5, null)).items[0]!;
      expect(refused).toMatchObject({ outcome: 'refused', response: null, error: { kind: 'refused', message: 'connection refused' } });
      const l1 = await deliveries.logs({}, 3, null);
      const l2 = await deliveries.logs({}, 3, Number(l1.nextCursor));
      expect([...l1.items, ...l2.items].map((a) => a.deliveryId)).toEqual([ids[2], ids[4], ids[1], ids[0]]);
      expect(l2.nextCursor).toBeNull();
    });

    it('deleteInStates deletes finished (and pending) deliveries with their attempts, never one being sent; deadIds', async () => {
      const t1 = await target();
      const t2 = await target({ url: 'https://two.test/' });
      const [ok, dead, sending] = await create(t1, 3);
      const [pending] = await create(t1, 1, { dueAt: T0 + 60_000 });
      const [dead2] = await create(t2, 1);
      const claims = await deliveries.claimDue(t1, T0, 3, LEASE);
      const [c2] = await deliveries.claimDue(t2, T0, 1, LEASE);
      const claimOf = (id: number) => claims.find((c) => c.id === id)!;
      await deliveries.record([recordOf(claimOf(ok!.id)), failed(claimOf(dead!.id), null), failed(c2!, null)]);
      expect(await deliveries.deadIds()).toEqual([dead!.id, dead2!.id]);
      expect(await deliveries.deadIds(t2)).toEqual([dead2!.id]);

      expect(await deliveries.deleteInStates(['succeeded', 'dead'], t1)).toBe(2);
      expect(await deliveries.get(ok!.id)).toBeNull();
      expect(await deliveries.detail(dead!.id)).toBeNull();
      expect((await deliveries.logs({}, 10, null)).items.map((a) => a.deliveryId)).toEqual([dead2!.id]);
      expect(await deliveries.deleteInStates(['succeeded', 'dead', 'pending'])).toBe(2);
      expect((await deliveries.list({}, 10, null)).items.map((d) => d.id)).toEqual([sending!.id]);
      expect(await deliveries.get(pending!.id)).toBeNull();
      expect(await deliveries.deadIds()).toEqual([]);
      // Deleting the target takes its deliveries along, the one in flight too; its record is then dropped.
      await targets.delete(t1);
      expect(await deliveries.get(sending!.id)).toBeNull();
      expect(await deliveries.record([recordOf(claimOf(sending!.id))])).toEqual([]);
    });
  });

  it.runIf(_name === 'PostgreSQL')('two instances claiming 200 due deliveries at once get disjoint sets covering all of them', async () => {
    const t = await target({ concurrency: 200 });
    const made = await create(t, 200);
    const a = b.instance();
    const c = b.instance();
    try {
      const claimed: ClaimedDelivery[][] = [[], []];
      // Connected first, so neither drains the queue while the other is still connecting.
      await Promise.all([a, c].map((instance) => instance.deliveries.nextDue(t)));
      // Both claim in small batches as fast as they can, at the same time.
      await Promise.all(
        [a, c].map(async (instance, i) => {
          for (;;) {
            const got = await instance.deliveries.claimDue(t, T0, 3, LEASE);
            if (got.length === 0) break;
            claimed[i]!.push(...got);
          }
        }),
      );
      const [ofA, ofC] = claimed.map((list) => list.map((x) => x.id));
      expect(ofA!.length).toBeGreaterThan(0);
      expect(ofC!.length).toBeGreaterThan(0);
      expect(ofA!.filter((id) => ofC!.includes(id))).toEqual([]);
      expect([...ofA!, ...ofC!].sort((x, y) => x - y)).toEqual(made.map((d) => d.id));
      expect(new Set([...claimed[0]!, ...claimed[1]!].map((x) => x.attempt))).toEqual(new Set([1]));
    } finally {
      await a.close();
      await c.close();
    }
  });
});
