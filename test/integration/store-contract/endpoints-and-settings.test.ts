import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE } from '../../../src/shared/endpoint-schemas';
import { KEYCHAIN_TAG, KeyFileSecretBox, SecretSealer, SecretUnavailableError } from '../../../src/main/core/secrets/secret-box';
import type { EndpointFields } from '../../../src/main/core/store/repositories';
import { storeAdapters } from '../../helpers/stores';
import { tempDir } from '../../helpers/temp-dir';

/**
 * The configuration half of the store port, held to one behaviour on both adapters: endpoints and
 * the retention policy, endpoint secrets (sealed, rotated, some unopenable here), settings, and
 * the team link kept in them.
 */

const endpoint = (slug: string, over: Partial<EndpointFields> = {}): EndpointFields => ({
  slug,
  name: slug.toUpperCase(),
  response: DEFAULT_RESPONSE,
  forwardUrl: null,
  proxy: false,
  scheme: null,
  customScheme: null,
  createdAt: '2026-01-02T03:04:05.678Z',
  ...over,
});

/** Sealed with a key file no store here has: what another install's secrets look like. */
const sealedElsewhere = (plain: string) => new SecretSealer(KeyFileSecretBox.open(tempDir())).seal(plain);

const UNDECRYPTABLE = 'cannot be decrypted (the key file changed or the row is damaged); enter it again';
const IN_KEYCHAIN = 'sealed by the desktop app (OS keychain); enter it again here to use it';

