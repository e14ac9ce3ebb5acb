import type { Buffer } from 'node:buffer';
import type { SchemeId, ToleranceDirection, VerifyResult } from '../../../shared/signatures';
import { constantTimeEqual } from '../constant-time';
import { decodedKey, decodeStrict, type MacEncoding, otherEncoding, rawKey } from './encoding';
import { type HmacAlgorithm, hmac } from './hmac';
import { noSecret, outcome, usableSecrets } from './outcome';
import { toleranceProblem } from './tolerance';

/** Everything an HMAC scheme has worked out from the request, for the shared verdict below. */
export interface HmacPlan {
  scheme: SchemeId;
  algorithm: HmacAlgorithm;
  encoding: MacEncoding;
  /** How the provider turns the secret into a key. */
  keyMode: 'raw' | 'decoded';
  signedString: Buffer;
  /** Signature header value as received. */
  received: string;
  /** MACs found in the header, prefixes removed (several for Stripe and Standard Webhooks). */
  candidates: string[];
  /** Writes a MAC the way the header carries it (e.g. `sha256=` + hex). */
  format: (mac: string) => string;
  timestamp: number | null;
  now: number;
  toleranceSec: number | null;
  direction: ToleranceDirection | null;
}

const MISMATCH = 'Signature does not match: wrong secret or the body was altered';
const RAW_BODY_HINT =
  'Verify the exact bytes received: a body that was parsed and re-serialised (spacing, key order, unicode escapes) no longer matches.';

function keyFor(secret: string, mode: 'raw' | 'decoded'): Buffer | null {
  return mode === 'raw' ? rawKey(secret) : decodedKey(secret);
}

function findMatch(keys: (Buffer | null)[], plan: HmacPlan, encoding: MacEncoding) {
  const decoded = plan.candidates.map((c) => decodeStrict(c, encoding));
  for (const [secretIndex, key] of keys.entries()) {
    if (!key) continue;
    const mac = hmac(plan.algorithm, key, plan.signedString);
    for (const [signatureIndex, candidate] of decoded.entries()) {
      // Every candidate is compared (no early exit on a bad one) in constant time per comparison.
      if (candidate && constantTimeEqual(mac, candidate)) return { secretIndex, signatureIndex };
    }
  }
  return null;
}

/**
 * The common verdict for HMAC schemes: match any secret against any signature, then the timestamp;
 * on failure, try the two classic mistakes (secret decoded vs raw, hex vs base64) to explain it.
 */
export function verifyHmac(plan: HmacPlan, secrets: readonly string[]): VerifyResult {
  const ageSec = plan.timestamp === null ? null : plan.now - plan.timestamp;
  const base = { received: plan.received, signedStringBase64: plan.signedString.toString('base64'), ageSec };
  const readable = plan.candidates.some((c) => decodeStrict(c, 'hex') ?? decodeStrict(c, 'base64'));
  if (!readable) {
    return outcome(plan.scheme, 'malformed_header', `The signature header holds no ${plan.encoding} signature in the expected format`, {
      ...base,
      hint: `Expected something like ${plan.format(plan.encoding === 'hex' ? 'ab12…' : 'q83v…=')}.`,
    });
  }
  const usable = usableSecrets(secrets);
  if (usable.length === 0) return noSecret(plan.scheme, base);

  const keys = usable.map((s) => keyFor(s.secret, plan.keyMode));
  const firstKey = keys[0];
  const expected = firstKey ? plan.format(hmac(plan.algorithm, firstKey, plan.signedString).toString(plan.encoding)) : null;
  const extras = { ...base, expected };

  const match = findMatch(keys, plan, plan.encoding);
  if (match) {
    const matched = { secretIndex: usable[match.secretIndex]!.index, signatureIndex: match.signatureIndex };
    const late = ageSec === null ? null : toleranceProblem(ageSec, plan.toleranceSec, plan.direction);
    if (late) return outcome(plan.scheme, 'timestamp_outside_tolerance', late, { ...extras, matched, hint: 'The signature itself is correct: this looks like a replay or a delayed redelivery.' });
    const which = secrets.length > 1 ? ` with secret #${matched.secretIndex + 1}` : '';
    return outcome(plan.scheme, 'valid', `Signature is valid${which}`, { ...extras, matched });
  }

  const otherMode = plan.keyMode === 'raw' ? 'decoded' : 'raw';
  const altMatch = findMatch(usable.map((s) => keyFor(s.secret, otherMode)), plan, plan.encoding);
  if (altMatch) {
    const hint =
      plan.keyMode === 'raw'
        ? 'The signature matches when the secret is base64-decoded (whsec_ stripped). This scheme uses the secret as raw UTF-8 bytes, prefix included: the sender decoded it.'
        : 'The signature matches when the secret is used as raw text. This scheme base64-decodes the part after whsec_ and uses those bytes as the key: the sender did not decode it.';
    return outcome(plan.scheme, 'encoding_mismatch', 'Signature matches only when the secret is used the other way (decoded vs raw)', { ...extras, hint });
  }
  const other = otherEncoding(plan.encoding);
  if (findMatch(keys, plan, other)) {
    return outcome(plan.scheme, 'encoding_mismatch', `The MAC is right but encoded as ${other}; this scheme uses ${plan.encoding}`, {
      ...extras,
      hint: `Encode the HMAC digest as ${plan.encoding}, not ${other}.`,
    });
  }
  return outcome(plan.scheme, 'mismatch', MISMATCH, { ...extras, hint: RAW_BODY_HINT });
}
