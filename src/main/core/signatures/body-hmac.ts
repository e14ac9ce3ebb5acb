import type { SchemeId } from '../../../shared/signatures';
import { Buffer } from 'node:buffer';
import { type MacEncoding, rawKey } from './encoding';
import { headerValue } from './headers';
import { type HmacAlgorithm, hmac } from './hmac';
import { type Candidate, type HmacPlan, verifyHmac } from './hmac-verify';
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
  /** True when a bare MAC is as good as a prefixed one (FeedBackPro's doc shows no prefix). */
  prefixOptional?: boolean;
  compare: HmacPlan['compare'];
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

/** Reads the MAC after the prefix; a prefix written in other case, or missing, is noted as a quirk. */
function readMac(spec: BodyHmacSpec, received: string): { candidate: Candidate; shownPrefix: string } {
  const value = received.trim();
  const head = value.slice(0, spec.prefix.length);
  const rest = value.slice(spec.prefix.length);
  if (head === spec.prefix) return { candidate: { mac: rest }, shownPrefix: spec.prefix };
  if (head.toLowerCase() === spec.prefix.toLowerCase()) {
    return { candidate: { mac: rest, quirk: `the prefix is "${head}", not "${spec.prefix}"` }, shownPrefix: spec.prefix };
  }
  // Shown as received: a bare FeedBackPro MAC is compared with a bare computed one.
  if (spec.prefixOptional) return { candidate: { mac: value }, shownPrefix: '' };
  return { candidate: { mac: value, quirk: `the ${spec.prefix} prefix is missing` }, shownPrefix: spec.prefix };
}

export function verifyBodyHmac(spec: BodyHmacSpec, received: string, body: Uint8Array, secrets: readonly string[], now: number) {
  const { candidate, shownPrefix } = readMac(spec, received);
  return verifyHmac(
    {
      scheme: spec.scheme,
      algorithm: spec.algorithm,
      encoding: spec.encoding,
      keyMode: 'raw',
      compare: spec.compare,
      signedString: Buffer.from(body),
      received,
      candidates: [candidate],
      format: (m) => shownPrefix + m,
      timestamp: null,
      now,
      toleranceSec: null,
      direction: null,
    },
    secrets,
  );
}
