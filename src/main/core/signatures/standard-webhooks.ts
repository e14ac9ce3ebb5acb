import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { SCHEMES } from '../../../shared/signatures';
import { nowSec } from './clock';
import { decodedKey, decodeStrict } from './encoding';
import { ed25519Sign, seedFrom } from './ed25519';
import { verifyEd25519 } from './ed25519-verify';
import { firstHeader, headerValue } from './headers';
import { hmac, joinBytes } from './hmac';
import { verifyHmac } from './hmac-verify';
import { headerMissing, outcome } from './outcome';
import { parseUnixSeconds } from './tolerance';
import type { HeaderList, SchemeHandler, VerifyInput } from './types';

/** Asymmetric (v1a) keys carry their own prefixes in the Standard Webhooks spec. */
const SECRET_KEY_PREFIX = 'whsk_';
const PUBLIC_KEY_PREFIX = 'whpk_';

function keyBytes(secret: string, prefix: string): Uint8Array | null {
  return secret.startsWith(prefix) ? decodeStrict(secret.slice(prefix.length), 'base64') : null;
}

/** Svix sends the same headers under svix-*; the brand of the signature header decides. */
function readHeaders(headers: HeaderList) {
  const sig = firstHeader(headers, ['webhook-signature', 'svix-signature']);
  if (!sig) return null;
  const brand = sig.name.startsWith('svix') ? 'svix' : 'webhook';
  return { brand, signature: sig.value, id: headerValue(headers, `${brand}-id`), timestamp: headerValue(headers, `${brand}-timestamp`) };
}

/** `v1,B64 v1a,B64 …` → signatures by version. */
function parseSignatures(value: string) {
  const v1: string[] = [];
  const v1a: string[] = [];
  for (const token of value.trim().split(/\s+/)) {
    const comma = token.indexOf(',');
    if (comma < 0) continue;
    const version = token.slice(0, comma);
    if (version === 'v1') v1.push(token.slice(comma + 1));
    else if (version === 'v1a') v1a.push(token.slice(comma + 1));
  }
  return { v1, v1a };
}

/**
 * Standard Webhooks (and Svix): `v1,` + base64 HMAC-SHA256 of `id.TS.body`, the key being the
 * base64-decoded part of the whsec_ secret; or `v1a,` + base64 Ed25519 with whsk_/whpk_ keys.
 */
export const standardWebhooks: SchemeHandler = {
  sign({ secret, body, timestamp = nowSec(), id = `msg_${randomUUID().replace(/-/g, '')}`, brand = 'webhook' }) {
    const signedString = joinBytes(`${id}.${timestamp}.`, body);
    let signature: string;
    if (secret.startsWith(SECRET_KEY_PREFIX)) {
      const seed = seedFrom(keyBytes(secret, SECRET_KEY_PREFIX) ?? Buffer.alloc(0));
      if (!seed) throw new Error('A whsk_ secret must be whsk_ + base64 of a 32-byte Ed25519 seed');
      signature = `v1a,${ed25519Sign(seed, signedString).toString('base64')}`;
    } else {
      const key = decodedKey(secret);
      if (!key) throw new Error('A Standard Webhooks secret must be whsec_ + base64');
      signature = `v1,${hmac('sha256', key, signedString).toString('base64')}`;
    }
    return {
      headers: [
        [`${brand}-id`, id],
        [`${brand}-timestamp`, String(timestamp)],
        [`${brand}-signature`, signature],
      ],
      signedString,
    };
  },
  verify(input) {
    const found = readHeaders(input.headers);
    if (!found) return headerMissing('standard-webhooks', 'webhook-signature');
    const received = found.signature;
    if (found.id === null) return headerMissing('standard-webhooks', `${found.brand}-id`, { received });
    if (found.timestamp === null) return headerMissing('standard-webhooks', `${found.brand}-timestamp`, { received });
    const timestamp = parseUnixSeconds(found.timestamp);
    if (timestamp === null) {
      return outcome('standard-webhooks', 'malformed_header', `${found.brand}-timestamp is not a Unix timestamp: "${found.timestamp}"`, { received });
    }
    const { v1, v1a } = parseSignatures(received);
    if (v1.length === 0 && v1a.length === 0) {
      return outcome('standard-webhooks', 'malformed_header', 'The signature header has no "v1,<base64>" or "v1a,<base64>" entry', {
        received,
        hint: 'Entries are version,signature separated by spaces: v1,K5oZ…= v1,bm9w…=',
      });
    }
    return verifyParsed(input, { received, id: found.id, timestamp, v1, v1a });
  },
};

function verifyParsed(
  { body, secrets, now, toleranceSec, at }: VerifyInput & { now: number },
  h: { received: string; id: string; timestamp: number; v1: string[]; v1a: string[] },
) {
  const signedString = joinBytes(`${h.id}.${h.timestamp}.`, body);
  const common = {
    scheme: 'standard-webhooks' as const,
    signedString,
    received: h.received,
    timestamp: h.timestamp,
    now,
    toleranceSec: toleranceSec ?? SCHEMES['standard-webhooks'].toleranceSec,
    direction: SCHEMES['standard-webhooks'].toleranceDirection,
    at,
  };
  const usable = secrets.filter((s) => s.length > 0);
  // Public keys verify v1a; everything else is an HMAC secret for v1. Indexes stay the caller's.
  if (usable.length > 0 && usable.every((s) => s.startsWith(PUBLIC_KEY_PREFIX))) {
    return verifyEd25519({
      ...common,
      candidates: h.v1a,
      encoding: 'base64',
      publicKeys: secrets.map((s) => {
        const key = keyBytes(s, PUBLIC_KEY_PREFIX);
        return key && key.length === 32 ? key : null;
      }),
      keyHelp: 'whpk_ + base64 of the 32-byte Ed25519 public key',
    });
  }
  return verifyHmac(
    {
      ...common,
      algorithm: 'sha256',
      encoding: 'base64',
      keyMode: 'decoded',
      // The reference library compares the base64 as text.
      compare: 'exact',
      candidates: h.v1,
      format: (mac) => `v1,${mac}`,
    },
    secrets.map((s) => (s.startsWith(PUBLIC_KEY_PREFIX) ? '' : s)),
  );
}
