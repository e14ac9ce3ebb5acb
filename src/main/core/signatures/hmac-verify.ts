import type { Buffer } from 'node:buffer';
import { SCHEMES, type SchemeId, type VerifyResult } from '../../../shared/signatures';
import { constantTimeEqual } from '../constant-time';
import { decodedKey, decodeStrict, type MacEncoding, otherEncoding, rawKey } from './encoding';
import { type HmacAlgorithm, hmac } from './hmac';
import { noSecret, outcome, usableSecrets } from './outcome';
import { type TimeCheck, timeVerdict } from './tolerance';

/** A MAC read from the header; `quirk` says how its text departs from what the provider sends. */
export interface Candidate {
  mac: string;
  quirk?: string;
}

/** Everything an HMAC scheme has worked out from the request, for the shared verdict below. */
export interface HmacPlan extends TimeCheck {
  scheme: SchemeId;
  algorithm: HmacAlgorithm;
  encoding: MacEncoding;
  /** How the provider turns the secret into a key. */
  keyMode: 'raw' | 'decoded';
  /**
   * How the provider's own check compares: `exact` = the header text against the string it
   * computes (PHP hash_equals, the official libraries), so a MAC that only matches once decoded is
   * rejected; `bytes` = the decoded MAC (no documented string compare: FeedBackPro, custom).
   */
  compare: 'exact' | 'bytes';
  signedString: Buffer;
  /** Signature header value as received. */
  received: string;
  /** MACs found in the header, prefixes removed (several for Stripe and Standard Webhooks). */
  candidates: (string | Candidate)[];
  /** Writes a MAC the way the header carries it (e.g. `sha256=` + hex). */
  format: (mac: string) => string;
  /** A prefix the provider's secrets carry and use as key bytes (`whsec_`): a secret without it is a classic slip. */
  secretPrefix?: string;
}

const MISMATCH = 'Signature does not match: wrong secret or the body was altered';
const RAW_BODY_HINT =
  'Verify the exact bytes received: a body that was parsed and re-serialised (spacing, key order, unicode escapes) no longer matches.';

function keyFor(secret: string, mode: 'raw' | 'decoded'): Buffer | null {
  return mode === 'raw' ? rawKey(secret) : decodedKey(secret);
}

function findMatch(keys: (Buffer | null)[], plan: HmacPlan, candidates: Candidate[], encoding: MacEncoding) {
  const decoded = candidates.map((c) => decodeStrict(c.mac, encoding));
  for (const [secretIndex, key] of keys.entries()) {
    if (!key) continue;
    const mac = hmac(plan.algorithm, key, plan.signedString);
    for (const [signatureIndex, candidate] of decoded.entries()) {
      // Every candidate is compared (no early exit on a bad one) in constant time per comparison.
      if (candidate && constantTimeEqual(mac, candidate)) return { secretIndex, signatureIndex, mac };
    }
  }
  return null;
}

/** How a matching MAC's text differs from the provider's own encoding of it, or null when it is the same. */
function encodingQuirk(text: string, mac: Buffer, encoding: MacEncoding): string | null {
  const own = mac.toString(encoding);
  if (text.trim() === own) return null;
  if (encoding === 'hex') return text === text.toUpperCase() ? 'hex is uppercase' : 'hex has uppercase letters';
  const ways = [/[-_]/.test(text) ? 'URL-safe' : null, own.endsWith('=') && !text.endsWith('=') ? 'unpadded' : null].filter(Boolean);
  return ways.length ? `base64 is ${ways.join(' and ')}` : 'base64 is not written the canonical way';
}

/**
 * The common verdict for HMAC schemes: match any secret against any signature, then how the
 * provider compares and the timestamp; on failure, try the classic mistakes (secret decoded vs raw,
 * whsec_ prefix, hex vs base64) to explain it.
 */
