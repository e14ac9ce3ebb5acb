import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { VerifyResult } from '../../../shared/signatures';
import { constantTimeEqual } from '../constant-time';
import { rawKey } from './encoding';
import { headerValue } from './headers';
import { hmac } from './hmac';
import { verifyHmac } from './hmac-verify';
import { headerMissing, outcome } from './outcome';
import type { FormParams, SchemeHandler } from './types';

const HEADER = 'X-Twilio-Signature';

/** Form bodies are signed by their decoded parameters, not their bytes. */
function parseForm(body: Uint8Array): FormParams {
  const params: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(Buffer.from(body).toString('utf8'))) (params[key] ??= []).push(value);
  return params;
}

/** URL, then each key (sorted) followed by its values (deduplicated, sorted), as twilio-node does. */
export function twilioSignedString(url: string, params: FormParams): Buffer {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key]!;
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += key + v;
  }
  return Buffer.from(data, 'utf8');
}

function bodyHashParam(url: string): string | null {
  try {
    return new URL(url).searchParams.get('bodySHA256');
  } catch {
    return null;
  }
}

/** For JSON bodies Twilio signs the URL only and puts the body's SHA-256 in a `bodySHA256` query param. */
export function withTwilioBodyHash(url: string, body: Uint8Array): string {
  const hash = createHash('sha256').update(body).digest('hex');
  return `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
}

// Twilio may have signed the URL with or without the default port, depending on the proxy path.
function urlVariants(url: string): string[] {
  const m = /^(https?:\/\/)([^/?#]*)(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme, authority, rest] = m as unknown as [string, string, string, string];
  const hostPort = /^(.*?)(:\d+)?$/.exec(authority)!;
  const host = hostPort[1] ?? authority;
  const port = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return [...new Set([url, scheme + host + rest, scheme + host + (hostPort[2] ?? port) + rest])];
}

function isFormBody(contentType: string | null): boolean {
  return contentType === null || /application\/x-www-form-urlencoded/i.test(contentType);
}

/** Twilio: base64 HMAC-SHA1 of URL + sorted form params, with the auth token as the key. */
export const twilio: SchemeHandler = {
  sign({ secret, body, url, formParams }) {
    if (!url) throw new Error('Twilio signing needs the full request URL');
    const params = bodyHashParam(url) !== null ? {} : (formParams ?? parseForm(body));
    const signedString = twilioSignedString(url, params);
    return { headers: [[HEADER, hmac('sha1', rawKey(secret), signedString).toString('base64')]], signedString };
  },
  verify({ headers, body, url, secrets, now }): VerifyResult {
    const received = headerValue(headers, HEADER);
    if (received === null) return headerMissing('twilio', HEADER);
    if (!url) {
      return outcome('twilio', 'unsupported', 'Twilio signs the full request URL: give the URL the request was sent to', { received });
    }
    const bodyHash = bodyHashParam(url);
    const params = bodyHash !== null || !isFormBody(headerValue(headers, 'content-type')) ? {} : parseForm(body);
    const results = urlVariants(url).map((candidateUrl) =>
      verifyHmac(
        {
          scheme: 'twilio',
          algorithm: 'sha1',
          encoding: 'base64',
          keyMode: 'raw',
          // twilio-node compares the base64 as text (scmp).
          compare: 'exact',
          signedString: twilioSignedString(candidateUrl, params),
          received,
          candidates: [received.trim()],
          format: (mac) => mac,
          timestamp: null,
          now,
          toleranceSec: null,
          direction: null,
        },
        secrets,
      ),
    );
    // The URL variant that matched tells the story, even when only leniently.
    const result = results.find((r) => r.valid) ?? results.find((r) => r.reason === 'lenient_match') ?? results[0]!;
    if (!result.valid || bodyHash === null) return result;
    // The URL signature only covers the body through bodySHA256 (validateRequestWithBody semantics).
    const actual = createHash('sha256').update(body).digest('hex');
    if (constantTimeEqual(actual, bodyHash.toLowerCase())) return result;
    return {
      ...result,
      valid: false,
      reason: 'mismatch',
      message: 'The URL signature is valid but the body does not match its bodySHA256: the body was altered',
      hint: `SHA-256 of the body received is ${actual}.`,
    };
  },
};

