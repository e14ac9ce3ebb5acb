import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AuditFilter } from '../../../src/shared/access-schemas';
import type { AuditRecord, Store } from '../../../src/main/core/store/repositories';
import { storeAdapters } from '../../helpers/stores';

/**
 * Access control's half of the store port, held to one behaviour on both adapters: named API
 * tokens (by hash, one live token per name, revoked ones kept) and the audit log (newest first,
 * filtered, paged by cursor).
 */

type AuditFilterInput = z.input<typeof AuditFilter>;

const T0 = 1_700_000_000_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(storeAdapters)('tokens and audit log: $name', (adapter) => {
  const test = it.skipIf(!adapter.available);

  describe('tokens', () => {
    test('insert answers the stored token, never its hash', async () => {
      const { store } = await adapter.open();
      const ci = await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-ci', createdAt: T0 });
      expect(ci).toEqual({ name: 'ci', role: 'member', createdAt: iso(T0), lastUsedAt: null, revokedAt: null });
    });

    test('insert refuses a name a live token holds, and a hash already stored (null, nothing written)', async () => {
      const { store } = await adapter.open();
      await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-ci', createdAt: T0 });
      expect(await store.tokens.insert({ name: 'ci', role: 'admin', hash: 'h-ci-2', createdAt: T0 + 1 })).toBeNull();
      expect(await store.tokens.insert({ name: 'other', role: 'admin', hash: 'h-ci', createdAt: T0 + 1 })).toBeNull();
      expect(await store.tokens.list(true)).toEqual([{ name: 'ci', role: 'member', createdAt: iso(T0), lastUsedAt: null, revokedAt: null }]);
      expect(await store.tokens.findLive('h-ci-2')).toBeNull();
    });

    test('a revoked name may be given out again', async () => {
      const { store } = await adapter.open();
      await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-ci', createdAt: T0 });
      await store.tokens.revoke('ci', T0 + 10);
      expect(await store.tokens.insert({ name: 'ci', role: 'admin', hash: 'h-ci-2', createdAt: T0 + 20 })).toMatchObject({ name: 'ci', role: 'admin', revokedAt: null });
      expect((await store.tokens.findLive('h-ci-2'))!.role).toBe('admin');
      // Only one live one at a time, still.
      expect(await store.tokens.insert({ name: 'ci', role: 'viewer', hash: 'h-ci-3', createdAt: T0 + 30 })).toBeNull();
    });

    test('findLive finds a live token by hash; isLive by id; unknown ones are not', async () => {
      const { store } = await adapter.open();
      await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-ci', createdAt: T0 });
      await store.tokens.insert({ name: 'ops', role: 'admin', hash: 'h-ops', createdAt: T0 });
      const live = await store.tokens.findLive('h-ci');
      expect(live).toEqual({ id: expect.any(Number), name: 'ci', role: 'member', lastUsedAt: null });
      expect(await store.tokens.findLive('h-ops')).toMatchObject({ name: 'ops', role: 'admin' });
      expect((await store.tokens.findLive('h-ops'))!.id).not.toBe(live!.id);
      expect(await store.tokens.findLive('nope')).toBeNull();
      expect(await store.tokens.isLive(live!.id)).toBe(true);
      expect(await store.tokens.isLive(live!.id + 1000)).toBe(false);
    });

    test('touch notes the last use', async () => {
      const { store } = await adapter.open();
      await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-ci', createdAt: T0 });
      const { id } = (await store.tokens.findLive('h-ci'))!;
      await store.tokens.touch(id, T0 + 60_000);
      expect((await store.tokens.findLive('h-ci'))!.lastUsedAt).toBe(T0 + 60_000);
      await store.tokens.touch(id, T0 + 120_000);
      expect((await store.tokens.list(false))[0]!.lastUsedAt).toBe(iso(T0 + 120_000));
      await store.tokens.touch(id + 1000, T0);
    });

    test('revoke ends the live token of a name, answering it; a second revoke finds none', async () => {
      const { store } = await adapter.open();
      await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-ci', createdAt: T0 });
      const { id } = (await store.tokens.findLive('h-ci'))!;
      await store.tokens.touch(id, T0 + 60);
      expect(await store.tokens.revoke('ci', T0 + 100)).toEqual({ name: 'ci', role: 'member', createdAt: iso(T0), lastUsedAt: iso(T0 + 60), revokedAt: iso(T0 + 100) });
      expect(await store.tokens.revoke('ci', T0 + 200)).toBeNull();
      expect(await store.tokens.revoke('never-was', T0 + 200)).toBeNull();
      expect(await store.tokens.findLive('h-ci')).toBeNull();
      expect(await store.tokens.isLive(id)).toBe(false);
    });

    test('list: live ones by name in byte order; with revoked ones, by name then age', async () => {
      const { store } = await adapter.open();
      await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-ci', createdAt: T0 });
      await store.tokens.insert({ name: 'Zed', role: 'admin', hash: 'h-zed', createdAt: T0 + 1 });
      await store.tokens.insert({ name: 'alice', role: 'viewer', hash: 'h-alice', createdAt: T0 + 2 });
      await store.tokens.insert({ name: 'a-team', role: 'viewer', hash: 'h-a-team', createdAt: T0 + 3 });
      await store.tokens.revoke('ci', T0 + 10);
      await store.tokens.insert({ name: 'ci', role: 'admin', hash: 'h-ci-2', createdAt: T0 + 20 });
      await store.tokens.revoke('alice', T0 + 30);

      // Capitals first, '-' before letters, whatever the database's locale.
      expect((await store.tokens.list(false)).map((t) => [t.name, t.role])).toEqual([
        ['Zed', 'admin'],
        ['a-team', 'viewer'],
        ['ci', 'admin'],
      ]);
      expect((await store.tokens.list(true)).map((t) => [t.name, t.role, t.revokedAt])).toEqual([
        ['Zed', 'admin', null],
        ['a-team', 'viewer', null],
        ['alice', 'viewer', iso(T0 + 30)],
        ['ci', 'member', iso(T0 + 10)],
        ['ci', 'admin', null],
      ]);
    });

    test('revokedCount counts every revocation, and only grows', async () => {
      const { store } = await adapter.open();
      expect(await store.tokens.revokedCount()).toBe(0);
      await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-1', createdAt: T0 });
      await store.tokens.insert({ name: 'ops', role: 'admin', hash: 'h-2', createdAt: T0 });
      await store.tokens.revoke('ci', T0 + 1);
      expect(await store.tokens.revokedCount()).toBe(1);
      await store.tokens.insert({ name: 'ci', role: 'member', hash: 'h-3', createdAt: T0 + 2 });
      await store.tokens.revoke('ci', T0 + 3);
      await store.tokens.revoke('ci', T0 + 4);
      await store.tokens.revoke('ops', T0 + 5);
      expect(await store.tokens.revokedCount()).toBe(3);
    });

    test('a role it does not know (written by a newer version) never authenticates, and lists as viewer', async () => {
      const { store, sql } = await adapter.open();
      await store.tokens.insert({ name: 'future', role: 'admin', hash: 'h-f', createdAt: T0 });
      await sql(`UPDATE api_tokens SET role = 'owner-of-everything'`);
      expect(await store.tokens.findLive('h-f')).toBeNull();
      expect(await store.tokens.list(false)).toEqual([{ name: 'future', role: 'viewer', createdAt: iso(T0), lastUsedAt: null, revokedAt: null }]);
    });
  });

  describe('audit log', () => {
    /** Seven entries a second apart: odd ones by alice, the first four deleteRequests. */
    async function seed(store: Store): Promise<void> {
      for (let i = 1; i <= 7; i++) {
        await store.audit.record({ at: T0 + 1000 * i, actor: i % 2 ? 'alice' : 'bob', actorRole: 'admin', method: i <= 4 ? 'deleteRequests' : 'putEndpoint', target: `id=${i}`, outcome: 'ok' });
      }
    }

    const targets = async (store: Store, input: AuditFilterInput) => (await store.audit.list(AuditFilter.parse(input))).items.map((e) => e.target);

    /** Every page of a filter through its cursor. */
    async function walk(store: Store, input: AuditFilterInput): Promise<string[][]> {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.audit.list(AuditFilter.parse({ ...input, cursor }));
        pages.push(page.items.map((e) => e.target));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && pages.length < 100);
      return pages;
    }

    test('records every field and lists newest first', async () => {
      const { store } = await adapter.open();
      const entry: AuditRecord = { at: T0, actor: 'ci-bot ✓', actorRole: 'member', method: 'putEndpoint', target: 'slug=gh', outcome: 'forbidden' };
      await store.audit.record(entry);
      await store.audit.record({ ...entry, at: T0 + 5, outcome: 'ok' });
      // Same time: the later record first.
      await store.audit.record({ ...entry, at: T0 + 5, outcome: 'later' });
      const { items, nextCursor } = await store.audit.list(AuditFilter.parse({}));
      expect(items.map((e) => e.outcome)).toEqual(['later', 'ok', 'forbidden']);
      expect(items[2]).toEqual({ id: expect.any(Number), ...entry, at: iso(T0) });
      expect(nextCursor).toBeNull();
    });

    test('an empty log lists nothing', async () => {
      const { store } = await adapter.open();
      expect(await store.audit.list(AuditFilter.parse({}))).toEqual({ items: [], nextCursor: null });
    });

    test('filters by actor, by method, by time (inclusive), and by all at once', async () => {
      const { store } = await adapter.open();
      await seed(store);
      expect(await targets(store, { actor: 'alice' })).toEqual(['id=7', 'id=5', 'id=3', 'id=1']);
      expect(await targets(store, { actor: 'nobody' })).toEqual([]);
      expect(await targets(store, { method: 'putEndpoint' })).toEqual(['id=7', 'id=6', 'id=5']);
      expect(await targets(store, { from: T0 + 3000 })).toEqual(['id=7', 'id=6', 'id=5', 'id=4', 'id=3']);
      expect(await targets(store, { to: T0 + 2000 })).toEqual(['id=2', 'id=1']);
      expect(await targets(store, { from: iso(T0 + 3000), to: iso(T0 + 5000) })).toEqual(['id=5', 'id=4', 'id=3']);
      expect(await targets(store, { actor: 'bob', method: 'deleteRequests', from: T0 + 3000 })).toEqual(['id=4']);
    });

    test('pages by cursor, newest first, without overlap; an exactly full last page has no next cursor', async () => {
      const { store } = await adapter.open();
      await seed(store);
      expect(await walk(store, { limit: 3 })).toEqual([['id=7', 'id=6', 'id=5'], ['id=4', 'id=3', 'id=2'], ['id=1']]);
      expect(await walk(store, { limit: 7 })).toEqual([['id=7', 'id=6', 'id=5', 'id=4', 'id=3', 'id=2', 'id=1']]);
      expect(await walk(store, { limit: 2, actor: 'alice' })).toEqual([['id=7', 'id=5'], ['id=3', 'id=1']]);
      expect(await walk(store, { limit: 1, method: 'putEndpoint', to: T0 + 6000 })).toEqual([['id=6'], ['id=5']]);
    });
  });
});