export function verifyHmac(plan: HmacPlan, secrets: readonly string[]): VerifyResult {
  const label = SCHEMES[plan.scheme].label;
  const candidates = plan.candidates.map((c) => (typeof c === 'string' ? { mac: c } : c));
  const ageSec = plan.timestamp === null ? null : plan.now - plan.timestamp;
  const base = { received: plan.received, signedStringBase64: plan.signedString.toString('base64'), ageSec };
  const readable = candidates.some((c) => decodeStrict(c.mac, 'hex') ?? decodeStrict(c.mac, 'base64'));
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

  const match = findMatch(keys, plan, candidates, plan.encoding);
  if (match) {
    const matched = { secretIndex: usable[match.secretIndex]!.index, signatureIndex: match.signatureIndex };
    const candidate = candidates[match.signatureIndex]!;
    const quirk = candidate.quirk ?? encodingQuirk(candidate.mac, match.mac, plan.encoding);
    if (quirk && plan.compare === 'exact') {
      const exact = plan.format(match.mac.toString(plan.encoding));
      return outcome(plan.scheme, 'lenient_match', `The MAC matches, but ${label}'s own check would reject it: ${quirk}`, {
        ...extras,
        expected: exact,
        matched,
        hint: `${label} compares the header as text with the one it computes, which is exactly ${exact}.`,
      });
    }
    const time = timeVerdict(plan);
    if (time.late !== null) return outcome(plan.scheme, 'timestamp_outside_tolerance', time.late, { ...extras, matched, hint: time.hint });
    const which = secrets.length > 1 ? ` with secret #${matched.secretIndex + 1}` : '';
    return outcome(plan.scheme, 'valid', `Signature is valid${which}${time.note}`, { ...extras, matched });
  }
  return explainMismatch(plan, usable, keys, candidates, extras);
}

function explainMismatch(plan: HmacPlan, usable: { secret: string }[], keys: (Buffer | null)[], candidates: Candidate[], extras: Partial<VerifyResult>) {
  const label = SCHEMES[plan.scheme].label;
  const otherMode = plan.keyMode === 'raw' ? 'decoded' : 'raw';
  if (findMatch(usable.map((s) => keyFor(s.secret, otherMode)), plan, candidates, plan.encoding)) {
    const hint =
      plan.keyMode === 'raw'
        ? 'The signature matches when the secret is base64-decoded (whsec_ stripped). This scheme uses the secret as raw UTF-8 bytes, prefix included: the sender decoded it.'
        : 'The signature matches when the secret is used as raw text. This scheme base64-decodes the part after whsec_ and uses those bytes as the key: the sender did not decode it.';
    return outcome(plan.scheme, 'encoding_mismatch', 'Signature matches only when the secret is used the other way (decoded vs raw)', { ...extras, hint });
  }
  const prefix = plan.secretPrefix;
  if (prefix) {
    // The secret with its prefix added (typed without it) or removed (the sender dropped it).
    const toggled = usable.map((s) => (s.secret.startsWith(prefix) ? s.secret.slice(prefix.length) : prefix + s.secret));
    const hit = findMatch(toggled.map((s) => keyFor(s, plan.keyMode)), plan, candidates, plan.encoding);
    if (hit) {
      const added = !usable[hit.secretIndex]!.secret.startsWith(prefix);
      const message = added
        ? `Signature does not match this secret, but it does with ${prefix} prepended: the secret was given without its ${prefix} prefix`
        : `Signature does not match this secret, but it does with ${prefix} stripped: the sender signed with the secret minus its ${prefix} prefix`;
      return outcome(plan.scheme, 'mismatch', message, { ...extras, hint: `${label} uses the whole secret, ${prefix} included, as the HMAC key.` });
    }
  }
  const other = otherEncoding(plan.encoding);
  if (findMatch(keys, plan, candidates, other)) {
    return outcome(plan.scheme, 'encoding_mismatch', `The MAC is right but ${other}-encoded; ${label} uses ${plan.encoding}`, {
      ...extras,
      hint: `Encode the HMAC digest as ${plan.encoding}, not ${other}.`,
    });
  }
  return outcome(plan.scheme, 'mismatch', MISMATCH, { ...extras, hint: RAW_BODY_HINT });
}
