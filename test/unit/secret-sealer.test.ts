import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE, KeyFileSecretBox, KEYCHAIN_TAG, SecretSealer, SecretUnavailableError, type SecretBox } from '../../src/main/core/secrets/secret-box';
import { openStore } from '../../src/main/core/store/open-store';
import { tempDir } from '../helpers/temp-dir';

/**
 * Sealing is real AES-256-GCM under real key files. The keychain box of the desktop app cannot run
 * without Electron, so a second key file under the keychain's tag stands in for "a box only the
 * other mode has" — what is tested is the dispatch on the tag, not safeStorage itself.
 */
function otherModeBox(dir: string): SecretBox {
  const inner = KeyFileSecretBox.open(dir);
  return { kind: 'OS keychain', tag: KEYCHAIN_TAG, encrypt: (p) => inner.encrypt(p), decrypt: (s) => inner.decrypt(s) };
}

describe('secret sealing', () => {
  it('round-trips, never stores the plain text, and the key file is 0600', () => {
    const dir = tempDir();
    const sealer = new SecretSealer(KeyFileSecretBox.open(dir));
    const sealed = sealer.seal('whsec_top_secret_value');
    expect(sealed.includes(Buffer.from('top_secret'))).toBe(false);
    expect(sealer.open(sealed)).toBe('whsec_top_secret_value');
    expect(sealer.seal('x').equals(sealer.seal('x'))).toBe(false); // fresh IV each time
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('detects tampering (GCM tag) and a replaced key file', () => {
    const dir = tempDir();
    const sealer = new SecretSealer(KeyFileSecretBox.open(dir));
    const sealed = sealer.seal('secret');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => sealer.open(sealed)).toThrow();
  });

  it('opens what the other mode sealed with the shared key file, and reports keychain secrets it cannot open', async () => {
    const dataDir = tempDir();
    const desktop = await openStore({ dataDir, secretBox: otherModeBox(tempDir()) });
    await desktop.endpoints.save({ slug: 'gh', name: 'gh', response: { status: 200, headers: [], body: '', delayMs: 0 }, forwardUrl: null, proxy: false, scheme: 'github', customScheme: null, createdAt: new Date().toISOString() });
    await desktop.secrets.replace('gh', ['sealed-in-the-keychain']);
    expect(await desktop.secrets.reveal('gh')).toEqual(['sealed-in-the-keychain']);
    await desktop.close();

    const headless = await openStore({ dataDir });
    expect(await headless.secrets.reveal('gh')).toEqual([]);
    const [info] = await headless.secrets.info('gh');
    expect(info!.unavailable).toContain('desktop app (OS keychain)');
    await headless.secrets.replace('gh', ['typed-again-headless']);
    expect(await headless.secrets.reveal('gh')).toEqual(['typed-again-headless']);
    await headless.close();
    expect(() => new SecretSealer(KeyFileSecretBox.open(tempDir())).open(Buffer.from([9, 1, 2]))).toThrow(SecretUnavailableError);
  });
});
