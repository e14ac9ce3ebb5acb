import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenName } from '../../src/shared/access-schemas';
import { roleAllows, type Role } from '../../src/shared/roles';
import { describeTarget } from '../../src/main/core/auth/audit-trail';
import { Authenticator, TOKEN_OWNER } from '../../src/main/core/auth/authenticator';
import { hashToken } from '../../src/main/core/auth/token-secret';
import { TokensService } from '../../src/main/core/auth/tokens-service';
import { openStore as openAnyStore } from '../../src/main/core/store/open-store';
import type { Store } from '../../src/main/core/store/repositories';
import { tempDir } from '../helpers/temp-dir';

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
async function openStore(dataDir = tempDir()): Promise<Store> {
  const store = await openAnyStore({ dataDir });
  stores.push(store);
  return store;
}

describe('roles', () => {
  const ranks: Role[] = ['viewer', 'member', 'admin'];
  it.each(ranks.flatMap((have, i) => ranks.map((need, j) => [have, need, i >= j] as const)))('%s may call a %s method: %s', (have, need, allowed) => {
    expect(roleAllows(have, need)).toBe(allowed);
  });
});

describe('token names', () => {
  it.each(['ci', 'alice@example.com', 'deploy-bot_2', 'A.b'])('accepts %s', (name) => expect(TokenName.safeParse(name).success).toBe(true));
  it.each(['', 'owner', 'OWNER', 'local', 'cli', 'cli:root', 'cli-x', '-x', 'a b', 'x'.repeat(65), 'ünï'])('refuses %j', (name) => {
    expect(TokenName.safeParse(name).success).toBe(false);
  });
});

describe('audit target descriptions', () => {
  it('shows what a call touched, in a fixed order, and nothing it was not told to show', () => {
    expect(describeTarget({ secret: 's3cret', body: 'payload', slug: 'shop', id: 4 })).toBe('id=4 slug=shop');
    expect(describeTarget({ name: 'ci', role: 'member' })).toBe('name=ci role=member');
    expect(describeTarget({ secrets: ['a'], customScheme: { secret: 'x' } })).toBe('');
  });

  it('keeps scheme, host and path of a URL: user info and query may carry credentials', () => {
    expect(describeTarget({ id: 1, url: 'https://user:pw@example.com:8443/hook?token=abc#f' })).toBe('id=1 url=https://example.com:8443/hook');
    expect(describeTarget({ url: 'not a url' })).toBe('url=(not a URL)');
  });

  it('shortens long lists and long descriptions, and ignores what is not an object', () => {
    expect(describeTarget({ ids: Array.from({ length: 25 }, (_, i) => i + 1) })).toBe('ids=[1,2,3,4,5,6,7,8,9,10,…+15]');
    expect(describeTarget({ filter: { q: 'x'.repeat(1000) } })).toHaveLength(300);
    for (const input of [null, undefined, 'id=1', [1, 2], 42]) expect(describeTarget(input)).toBe('');
  });
});

describe('Authenticator', () => {
  it('maps the owner token to the owner, a live named token to its name and role, anything else to nobody', async () => {
    const tokens = new TokensService((await openStore()).tokens);
    const auth = new Authenticator(tokens, 'the-owner-token');
    const { token } = await tokens.create('ci', 'member');
    expect((await auth.authenticate('the-owner-token'))?.caller).toEqual(TOKEN_OWNER);
    expect((await auth.authenticate(token))?.caller).toEqual({ name: 'ci', role: 'member' });
    expect(await auth.authenticate(token + 'x')).toBeNull();
    expect(await auth.authenticate('')).toBeNull();
    expect(await auth.authenticate(hashToken(token))).toBeNull(); // the stored hash is not a credential
    // Without an owner token (the desktop's store), only named tokens authenticate.
    const named = new Authenticator(tokens, null);
    expect(await named.authenticate('the-owner-token')).toBeNull();
    expect((await named.authenticate(token))?.caller.name).toBe('ci');
  });

  it('refuses a revoked token at once, and an accepted credential notices the revocation', async () => {
    const tokens = new TokensService((await openStore()).tokens);
    const auth = new Authenticator(tokens, null);
    const { token } = await tokens.create('ci', 'viewer');
    const credential = (await auth.authenticate(token))!;
    expect(await credential.stillValid()).toBe(true);
    await tokens.revoke('ci');
    expect(await credential.stillValid()).toBe(false);
    expect(await auth.authenticate(token)).toBeNull();
    await expect(tokens.revoke('ci')).rejects.toThrow('there is no live token named "ci"');
  });

  it('notes when a token was last used, at most once a minute', async () => {
    const store = await openStore();
    const tokens = new TokensService(store.tokens);
    const { token } = await tokens.create('ci', 'viewer');
    expect((await tokens.list())[0]!.lastUsedAt).toBeNull();
    const touch = vi.spyOn(store.tokens, 'touch');
    for (let i = 0; i < 5; i++) await tokens.authenticate(token);
    expect(touch).toHaveBeenCalledTimes(1);
    expect((await tokens.list())[0]!.lastUsedAt).not.toBeNull();
  });

  it('tells watchers of a revocation at once in this process, and soon when another process revokes', async () => {
    const dataDir = tempDir();
    const tokens = new TokensService((await openStore(dataDir)).tokens);
    await tokens.create('a', 'viewer');
    await tokens.create('b', 'viewer');
    const listener = vi.fn();
    const stop = new Authenticator(tokens, null).watchRevocations(listener);
    await tokens.revoke('a');
    expect(listener).toHaveBeenCalledTimes(1);
    // Another connection to the same file (as `hookbench token revoke` has).
    await new TokensService((await openStore(dataDir)).tokens).revoke('b');
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(2), { timeout: 15_000, interval: 50 });
    stop();
  });
});
