import { Buffer } from 'node:buffer';
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

// DER headers that wrap a raw 32-byte Ed25519 key (RFC 8410), so node:crypto can load it.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The raw 32-byte public key of a seed (Discord shows keys in this form, hex). */
export function rawPublicKey(seed: Uint8Array): Buffer {
  const der = createPublicKey(privateKeyFromSeed(seed)).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_PREFIX.length);
}

/**
 * A 32-byte seed, or a 64-byte NaCl secret key (seed ‖ public key, what tweetnacl hands out) whose
 * first half is the seed. Anything else is not an Ed25519 private key.
 */
export function seedFrom(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length === 32) return bytes;
  if (bytes.length === 64) return bytes.subarray(0, 32);
  return null;
}

export function ed25519Sign(seed: Uint8Array, data: Uint8Array): Buffer {
  return sign(null, data, privateKeyFromSeed(seed));
}

export function ed25519Verify(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  return verify(null, data, publicKeyFromRaw(publicKey), signature);
}
