import { describe, expect, it } from 'vitest';
import type { DriftDifference } from '../../../src/shared/contracts/drift';
import { emptyShape, observe } from '../../../src/shared/contracts/shape';
import type { NewRequest, SchemaRef, SchemaWrite, Store, StoredSchema } from '../../../src/main/core/store/repositories';
import { RequestFilter, type RequestFilterInput } from '../../../src/shared/request-filter';
import { storeAdapters } from '../../helpers/stores';

/**
 * The schemas half of the store port (issue 15), held to one behaviour on both adapters: learned
 * schemas per (endpoint, event) with their atomic read-modify-write (also between two stores on
 * one database, as two instances would be), and each capture's drift flag with its filter and
 * counts.
 */

const T0 = Date.parse('2026-11-20T12:00:00Z');

const shapeOf = (...bodies: unknown[]) => {
  const shape = emptyShape();
  bodies.forEach((body, i) => observe(shape, body, i + 1));
  return shape;
};

const write = (over: Partial<SchemaWrite> = {}): SchemaWrite => {
  const shape = over.shape ?? shapeOf({ id: 1, type: 'a' });
  return { shape, samples: shape.samples, firstSeen: T0, lastSeen: T0 + 1000, pinned: null, ...over };
};

/** Adds one sample to whatever is stored (a change as the tracker makes it). */
const addSample =
  (id: number) =>
  (current: StoredSchema | null): SchemaWrite => {
    const shape = observe(current?.shape ?? emptyShape(), { n: id }, id);
    return { shape, samples: shape.samples, firstSeen: current?.firstSeen ?? T0, lastSeen: T0 + id, pinned: current?.pinned ?? null };
  };

function capture(over: Partial<NewRequest> = {}): NewRequest {
  const body = Buffer.from('{"a":1}');
  return {
    endpoint: null, method: 'POST', path: '/hook', query: '', headers: [['Content-Type', 'application/json']], body, size: body.length,
    truncated: false, contentType: 'application/json', event: 'order.created', scheme: null, verification: null, status: 200,
    clientAddress: '127.0.0.1', viaTunnel: false, receivedAt: T0, ...over,
  };
}

const NEW_FIELD: DriftDifference = { kind: 'new_field', path: 'data.coupon', expected: null, actual: 'string' };
const MISSING: DriftDifference = { kind: 'missing_field', path: 'data["a.b"]', expected: 'integer | null', actual: null };

const ids = async (store: Store, input: RequestFilterInput) =>
  (await store.requests.list(RequestFilter.parse(input), { limit: 100, after: null })).items.map((r) => r.id);

