import { SCHEMES } from '../../../shared/signatures';
import { nowSec } from './clock';
import { rawKey } from './encoding';
import { headerValue } from './headers';
import { hmac, joinBytes } from './hmac';
import { verifyHmac } from './hmac-verify';
import { headerMissing, outcome } from './outcome';
import { parseUnixSeconds } from './tolerance';
import type { SchemeHandler } from './types';

const SIGNATURE = 'X-Slack-Signature';
const TIMESTAMP = 'X-Slack-Request-Timestamp';

/** Slack: `v0=` + HMAC-SHA256 hex of `v0:TS:body` with the signing secret as raw bytes. */
export const slack: SchemeHandler = {
  sign({ secret, body, timestamp = nowSec() }) {
    const signedString = joinBytes(`v0:${timestamp}:`, body);
    const mac = hmac('sha256', rawKey(secret), signedString).toString('hex');
    return {
      headers: [
        [SIGNATURE, `v0=${mac}`],
        [TIMESTAMP, String(timestamp)],
      ],
      signedString,
    };
  },
  verify({ headers, body, secrets, now, toleranceSec, at }) {
    const received = headerValue(headers, SIGNATURE);
    if (received === null) return headerMissing('slack', SIGNATURE);
    const tsText = headerValue(headers, TIMESTAMP);
    if (tsText === null) return headerMissing('slack', TIMESTAMP, { received });
    const timestamp = parseUnixSeconds(tsText);
    if (timestamp === null) return outcome('slack', 'malformed_header', `${TIMESTAMP} is not a Unix timestamp: "${tsText}"`, { received });
    const value = received.trim();
    return verifyHmac(
      {
        scheme: 'slack',
        algorithm: 'sha256',
        encoding: 'hex',
        keyMode: 'raw',
        // Bolt compares the hex as text (tsscmp).
        compare: 'exact',
        signedString: joinBytes(`v0:${timestamp}:`, body),
        received,
        candidates: value.startsWith('v0=') ? [value.slice(3)] : [],
        format: (mac) => `v0=${mac}`,
        timestamp,
        now,
        toleranceSec: toleranceSec ?? SCHEMES.slack.toleranceSec,
        direction: SCHEMES.slack.toleranceDirection,
        at,
      },
      secrets,
    );
  },
};
