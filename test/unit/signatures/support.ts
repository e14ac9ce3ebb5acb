import { Buffer } from 'node:buffer';
import { createHmac, randomBytes } from 'node:crypto';

/** Small helpers shared by the signature tests (not a test file itself). */

export const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

export const nowSec = (): number => Math.floor(Date.now() / 1000);

/** Header pairs → a lower-cased record, the shape most official libraries take. */
export function headerRecord(headers: [string, string][]): Record<string, string> {
  return Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]));
}

export function headerOf(headers: [string, string][], name: string): string {
  const hit = headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
  if (!hit) throw new Error(`no ${name} header`);
  return hit[1];
}

/** An independent HMAC, written out here so tests do not trust the code under test. */
export function hmacOf(algorithm: string, key: string | Uint8Array, data: string | Uint8Array, encoding: 'hex' | 'base64'): string {
  return createHmac(algorithm, key).update(data).digest(encoding);
}

/** A Standard Webhooks style secret: whsec_ + base64 of random bytes. */
export const whsec = (): string => `whsec_${randomBytes(24).toString('base64')}`;

export const JSON_BODY = '{"id":"evt_1","type":"test.event","data":{"amount":1999,"note":"héllo ✓"}}';
export const TAMPERED_BODY = '{"id":"evt_1","type":"test.event","data":{"amount":9999,"note":"héllo ✓"}}';
