import { afterEach, describe, expect, it, vi } from 'vitest';
import { DriftJudge } from '../../src/main/core/schemas/drift-judge';
import { PinnedValidator } from '../../src/main/core/schemas/pinned-validator';
import { SchemaTracker } from '../../src/main/core/schemas/schema-tracker';
import { PushBus } from '../../src/main/core/push-bus';
import { openStore } from '../../src/main/core/store/open-store';
import type { NewRequest, Store } from '../../src/main/core/store/repositories';
import type { PushEvent } from '../../src/shared/contract';
import { tempDir } from '../helpers/temp-dir';

/**
 * The schema tracker on a real SQLite store, for what the API cannot show: it only queues on the
 * capture's turn, batches one schema write per (endpoint, event), skips what is not JSON, survives
 * a failed write, and drops work instead of growing without end.
 */

const stores: Store[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) await store.close();
});

async function setup(enabled = true) {
  const store = await openStore({ dataDir: tempDir() });
  stores.push(store);
  const push = new PushBus();
  const events: PushEvent[] = [];
  push.subscribe((e) => events.push(e));
  const tracker = new SchemaTracker({ schemas: store.schemas, requests: store.requests, settings: store.settings, judge: new DriftJudge(new PinnedValidator()), push, enabled });
  const capture = async (body: string | Buffer, over: Partial<NewRequest> = {}) => {
    const bytes = Buffer.from(body);
    const { summary } = await store.requests.insert({
      endpoint: null, method: 'POST', path: '/hook', query: '', headers: [], body: bytes, size: bytes.length, truncated: false,
      contentType: 'application/json', event: 'e', scheme: null, verification: null, status: 200, clientAddress: null, viaTunnel: false, receivedAt: Date.now(), ...over,
    });
    tracker.track(summary, bytes);
    return summary.id;
  };
  return { store, tracker, capture, events };
}

describe('schema tracker', () => {
  it('queues on the capture turn and writes each schema once per batch', async () => {
    const { store, tracker, capture } = await setup();
    const update = vi.spyOn(store.schemas, 'update');
    await Promise.all([
      capture('{"a":1}'),
      capture('{"a":2}'),
      capture('{"a":3}', { endpoint: 'shop' }),
      capture('{"b":1}', { event: 'other' }),
    ]);
    expect(update).not.toHaveBeenCalled();
    await tracker.flush();
    expect(update).toHaveBeenCalledTimes(3);
    expect((await store.schemas.get({ endpoint: null, event: 'e' }))!.samples).toBe(2);
    expect(tracker.stats).toMatchObject({ queued: 4, learned: 4, batches: 1, dropped: 0 });
  });

  it('learns only complete JSON bodies of a named event', async () => {
    const { store, tracker, capture } = await setup();
    await capture('{"a":1}', { truncated: true });
    await capture('a=1', { contentType: 'application/x-www-form-urlencoded' });
    await capture('{"a":1}', { event: null });
    await capture('');
    await capture('{"a":', { contentType: 'application/vnd.api+json; charset=utf-8' });
    await capture('  [1, 2]', { contentType: null });
    await capture('hello', { contentType: null });
    await tracker.flush();
    expect(tracker.stats.queued).toBe(2); // the +json one, and the array without a content type
    expect(await store.schemas.list()).toMatchObject([{ event: 'e', samples: 1 }]);
  });

  it('a schema write that fails is logged, and the next batch reads the stored schema again', async () => {
    const { store, tracker, capture } = await setup();
    await capture('{"a":1}');
    await tracker.flush();
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(store.schemas, 'update').mockRejectedValueOnce(new Error('disk full'));
    await capture('{"a":2}');
    await tracker.flush();
    expect(String(errors.mock.calls[0]?.[0])).toContain('schema of e not updated: disk full');
    await capture('{"a":3}');
    await tracker.flush();
    // The failed batch's sample was never stored, and the one after it was learned on top of what was.
    expect((await store.schemas.get({ endpoint: null, event: 'e' }))!.samples).toBe(2);
  });

  it('drops captures once 32 MB of bodies wait, rather than grow without end', async () => {
    const { tracker, capture } = await setup();
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const big = `{"x":"${'a'.repeat(1024 * 1024 - 10)}"}`;
    await Promise.all(Array.from({ length: 40 }, () => capture(big)));
    expect(tracker.stats.dropped).toBeGreaterThan(0);
    expect(tracker.stats.queued + tracker.stats.dropped).toBe(40);
    await tracker.flush();
  });

  it('off, it queues nothing', async () => {
    const { store, tracker, capture } = await setup(false);
    await capture('{"a":1}');
    await tracker.flush();
    expect(tracker.stats.queued).toBe(0);
    expect(await store.schemas.list()).toEqual([]);
  });
});
