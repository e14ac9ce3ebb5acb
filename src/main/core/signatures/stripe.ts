import { SCHEMES } from '../../../shared/signatures';
import { nowSec } from './clock';
import { rawKey, WHSEC_PREFIX } from './encoding';
import { headerValue } from './headers';
import { hmac, joinBytes } from './hmac';
import { verifyHmac } from './hmac-verify';
import { headerMissing, outcome } from './outcome';
import { parseUnixSeconds } from './tolerance';
import type { SchemeHandler } from './types';

const HEADER = 'Stripe-Signature';

/** `t=TS,v1=HEX[,v1=HEX…][,v0=…]`: several v1 entries appear while a secret is being rolled. */
function parseHeader(value: string): { timestamp: number | null; v1: string[] } {
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === 't') timestamp = parseUnixSeconds(val);
    else if (key === 'v1') v1.push(val);
  }
  return { timestamp, v1 };
}

/** Stripe: HMAC-SHA256 hex of `TS.body`; the whsec_ secret is the key as raw UTF-8, never decoded. */
export const stripe: SchemeHandler = {
  sign({ secret, body, timestamp = nowSec() }) {
    const signedString = joinBytes(`${timestamp}.`, body);
    const mac = hmac('sha256', rawKey(secret), signedString).toString('hex');
    return { headers: [[HEADER, `t=${timestamp},v1=${mac}`]], signedString };
  },
  verify({ headers, body, secrets, now, toleranceSec, at }) {
    const received = headerValue(headers, HEADER);
    if (received === null) return headerMissing('stripe', HEADER);
    const { timestamp, v1 } = parseHeader(received);
    if (timestamp === null || v1.length === 0) {
      return outcome('stripe', 'malformed_header', 'Stripe-Signature needs a t=<unix seconds> and at least one v1=<hex> entry', {
        received,
        hint: 'Expected t=1700000000,v1=5257a8…',
      });
    }
    return verifyHmac(
      {
        scheme: 'stripe',
        algorithm: 'sha256',
        encoding: 'hex',
        keyMode: 'raw',
        // stripe-node compares the hex as text (secureCompare).
        compare: 'exact',
        signedString: joinBytes(`${timestamp}.`, body),
        received,
        candidates: v1,
        format: (mac) => `v1=${mac}`,
        timestamp,
        now,
        toleranceSec: toleranceSec ?? SCHEMES.stripe.toleranceSec,
        direction: SCHEMES.stripe.toleranceDirection,
        at,
        secretPrefix: WHSEC_PREFIX,
      },
      secrets,
    );
  },
};
