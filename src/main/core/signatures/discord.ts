import { Buffer } from 'node:buffer';
import { nowSec } from './clock';
import { decodeStrict } from './encoding';
import { ed25519Sign, seedFrom } from './ed25519';
import { verifyEd25519 } from './ed25519-verify';
import { headerValue } from './headers';
import { joinBytes } from './hmac';
import { headerMissing } from './outcome';
import type { SchemeHandler } from './types';

const SIGNATURE = 'X-Signature-Ed25519';
const TIMESTAMP = 'X-Signature-Timestamp';

/** A public key as the Discord developer portal shows it: 64 hex characters. */
function publicKeyFrom(secret: string): Uint8Array | null {
  const bytes = decodeStrict(secret, 'hex');
  return bytes && bytes.length === 32 ? bytes : null;
}

/**
 * Discord interactions: Ed25519 over `timestamp + body`, hex. Signing (Hookbench playing Discord)
 * takes a hex 32-byte private seed; verifying takes the hex public key.
 */
export const discord: SchemeHandler = {
  sign({ secret, body, timestamp = nowSec() }) {
    const seed = seedFrom(decodeStrict(secret, 'hex') ?? Buffer.alloc(0));
    if (!seed) throw new Error('Discord signing needs an Ed25519 private seed: 64 hex characters (32 bytes)');
    const signedString = joinBytes(String(timestamp), body);
    return {
      headers: [
        [SIGNATURE, ed25519Sign(seed, signedString).toString('hex')],
        [TIMESTAMP, String(timestamp)],
      ],
      signedString,
    };
  },
  verify({ headers, body, secrets, now, toleranceSec, at }) {
    const received = headerValue(headers, SIGNATURE);
    if (received === null) return headerMissing('discord', SIGNATURE);
    const timestamp = headerValue(headers, TIMESTAMP);
    if (timestamp === null) return headerMissing('discord', TIMESTAMP, { received });
    const usable = secrets.some((s) => s.length > 0);
    const numeric = /^\d+$/.test(timestamp.trim()) ? Number(timestamp.trim()) : null;
    return verifyEd25519({
      scheme: 'discord',
      // The timestamp is signed exactly as sent, so it is taken verbatim, not re-printed.
      signedString: joinBytes(timestamp, body),
      received,
      candidates: [received.trim()],
      encoding: 'hex',
      publicKeys: usable ? secrets.map(publicKeyFrom) : [],
      keyHelp: 'paste the application public key from the Discord developer portal (64 hex characters)',
      timestamp: numeric,
      now,
      // Discord mandates no window; one applies only when the caller asks for it.
      toleranceSec: toleranceSec ?? null,
      direction: 'both',
      at,
    });
  },
};
