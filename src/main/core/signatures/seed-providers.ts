import { Buffer } from 'node:buffer';
import { SCHEMES } from '../../../shared/signatures';
import { bodyHmacHandler } from './body-hmac';
import { nowSec } from './clock';
import { rawKey } from './encoding';
import { headerValue } from './headers';
import { hmac, joinBytes } from './hmac';
import { verifyHmac } from './hmac-verify';
import { headerMissing, outcome } from './outcome';
import { parseUnixSeconds } from './tolerance';
import type { SchemeHandler } from './types';

/** The four providers of the product seeds (PROVIDERS.md); none publishes a library to test against. */

export const feedbackpulse = bodyHmacHandler({
  scheme: 'feedbackpulse',
  header: 'X-FeedbackPulse-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
});

// The FeedBackPro doc leaves the encoding open; we use the FeedbackPulse format (PROVIDERS.md).
export const feedbackpro = bodyHmacHandler({
  scheme: 'feedbackpro',
  header: 'X-FeedbackPro-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
});

const FS_SIGNATURE = 'x-feedspace-signature';
const FS_TIMESTAMP = 'x-feedspace-timestamp';

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
  verify({ headers, body, secrets, now, toleranceSec }) {
    const received = headerValue(headers, FS_SIGNATURE);
    if (received === null) return headerMissing('feedspace', FS_SIGNATURE);
    const tsText = headerValue(headers, FS_TIMESTAMP);
    if (tsText === null) return headerMissing('feedspace', FS_TIMESTAMP, { received });
    const timestamp = parseUnixSeconds(tsText);
    if (timestamp === null) return outcome('feedspace', 'malformed_header', `${FS_TIMESTAMP} is not a Unix timestamp: "${tsText}"`, { received });
    // Some receivers' examples show `sha256=`; accept it rather than call a right MAC malformed.
    const mac = received.trim().replace(/^sha256=/i, '');
    return verifyHmac(
      {
        scheme: 'feedspace',
        algorithm: 'sha256',
        encoding: 'hex',
        keyMode: 'raw',
        signedString: joinBytes(`${timestamp}.`, body),
        received,
        candidates: [mac],
        format: (m) => m,
        timestamp,
        now,
        toleranceSec: toleranceSec ?? SCHEMES.feedspace.toleranceSec,
        direction: SCHEMES.feedspace.toleranceDirection,
      },
      secrets,
    );
  },
};

/** Userback signs nothing; "playing" it only means sending its User-Agent. */
export const userback: SchemeHandler = {
  sign() {
    return { headers: [['User-Agent', 'Userback-Webhook']], signedString: Buffer.alloc(0) };
  },
  verify() {
    return outcome('userback', 'unsigned', 'Userback does not sign its webhooks, so there is nothing to verify', {
      hint: 'To trust Userback deliveries, use a hard-to-guess endpoint URL or restrict the source; the User-Agent alone proves nothing.',
    });
  },
};
