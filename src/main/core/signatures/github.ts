import { bodyHmacHandler, verifyBodyHmac } from './body-hmac';
import { headerValue } from './headers';
import { headerMissing } from './outcome';
import type { SchemeHandler } from './types';

// octokit compares the header as text, so only the exact lowercase form is valid (compare: 'exact').
const SHA256 = { scheme: 'github', header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', compare: 'exact' } as const;
const SHA1 = { scheme: 'github', header: 'X-Hub-Signature', algorithm: 'sha1', encoding: 'hex', prefix: 'sha1=', compare: 'exact' } as const;
const signSha256 = bodyHmacHandler(SHA256).sign;

/**
 * GitHub sends both headers; sha256 is checked whenever it is present (a valid legacy sha1 must not
 * rescue a bad sha256), and sha1 only for old senders that send nothing else.
 */
export const github: SchemeHandler = {
  sign(input) {
    return signSha256(input);
  },
  verify({ headers, body, secrets, now }) {
    const sha256 = headerValue(headers, SHA256.header);
    if (sha256 !== null) return verifyBodyHmac(SHA256, sha256, body, secrets, now);
    const sha1 = headerValue(headers, SHA1.header);
    if (sha1 !== null) {
      const result = verifyBodyHmac(SHA1, sha1, body, secrets, now);
      return { ...result, hint: result.hint ?? 'Only the legacy sha1 header was sent; GitHub recommends X-Hub-Signature-256.' };
    }
    return headerMissing('github', SHA256.header);
  },
};
