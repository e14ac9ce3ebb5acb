import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

export function hmac(algorithm: HmacAlgorithm, key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

/**
 * Builds a signed string from text and raw byte parts. The body stays bytes end to end: decoding
 * it to a string and back would corrupt binary or invalid-UTF-8 bodies and break the MAC.
 */
export function joinBytes(...parts: (string | Uint8Array)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
}