describe.each(storeAdapters)('endpoints, secrets and settings: $name', (adapter) => {
  const test = it.skipIf(!adapter.available);

  describe('endpoints', () => {
    test('start empty; get of an unknown slug is null', async () => {
      const { store } = await adapter.open();
      expect(await store.endpoints.list()).toEqual([]);
      expect(await store.endpoints.get('nope')).toBeNull();
    });

    test('save stores every field and answers what it stored', async () => {
      const { store } = await adapter.open();
      const stripe = endpoint('stripe', {
        name: 'Stripe — live ✓',
        response: { status: 202, headers: [['X-A', '1'], ['x-a', '2']], body: '{"ok":"ü"}', delayMs: 250 },
        forwardUrl: 'http://localhost:3000/hooks?x=1',
        proxy: true,
        scheme: 'custom',
        customScheme: { algorithm: 'sha256', encoding: 'hex', header: 'X-Sig', prefix: 'sha256=', template: '{timestamp}.{body}', timestampHeader: 'X-Ts' },
      });
      const saved = await store.endpoints.save(stripe);
      expect(saved).toEqual(stripe);
      expect(await store.endpoints.get('stripe')).toEqual(stripe);
    });

    test('list orders by creation time, then slug in byte order', async () => {
      const { store } = await adapter.open();
      for (const slug of ['stripe', 'aa', 'a-z', 'b']) await store.endpoints.save(endpoint(slug));
      await store.endpoints.save(endpoint('zz-newest', { createdAt: '2026-01-02T03:04:05.679Z' }));
      await store.endpoints.save(endpoint('zz-oldest', { createdAt: '2025-01-01T00:00:00.000Z' }));
      // '-' (0x2d) sorts before letters, whatever the database's locale.
      expect((await store.endpoints.list()).map((e) => e.slug)).toEqual(['zz-oldest', 'a-z', 'aa', 'b', 'stripe', 'zz-newest']);
    });

    test('save of an existing slug updates every field but keeps the original createdAt', async () => {
      const { store } = await adapter.open();
      const first = endpoint('gh', { scheme: 'github', forwardUrl: 'http://localhost:1/a', proxy: true });
      await store.endpoints.save(first);
      const changed = { ...first, name: 'GitHub', proxy: false, forwardUrl: null, scheme: null, response: { ...DEFAULT_RESPONSE, status: 204 }, createdAt: '2030-01-01T00:00:00.000Z' };
      const updated = await store.endpoints.save(changed);
      expect(updated).toEqual({ ...changed, createdAt: first.createdAt });
      expect(await store.endpoints.get('gh')).toEqual(updated);
      expect(await store.endpoints.list()).toEqual([updated]);
    });

    test('delete says whether the endpoint existed', async () => {
      const { store } = await adapter.open();
      await store.endpoints.save(endpoint('gh'));
      await store.endpoints.save(endpoint('keep'));
      expect(await store.endpoints.delete('gh')).toBe(true);
      expect(await store.endpoints.delete('gh')).toBe(false);
      expect(await store.endpoints.delete('never-was')).toBe(false);
      expect(await store.endpoints.get('gh')).toBeNull();
      expect((await store.endpoints.list()).map((e) => e.slug)).toEqual(['keep']);
    });

    test('reads a scheme it does not know (written by a newer version) as "detect"', async () => {
      const { store, sql } = await adapter.open();
      await store.endpoints.save(endpoint('x', { scheme: 'github' }));
      await sql(`UPDATE endpoints SET scheme = 'from-the-future', custom_scheme = '{"nonsense":1}'`);
      expect(await store.endpoints.get('x')).toMatchObject({ scheme: null, customScheme: null });
    });

    test('keeps one retention policy, unlimited at first', async () => {
      const { store } = await adapter.open();
      expect(await store.endpoints.retention()).toEqual({ maxCount: null, maxBytes: null });
      expect(await store.endpoints.setRetention({ maxCount: 1000, maxBytes: 5_000_000_000 })).toEqual({ maxCount: 1000, maxBytes: 5_000_000_000 });
      expect(await store.endpoints.retention()).toEqual({ maxCount: 1000, maxBytes: 5_000_000_000 });
      expect(await store.endpoints.setRetention({ maxCount: null, maxBytes: 2048 })).toEqual({ maxCount: null, maxBytes: 2048 });
      expect(await store.endpoints.setRetention({ maxCount: 0, maxBytes: null })).toEqual({ maxCount: 0, maxBytes: null });
      expect(await store.endpoints.retention()).toEqual({ maxCount: 0, maxBytes: null });
    });
  });

  describe('endpoint secrets', () => {
    test('an endpoint has none at first', async () => {
      const { store } = await adapter.open();
      await store.endpoints.save(endpoint('gh'));
      expect(await store.secrets.info('gh')).toEqual([]);
      expect(await store.secrets.reveal('gh')).toEqual([]);
    });

    test('replace swaps the whole set; a rotation keeps "new first, old second" in info and reveal', async () => {
      const { store } = await adapter.open();
      await store.endpoints.save(endpoint('gh'));
      await store.endpoints.save(endpoint('other'));
      await store.secrets.replace('other', ['whsec_other-endpoint-9999']);
      const before = Date.now();
      await store.secrets.replace('gh', ['whsec_old-secret-0001', 'short']);
      await store.secrets.replace('gh', ['whsec_new-secret-0002', 'whsec_old-secret-0001']);

      expect(await store.secrets.reveal('gh')).toEqual(['whsec_new-secret-0002', 'whsec_old-secret-0001']);
      const info = await store.secrets.info('gh');
      expect(info.map((s) => [s.hint, s.unavailable])).toEqual([
        ['whsec_…0002', null],
        ['whsec_…0001', null],
      ]);
      expect(info[0]!.id).toBeLessThan(info[1]!.id);
      for (const s of info) expect(Date.parse(s.createdAt)).toBeGreaterThanOrEqual(before);
      // Another endpoint's secrets are its own.
      expect(await store.secrets.reveal('other')).toEqual(['whsec_other-endpoint-9999']);

      await store.secrets.replace('gh', []);
      expect(await store.secrets.info('gh')).toEqual([]);
      expect(await store.secrets.reveal('other')).toEqual(['whsec_other-endpoint-9999']);
    });

    test('secrets are stored sealed, never in clear', async () => {
      const { store, sql } = await adapter.open();
      await store.endpoints.save(endpoint('gh'));
      await store.secrets.replace('gh', ['whsec_very-secret-value-1234']);
      const rows = await sql('SELECT sealed, hint FROM endpoint_secrets');
      expect(rows).toHaveLength(1);
      expect(Buffer.isBuffer(rows[0]!.sealed)).toBe(true);
      expect((rows[0]!.sealed as Buffer).includes('very-secret')).toBe(false);
      expect(rows[0]!.hint).toBe('whsec_…1234');
    });

    test('one that cannot be opened here is reported by info and skipped by reveal', async () => {
      const { store, sql } = await adapter.open();
      await store.endpoints.save(endpoint('gh'));
      await store.secrets.replace('gh', ['whsec_opens-here-0001']);
      const insert = 'INSERT INTO endpoint_secrets (endpoint, sealed, hint, created_at) VALUES ($1, $2, $3, $4)';
      await sql(insert, ['gh', sealedElsewhere('whsec_other-key-0002'), 'whsec_…0002', Date.parse('2026-01-01T00:00:00Z')]);
      await sql(insert, ['gh', Buffer.from([KEYCHAIN_TAG, 1, 2, 3]), 'whsec_…0003', Date.parse('2026-01-01T00:00:00Z')]);

      expect(await store.secrets.reveal('gh')).toEqual(['whsec_opens-here-0001']);
      const info = await store.secrets.info('gh');
      expect(info.map((s) => [s.hint, s.unavailable])).toEqual([
        ['whsec_…0001', null],
        ['whsec_…0002', UNDECRYPTABLE],
        ['whsec_…0003', IN_KEYCHAIN],
      ]);
      expect(info[2]!.createdAt).toBe('2026-01-01T00:00:00.000Z');
      // Entering them again here replaces the lot.
      await store.secrets.replace('gh', ['whsec_typed-again-0004']);
      expect((await store.secrets.info('gh')).map((s) => s.unavailable)).toEqual([null]);
    });

    // The PostgreSQL shared-key check seals with the key file alone, so a database first opened
    // with the keychain still takes a key-file-only instance (same key file): same as SQLite.
    test('secrets sealed by the desktop app (OS keychain) are reported unavailable on a headless reopen', async () => {
      const keychain = KeyFileSecretBox.open(tempDir());
      const { store: desktop, reopen } = await adapter.open({
        secretBox: { kind: 'OS keychain', tag: KEYCHAIN_TAG, encrypt: (p) => keychain.encrypt(p), decrypt: (s) => keychain.decrypt(s) },
      });
      await desktop.endpoints.save(endpoint('gh'));
      await desktop.secrets.replace('gh', ['whsec_in-the-keychain-0001']);
      expect(await desktop.secrets.reveal('gh')).toEqual(['whsec_in-the-keychain-0001']);
      await desktop.close();

      const headless = await reopen();
      expect(await headless.secrets.reveal('gh')).toEqual([]);
      expect((await headless.secrets.info('gh')).map((s) => [s.hint, s.unavailable])).toEqual([['whsec_…0001', IN_KEYCHAIN]]);
    });

    test('go with their endpoint: a new endpoint of the same slug starts without them', async () => {
      const { store } = await adapter.open();
      await store.endpoints.save(endpoint('gh'));
      await store.secrets.replace('gh', ['s1', 's2']);
      await store.endpoints.delete('gh');
      await store.endpoints.save(endpoint('gh'));
      expect(await store.secrets.info('gh')).toEqual([]);
    });

    test('are refused for an endpoint that does not exist', async () => {
      const { store } = await adapter.open();
      await expect(store.secrets.replace('ghost', ['s1'])).rejects.toThrow();
      expect(await store.secrets.info('ghost')).toEqual([]);
    });
  });

  describe('settings', () => {
    const Tunnel = z.object({ host: z.string(), port: z.number() });

    test('get answers the fallback for a missing key', async () => {
      const { store } = await adapter.open();
      expect(await store.settings.get('tunnel', Tunnel.nullable(), null)).toBeNull();
      expect(await store.settings.get('tunnel', Tunnel, { host: 'fallback', port: 1 })).toEqual({ host: 'fallback', port: 1 });
    });

    test('set then get round-trips JSON values of every kind', async () => {
      const { store } = await adapter.open();
      const values: [string, unknown][] = [
        ['object', { host: 'lt.example', port: 443, nested: { list: [1, 'two', null, true] } }],
        ['string', 'naïve ✓ \u0000 "quoted"'],
        ['number', 12.5],
        ['boolean', false],
        ['null', null],
        ['array', []],
      ];
      for (const [key, value] of values) await store.settings.set(key, value);
      for (const [key, value] of values) expect(await store.settings.get(key, z.unknown(), 'missing')).toEqual(value);
    });

    test('get answers the fallback for a value no longer valid for the schema, and parses with it', async () => {
      const { store } = await adapter.open();
      await store.settings.set('tunnel', { host: 'other' });
      expect(await store.settings.get('tunnel', Tunnel, { host: 'fallback', port: 1 })).toEqual({ host: 'fallback', port: 1 });
      await store.settings.set('retries', '3');
      expect(await store.settings.get('retries', z.coerce.number(), 0)).toBe(3);
      expect(await store.settings.get('retries', z.number(), 0)).toBe(0);
    });

    test('set overwrites; delete removes, and deleting a missing key is fine', async () => {
      const { store, sql } = await adapter.open();
      await store.settings.set('tunnel', { host: 'a.example', port: 1 });
      await store.settings.set('tunnel', { host: 'lt.example', port: 443 });
      expect(await store.settings.get('tunnel', Tunnel.nullable(), null)).toEqual({ host: 'lt.example', port: 443 });
      // One row, holding exactly the JSON text.
      expect(await sql(`SELECT value FROM settings WHERE key = 'tunnel'`)).toEqual([{ value: '{"host":"lt.example","port":443}' }]);
      await store.settings.set('other', 1);
      await store.settings.delete('tunnel');
      await store.settings.delete('tunnel');
      await store.settings.delete('never-set');
      expect(await store.settings.get('tunnel', z.unknown(), 'none')).toBe('none');
      expect(await store.settings.get('other', z.number(), 0)).toBe(1);
    });
  });

  describe('team link', () => {
    const link = { url: 'https://team.example', forwardTo: 'http://localhost:3000', endpoint: null, enabled: true, browse: false };

    test('is absent at first, and cannot be saved without a token', async () => {
      const { store } = await adapter.open();
      expect(await store.teamLink.get()).toBeNull();
      expect(await store.teamLink.revealToken()).toBeNull();
      await expect(store.teamLink.save(link, null)).rejects.toThrow(/needs a token/);
      expect(await store.teamLink.get()).toBeNull();
    });

    test('saves with its token sealed, showing only the hint', async () => {
      const { store, sql } = await adapter.open();
      await store.teamLink.save({ ...link, endpoint: 'gh' }, 'hb_team_token_1234');
      expect(await store.teamLink.get()).toEqual({ ...link, endpoint: 'gh', tokenHint: '…1234' });
      expect(await store.teamLink.revealToken()).toBe('hb_team_token_1234');
      const [row] = await sql(`SELECT value FROM settings WHERE key = 'teamLink'`);
      expect(row!.value).not.toContain('hb_team_token');
    });

    test('a save without a token keeps the stored one; with one replaces it', async () => {
      const { store } = await adapter.open();
      await store.teamLink.save(link, 'hb_team_token_1234');
      await store.teamLink.save({ ...link, url: 'https://team2.example', enabled: false, browse: true }, null);
      expect(await store.teamLink.get()).toEqual({ ...link, url: 'https://team2.example', enabled: false, browse: true, tokenHint: '…1234' });
      expect(await store.teamLink.revealToken()).toBe('hb_team_token_1234');
      await store.teamLink.save(link, 'hb_team_token_5678');
      expect(await store.teamLink.get()).toEqual({ ...link, tokenHint: '…5678' });
      expect(await store.teamLink.revealToken()).toBe('hb_team_token_5678');
    });

    test('setEnabled switches a stored link and does nothing without one', async () => {
      const { store } = await adapter.open();
      await store.teamLink.setEnabled(true);
      expect(await store.teamLink.get()).toBeNull();
      await store.teamLink.save(link, 'hb_team_token_1234');
      await store.teamLink.setEnabled(false);
      expect(await store.teamLink.get()).toEqual({ ...link, enabled: false, tokenHint: '…1234' });
      await store.teamLink.setEnabled(true);
      expect(await store.teamLink.get()).toMatchObject({ enabled: true });
      expect(await store.teamLink.revealToken()).toBe('hb_team_token_1234');
    });

    test('reads a link saved before browsing existed as not browsing', async () => {
      const { store } = await adapter.open();
      await store.teamLink.save({ ...link, browse: true }, 'hb_team_token_1234');
      const { browse: _browse, ...older } = await store.settings.get('teamLink', z.record(z.string(), z.unknown()), {});
      await store.settings.set('teamLink', older);
      expect(await store.teamLink.get()).toEqual({ ...link, browse: false, tokenHint: '…1234' });
    });

    test('revealToken throws when the token cannot be opened here', async () => {
      const { store } = await adapter.open();
      await store.teamLink.save(link, 'hb_team_token_1234');
      const stored = await store.settings.get('teamLink', z.record(z.string(), z.unknown()), {});
      await store.settings.set('teamLink', { ...stored, sealedToken: Buffer.from([KEYCHAIN_TAG, 1, 2, 3]).toString('base64') });
      expect(await store.teamLink.get()).toEqual({ ...link, tokenHint: '…1234' });
      await expect(store.teamLink.revealToken()).rejects.toBeInstanceOf(SecretUnavailableError);
    });

    test('delete removes the link and its token', async () => {
      const { store } = await adapter.open();
      await store.teamLink.save(link, 'hb_team_token_1234');
      await store.teamLink.delete();
      await store.teamLink.delete();
      expect(await store.teamLink.get()).toBeNull();
      expect(await store.teamLink.revealToken()).toBeNull();
    });
  });
});
