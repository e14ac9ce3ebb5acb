import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts signing secrets at rest. The desktop app uses the OS keychain through Electron's
 * safeStorage (src/main/safe-storage-box.ts); headless mode, which has no keychain, uses a random
 * key in a file readable only by the user (mode 0600) next to the database. Either way a copied
 * database alone does not reveal the secrets.
 */
export interface SecretBox {
  /** Short name for messages ("OS keychain", "key file"). */
  readonly kind: string;
  /** First byte of everything this box seals, so a reader knows which box can open it. */
  readonly tag: number;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export const KEY_FILE_TAG = 1;
export const KEYCHAIN_TAG = 2;

export class SecretUnavailableError extends Error {}

/**
 * Seals with the preferred box and opens with whichever box sealed a secret. The desktop app and
 * headless mode share one data folder: secrets the desktop app sealed in the OS keychain cannot be
 * opened headless (there is no keychain there), and that is reported, not crashed on.
 */
export class SecretSealer {
  private readonly boxes: readonly SecretBox[];

  constructor(preferred: SecretBox, ...others: SecretBox[]) {
    this.boxes = [preferred, ...others];
  }

  seal(plain: string): Buffer {
    const box = this.boxes[0]!;
    return Buffer.concat([Buffer.from([box.tag]), box.encrypt(plain)]);
  }

  open(sealed: Buffer): string {
    const box = this.boxes.find((b) => b.tag === sealed[0]);
    if (!box) {
      const where = sealed[0] === KEYCHAIN_TAG ? 'the desktop app (OS keychain)' : 'another Hookbench';
      throw new SecretUnavailableError(`sealed by ${where}; enter it again here to use it`);
    }
    return box.decrypt(sealed.subarray(1));
  }
}

export const KEY_FILE = 'secrets.key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a per-install key file: iv (12) | tag (16) | ciphertext. */
export class KeyFileSecretBox implements SecretBox {
  readonly kind = 'key file';
  readonly tag = KEY_FILE_TAG;
  private constructor(private readonly key: Buffer) {}

  static open(dataDir: string): KeyFileSecretBox {
    const file = path.join(dataDir, KEY_FILE);
    fs.mkdirSync(dataDir, { recursive: true });
    let key: Buffer;
    try {
      key = fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      key = randomBytes(32);
      // 'wx': never overwrite a key another process just wrote (that would orphan its secrets).
      try {
        fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
      } catch (race) {
        if ((race as NodeJS.ErrnoException).code !== 'EEXIST') throw race;
        key = fs.readFileSync(file);
      }
    }
    if (key.length !== 32) throw new Error(`${file} is not a Hookbench key file (expected 32 bytes)`);
    // Tighten a key file whose mode was loosened (e.g. copied with a permissive umask).
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return new KeyFileSecretBox(key);
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
