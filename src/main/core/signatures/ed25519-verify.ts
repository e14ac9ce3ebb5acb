import type { Buffer } from 'node:buffer';
import type { SchemeId, VerifyResult } from '../../../shared/signatures';
import { decodeStrict, type MacEncoding, otherEncoding } from './encoding';
import { ed25519Verify } from './ed25519';
import { noSecret, outcome } from './outcome';
import { type TimeCheck, timeVerdict } from './tolerance';

/** What an Ed25519 scheme (Discord, Standard Webhooks v1a) has worked out from the request. */
export interface Ed25519Plan extends TimeCheck {
  scheme: SchemeId;
  signedString: Buffer;
  received: string;
  /** Signatures from the header as text, in `encoding`. */
  candidates: string[];
  encoding: MacEncoding;
  /** Public keys by secret index; null where that secret is not a usable public key. */
  publicKeys: (Uint8Array | null)[];
  /** How to write a public key, for the message when none is usable. */
  keyHelp: string;
}

function findMatch(plan: Ed25519Plan, encoding: MacEncoding) {
  const signatures = plan.candidates.map((c) => decodeStrict(c, encoding));
  for (const [secretIndex, key] of plan.publicKeys.entries()) {
    if (!key) continue;
    for (const [signatureIndex, sig] of signatures.entries()) {
      if (sig && ed25519Verify(key, plan.signedString, sig)) return { secretIndex, signatureIndex };
    }
  }
  return null;
}

/**
 * Verdict for Ed25519 signatures. There is no `expected`: only the sender's private key can
 * produce one, which is the point of an asymmetric scheme.
 */
export function verifyEd25519(plan: Ed25519Plan): VerifyResult {
  const ageSec = plan.timestamp === null ? null : plan.now - plan.timestamp;
  const extras = { received: plan.received, signedStringBase64: plan.signedString.toString('base64'), ageSec };
  const readable = plan.candidates.some((c) => decodeStrict(c, 'hex') ?? decodeStrict(c, 'base64'));
  if (!readable) return outcome(plan.scheme, 'malformed_header', `The signature header holds no ${plan.encoding} Ed25519 signature`, extras);
  if (plan.publicKeys.every((k) => k === null)) {
    return plan.publicKeys.length === 0 ? noSecret(plan.scheme, extras) : outcome(plan.scheme, 'no_secret', `No usable public key: ${plan.keyHelp}`, extras);
  }
  const match = findMatch(plan, plan.encoding);
  if (match) {
    const time = timeVerdict(plan);
    if (time.late !== null) return outcome(plan.scheme, 'timestamp_outside_tolerance', time.late, { ...extras, matched: match, hint: time.hint });
    const which = plan.publicKeys.length > 1 ? ` with key #${match.secretIndex + 1}` : '';
    return outcome(plan.scheme, 'valid', `Signature is valid${which}${time.note}`, { ...extras, matched: match });
  }
  const other = otherEncoding(plan.encoding);
  if (findMatch(plan, other)) {
    return outcome(plan.scheme, 'encoding_mismatch', `The signature is right but encoded as ${other}; this scheme uses ${plan.encoding}`, {
      ...extras,
      hint: `Encode the Ed25519 signature as ${plan.encoding}.`,
    });
  }
  return outcome(plan.scheme, 'mismatch', 'Signature does not match: wrong public key or the body was altered', {
    ...extras,
    hint: 'Use the public key of the application that sent the request, and verify the exact bytes received.',
  });
}
