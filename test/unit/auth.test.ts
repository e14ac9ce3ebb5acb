import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenName } from '../../src/shared/access-schemas';
import { roleAllows, type Role } from '../../src/shared/roles';
import { describeTarget } from '../../src/main/core/auth/audit-trail';
import { Authenticator, TOKEN_OWNER } from '../../src/main/core/auth/authenticator';
import { hashToken } from '../../src/main/core/auth/token-secret';
import { TokensService } from '../../src/main/core/auth/tokens-service';
import { Store } from '../../src/main/core/store/store';
import { tempDir } from '../helpers/temp-dir';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});
function openStore(dataDir = tempDir()): Store {
  const store = Store.open({ dataDir });
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
  it('maps the owner token to the owner, a live named token to its name and role, anything else to nobody', () => {
    const tokens = new TokensService(openStore().tokens);
    const auth = new Authenticator(tokens, 'the-owner-token');
    const { token } = tokens.create('ci', 'member');
    expect(auth.authenticate('the-owner-token')?.caller).toEqual(TOKEN_OWNER);
    expect(auth.authenticate(token)?.caller).toEqual({ name: 'ci', role: 'member' });
    expect(auth.authenticate(token + 'x')).toBeNull();
    expect(auth.authenticate('')).toBeNull();
    expect(auth.authenticate(hashToken(token))).toBeNull(); // the stored hash is not a credential
    // Without an owner token (the desktop's store), only named tokens authenticate.
    const named = new Authenticator(tokens, null);
    expect(named.authenticate('the-owner-token')).toBeNull();
    expect(named.authenticate(token)?.caller.name).toBe('ci');
  });

  it('refuses a revoked token at once, and an accepted credential notices the revocation', () => {
    const tokens = new TokensService(openStore().tokens);
    const auth = new Authenticator(tokens, null);
    const { token } = tokens.create('ci', 'viewer');
    const credential = auth.authenticate(token)!;
    expect(credential.stillValid()).toBe(true);
    tokens.revoke('ci');
    expect(credential.stillValid()).toBe(false);
    expect(auth.authenticate(token)).toBeNull();
    expect(() => tokens.revoke('ci')).toThrow('there is no live token named "ci"');
  });

  it('notes when a token was last used, at most once a minute', () => {
    const store = openStore();
    const tokens = new TokensService(store.tokens);
    const { token } = tokens.create('ci', 'viewer');
    expect(tokens.list()[0]!.lastUsedAt).toBeNull();
    const touch = vi.spyOn(store.tokens, 'touch');
    for (let i = 0; i < 5; i++) tokens.authenticate(token);
    expect(touch).toHaveBeenCalledTimes(1);
    expect(tokens.list()[0]!.lastUsedAt).not.toBeNull();
  });

  it('tells watchers of a revocation at once in this process, and soon when another process revokes', async () => {
    const dataDir = tempDir();
    const tokens = new TokensService(openStore(dataDir).tokens);
    tokens.create('a', 'viewer');
    tokens.create('b', 'viewer');
    const listener = vi.fn();
    const stop = new Authenticator(tokens, null).watchRevocations(listener);
    tokens.revoke('a');
    expect(listener).toHaveBeenCalledTimes(1);
    // Another connection to the same file (as `hookbench token revoke` has).
    new TokensService(openStore(dataDir).tokens).revoke('b');
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(2), { timeout: 15_000, interval: 50 });
    stop();
  });
});
