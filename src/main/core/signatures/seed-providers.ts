import { Buffer } from 'node:buffer';
import { isUserbackAgent, SCHEMES, USERBACK_USER_AGENT } from '../../../shared/signatures';
import { bodyHmacHandler } from './body-hmac';
import { nowSec } from './clock';
import { rawKey, WHSEC_PREFIX } from './encoding';
import { headerValue } from './headers';
import { hmac, joinBytes } from './hmac';
import { type Candidate, verifyHmac } from './hmac-verify';
import { headerMissing, outcome } from './outcome';
import { parseUnixSeconds } from './tolerance';
import type { SchemeHandler } from './types';

/** The four providers of the product seeds (PROVIDERS.md); none publishes a library to test against. */

const FP_SIGNATURE = 'X-FeedbackPulse-Signature';
const fpBody = bodyHmacHandler({
  scheme: 'feedbackpulse',
  header: FP_SIGNATURE,
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
  // The doc's check is hash_equals('sha256=' . hash_hmac(…), $signature): exact text, lowercase hex.
  compare: 'exact',
});

/** FeedbackPulse signs only when a secret is set in its config: an event without a signature says so. */
export const feedbackpulse: SchemeHandler = {
  sign: fpBody.sign,
  verify(input) {
    if (headerValue(input.headers, FP_SIGNATURE) === null) {
      return headerMissing('feedbackpulse', FP_SIGNATURE, {
        hint: 'FeedbackPulse only signs when a secret is set in its webhook config (Settings > Integrations, or "secret" in PUT /api/v2/webhooks/config): set one at the sender.',
      });
    }
    return fpBody.verify(input);
  },
};

// The FeedBackPro doc shows no header format and no code, only "HMAC-SHA256 with the shared secret":
// we send sha256=<hex> (like FeedbackPulse) and accept bare hex too, comparing the decoded MAC.
export const feedbackpro = bodyHmacHandler({
  scheme: 'feedbackpro',
  header: 'X-FeedbackPro-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
  prefixOptional: true,
  compare: 'bytes',
});

const FS_SIGNATURE = 'x-feedspace-signature';
const FS_TIMESTAMP = 'x-feedspace-timestamp';

/** Feedspace sends bare hex; a `sha256=` some receivers' examples show is read, then named as the reason it fails. */
function feedspaceMac(received: string): Candidate {
  const value = received.trim();
  const prefix = /^sha256=/i.exec(value)?.[0];
  return prefix ? { mac: value.slice(prefix.length), quirk: `it carries a "${prefix}" prefix, which Feedspace does not send` } : { mac: value };
}

/** Feedspace: hex HMAC-SHA256 of `TS.body`; the whsec_ secret is the key as is (the doc's sample). */
export const feedspace: SchemeHandler = {
  sign({ secret, body, timestamp = nowSec() }) {
    const signedString = joinBytes(`${timestamp}.`, body);
    const mac = hmac('sha256', rawKey(secret), signedString).toString('hex');
    return {
      headers: [
        [FS_SIGNATURE, mac],
        [FS_TIMESTAMP, String(timestamp)],
      ],
      signedString,
    };
  },
  verify({ headers, body, secrets, now, toleranceSec, at }) {
    const received = headerValue(headers, FS_SIGNATURE);
    if (received === null) return headerMissing('feedspace', FS_SIGNATURE);
    const tsText = headerValue(headers, FS_TIMESTAMP);
    if (tsText === null) return headerMissing('feedspace', FS_TIMESTAMP, { received });
    const timestamp = parseUnixSeconds(tsText);
    if (timestamp === null) return outcome('feedspace', 'malformed_header', `${FS_TIMESTAMP} is not a Unix timestamp: "${tsText}"`, { received });
    return verifyHmac(
      {
        scheme: 'feedspace',
        algorithm: 'sha256',
        encoding: 'hex',
        keyMode: 'raw',
        // The doc's check is hash_equals(hash_hmac('sha256', $timestamp . '.' . $payload, $secret), $signature).
        compare: 'exact',
        // $timestamp goes in as the header's text, not re-printed from the parsed number.
        signedString: joinBytes(`${tsText.trim()}.`, body),
        received,
        candidates: [feedspaceMac(received)],
        format: (m) => m,
        timestamp,
        now,
        toleranceSec: toleranceSec ?? SCHEMES.feedspace.toleranceSec,
        direction: SCHEMES.feedspace.toleranceDirection,
        at,
        secretPrefix: WHSEC_PREFIX,
      },
      secrets,
    );
  },
};

/** Userback signs nothing; "playing" it only means sending its User-Agent. */
export const userback: SchemeHandler = {
  sign() {
    return { headers: [['User-Agent', USERBACK_USER_AGENT]], signedString: Buffer.alloc(0) };
  },
  verify({ headers }) {
    const message = isUserbackAgent(headers)
      ? 'Userback does not sign its webhooks, so there is nothing to verify'
      : `Userback does not sign its webhooks, and this request does not look like one: Userback sends User-Agent: ${USERBACK_USER_AGENT}`;
    return outcome('userback', 'unsigned', message, {
      hint: 'To trust Userback deliveries, use a hard-to-guess endpoint URL or restrict the source; the User-Agent alone proves nothing.',
    });
  },
};
