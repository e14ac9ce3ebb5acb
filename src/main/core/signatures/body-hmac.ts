import type { SchemeId } from '../../../shared/signatures';
import { Buffer } from 'node:buffer';
import { type MacEncoding, rawKey } from './encoding';
import { headerValue } from './headers';
import { type HmacAlgorithm, hmac } from './hmac';
import { verifyHmac } from './hmac-verify';
import { headerMissing } from './outcome';
import type { SchemeHandler } from './types';

/** A scheme that MACs the raw body alone with a raw secret: GitHub, Shopify, FeedbackPulse, FeedBackPro. */
export interface BodyHmacSpec {
  scheme: SchemeId;
  header: string;
  algorithm: HmacAlgorithm;
  encoding: MacEncoding;
  /** Text before the MAC, e.g. `sha256=`; empty for Shopify. */
  prefix: string;
}

export function bodyHmacHandler(spec: BodyHmacSpec): SchemeHandler {
  return {
    sign({ secret, body }) {
      const mac = hmac(spec.algorithm, rawKey(secret), body).toString(spec.encoding);
      return { headers: [[spec.header, spec.prefix + mac]], signedString: Buffer.from(body) };
    },
    verify({ headers, body, secrets, now }) {
      const received = headerValue(headers, spec.header);
      if (received === null) return headerMissing(spec.scheme, spec.header);
      return verifyBodyHmac(spec, received, body, secrets, now);
    },
  };
}

export function verifyBodyHmac(spec: BodyHmacSpec, received: string, body: Uint8Array, secrets: readonly string[], now: number) {
  const value = received.trim();
  // Without its prefix (`sha256=`) the header is malformed: the prefix names the algorithm.
  const prefixOk = value.toLowerCase().startsWith(spec.prefix.toLowerCase());
  const mac = value.slice(spec.prefix.length);
  return verifyHmac(
    {
      scheme: spec.scheme,
      algorithm: spec.algorithm,
      encoding: spec.encoding,
      keyMode: 'raw',
      signedString: Buffer.from(body),
      received,
      candidates: prefixOk ? [mac] : [],
      format: (m) => spec.prefix + m,
      timestamp: null,
      now,
      toleranceSec: null,
      direction: null,
    },
    secrets,
  );
}
