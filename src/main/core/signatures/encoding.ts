import { Buffer } from 'node:buffer';

export type MacEncoding = 'hex' | 'base64';

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
// Standard and URL-safe alphabets, padding optional: providers and copy-paste vary.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Decodes a received signature strictly: Buffer.from is lenient (it skips bad characters), which
 * would let a garbled header decode to something, so the alphabet is checked first.
 */
export function decodeStrict(text: string, encoding: MacEncoding): Buffer | null {
  const trimmed = text.trim();
  if (encoding === 'hex') return HEX.test(trimmed) ? Buffer.from(trimmed, 'hex') : null;
  if (!BASE64.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length > 0 ? bytes : null;
}

export function otherEncoding(encoding: MacEncoding): MacEncoding {
  return encoding === 'hex' ? 'base64' : 'hex';
}

export const WHSEC_PREFIX = 'whsec_';

/** The secret's UTF-8 bytes, as Stripe, GitHub, Slack and most providers use it. */
export function rawKey(secret: string): Buffer {
  return Buffer.from(secret, 'utf8');
}

/**
 * The secret as Standard Webhooks uses it: `whsec_` stripped, the rest base64-decoded.
 * Null when it does not decode to anything (then it cannot be a base64 secret).
 */
export function decodedKey(secret: string): Buffer | null {
  const body = secret.startsWith(WHSEC_PREFIX) ? secret.slice(WHSEC_PREFIX.length) : secret;
  const bytes = decodeStrict(body, 'base64');
  return bytes && bytes.length > 0 ? bytes : null;
}