describe.each(storeAdapters)('schemas: $name', (adapter) => {
  const test = it.skipIf(!adapter.available);

  describe('learned schemas', () => {
    test('start empty; get of an unknown schema is null', async () => {
      const { store } = await adapter.open();
      expect(await store.schemas.list()).toEqual([]);
      expect(await store.schemas.get({ endpoint: null, event: 'x' })).toBeNull();
    });

    test('update creates a schema (version 1) that get returns as written; the default inbox is endpoint null', async () => {
      const { store } = await adapter.open();
      const pinned = { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, 'ü ✓': { const: 'x' } } };
      const written = write({ pinned });
      const made = await store.schemas.update({ endpoint: null, event: 'order.created' }, () => written);
      expect(made).toEqual({ endpoint: null, event: 'order.created', ...written, version: 1 });
      expect(await store.schemas.get({ endpoint: null, event: 'order.created' })).toEqual(made);
      expect(await store.schemas.get({ endpoint: 'stripe', event: 'order.created' })).toBeNull();
      expect(await store.schemas.list()).toEqual([
        { endpoint: null, event: 'order.created', samples: 1, firstSeen: T0, lastSeen: T0 + 1000, pinned: true, version: 1 },
      ]);
    });

    test('update hands the current row to the change, bumps the version, and keeps it when the change returns null', async () => {
      const { store } = await adapter.open();
      const ref: SchemaRef = { endpoint: 'stripe', event: 'charge.succeeded' };
      expect(await store.schemas.update(ref, () => null)).toBeNull();
      expect(await store.schemas.list()).toEqual([]);
      const first = structuredClone(await store.schemas.update(ref, addSample(1)));
      let seen: StoredSchema | null = null;
      const second = await store.schemas.update(ref, (current) => {
        seen = structuredClone(current);
        return addSample(2)(current);
      });
      expect(seen).toEqual(first);
      expect(second).toMatchObject({ version: 2, samples: 2, lastSeen: T0 + 2 });
      expect(await store.schemas.update(ref, () => null)).toEqual(second);
      expect(await store.schemas.get(ref)).toEqual(second);
      // Unpinned again: pinned back to null.
      await store.schemas.update(ref, (current) => ({ ...write(), shape: current!.shape, samples: current!.samples, pinned: { type: 'object' } }));
      const unpinned = await store.schemas.update(ref, (current) => ({ ...write(), shape: current!.shape, samples: current!.samples, pinned: null }));
      expect(unpinned).toMatchObject({ version: 4, pinned: null, samples: 2 });
      expect(await store.schemas.get(ref)).toEqual(unpinned);
    });

    test('a cached copy with the current version is what the change gets; a stale one is read again', async () => {
      const { store } = await adapter.open();
      const ref: SchemaRef = { endpoint: null, event: 'e' };
      const cached = (await store.schemas.update(ref, addSample(1)))!;
      let seen: StoredSchema | null = null;
      let seenThen: StoredSchema | null = null;
      const capture = (current: StoredSchema | null) => ((seen = current), (seenThen = structuredClone(current)), addSample(2)(current));
      const next = structuredClone((await store.schemas.update(ref, capture, cached))!);
      expect(seen).toBe(cached);
      // `cached` is version 1, the row version 2 now (as after another instance's write).
      await store.schemas.update(ref, capture, { ...cached, version: 1 });
      expect(seen).not.toBe(cached);
      expect(seenThen).toEqual(next);
      expect(await store.schemas.get(ref)).toMatchObject({ version: 3, samples: 3 });
    });

    test('list: by event in byte order, then endpoint; or of one endpoint (null: the default inbox)', async () => {
      const { store } = await adapter.open();
      for (const [endpoint, event] of [['stripe', 'b'], [null, 'b'], ['gh', 'a-z'], [null, 'aa'], ['gh', 'B'], ['stripe', 'a-z']] as const) {
        await store.schemas.update({ endpoint, event }, () => write());
      }
      const keys = (list: { endpoint: string | null; event: string }[]) => list.map((s) => `${s.endpoint ?? '-'}/${s.event}`);
      // '-' (0x2d) sorts before letters and 'B' before 'a', whatever the database's locale; '' (the inbox) before slugs.
      expect(keys(await store.schemas.list())).toEqual(['gh/B', 'gh/a-z', 'stripe/a-z', '-/aa', '-/b', 'stripe/b']);
      expect(keys(await store.schemas.list('gh'))).toEqual(['gh/B', 'gh/a-z']);
      expect(keys(await store.schemas.list(null))).toEqual(['-/aa', '-/b']);
    });

    test('two stores on one database (two instances) updating one schema at once lose no update, creating it included', async () => {
      const { store, reopen } = await adapter.open();
      const other = await reopen();
      const ref: SchemaRef = { endpoint: 'shop', event: 'orders/create' };
      const updates = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? store : other).schemas.update(ref, addSample(i + 1)));
      await Promise.all(updates);
      const stored = (await store.schemas.get(ref))!;
      expect(stored.samples).toBe(40);
      expect(stored.shape.samples).toBe(40);
      expect(stored.version).toBe(40);
    });
  });

  describe('drift of captures', () => {
    test('summaries say drift null until flagged; setDrift flags, replaces and clears; false for a capture that is gone', async () => {
      const { store } = await adapter.open();
      const { summary } = await store.requests.insert(capture());
      expect(summary.drift).toBeNull();
      expect((await store.requests.get(summary.id))!.drift).toBeNull();
      expect(await store.requests.setDrift(summary.id, [NEW_FIELD, MISSING])).toBe(true);
      expect((await store.requests.get(summary.id))!.drift).toEqual([NEW_FIELD, MISSING]);
      const listed = await store.requests.list(RequestFilter.parse({}), { limit: 10, after: null });
      expect(listed.items[0]!.drift).toEqual([NEW_FIELD, MISSING]);
      expect(await store.requests.setDrift(summary.id, [MISSING])).toBe(true);
      expect((await store.requests.get(summary.id))!.drift).toEqual([MISSING]);
      expect(await store.requests.setDrift(summary.id, null)).toBe(true);
      expect((await store.requests.get(summary.id))!.drift).toBeNull();
      expect(await store.requests.setDrift(summary.id + 1000, [NEW_FIELD])).toBe(false);
    });

    test('the drift filter: flagged (newest first, with other conditions and text) or not flagged; positions walk it too', async () => {
      const { store } = await adapter.open();
      const made = [];
      for (let i = 0; i < 8; i++) {
        const body = Buffer.from(JSON.stringify({ word: i % 2 ? 'odd' : 'even' }));
        made.push((await store.requests.insert(capture({ receivedAt: T0 + i, body, size: body.length, endpoint: i < 4 ? 'stripe' : null }))).summary.id);
      }
      const flagged = [made[1]!, made[2]!, made[5]!, made[6]!];
      for (const id of flagged) await store.requests.setDrift(id, [NEW_FIELD]);
      expect(await ids(store, { drift: true })).toEqual([...flagged].reverse());
      expect(await ids(store, { drift: 'true' as unknown as boolean, order: 'oldest' })).toEqual(flagged);
      expect(await ids(store, { drift: false, order: 'oldest' })).toEqual(made.filter((id) => !flagged.includes(id)));
      expect(await ids(store, { drift: true, endpoint: ['stripe'] })).toEqual([made[2], made[1]]);
      expect(await ids(store, { drift: true, endpoint: [''], event: ['order.created'] })).toEqual([made[6], made[5]]);
      expect(await ids(store, { drift: true, q: 'odd' })).toEqual([made[5], made[1]]);
      expect(await ids(store, { drift: false, q: 'odd', order: 'oldest' })).toEqual([made[3], made[7]]);
      const positions = await store.requests.listPositions(RequestFilter.parse({ drift: true, order: 'oldest' }), { limit: 3, after: null });
      expect(positions.ids).toEqual(flagged.slice(0, 3));
      const rest = await store.requests.listPositions(RequestFilter.parse({ drift: true, order: 'oldest' }), { limit: 3, after: positions.next });
      expect(rest.ids).toEqual(flagged.slice(3));
    });

    test('driftCounts: flagged captures per (endpoint, event), the default inbox as null; cleared and deleted ones leave', async () => {
      const { store } = await adapter.open();
      const insert = async (over: Partial<NewRequest>) => (await store.requests.insert(capture(over))).summary.id;
      const a = await insert({ event: 'a' });
      const b = await insert({ event: 'a' });
      const c = await insert({ event: 'a', endpoint: 'stripe' });
      const d = await insert({ event: 'b', endpoint: 'stripe' });
      await insert({ event: 'b' });
      for (const id of [a, b, c, d]) await store.requests.setDrift(id, [NEW_FIELD]);
      const sorted = async () => (await store.requests.driftCounts()).sort((x, y) => `${x.endpoint}/${x.event}`.localeCompare(`${y.endpoint}/${y.event}`));
      expect(await sorted()).toEqual([
        { endpoint: null, event: 'a', count: 2 },
        { endpoint: 'stripe', event: 'a', count: 1 },
        { endpoint: 'stripe', event: 'b', count: 1 },
      ]);
      await store.requests.setDrift(a, null);
      await store.requests.delete([d]);
      expect(await sorted()).toEqual([
        { endpoint: null, event: 'a', count: 1 },
        { endpoint: 'stripe', event: 'a', count: 1 },
      ]);
    });
  });
});
