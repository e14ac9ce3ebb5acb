import { z } from 'zod';
import { SchemeId } from './scheme-ids';

export const VerifyReason = z.enum([
  'valid',
  'unsigned',
  'header_missing',
  'malformed_header',
  'mismatch',
  'timestamp_outside_tolerance',
  /** The MAC matches when the secret is used the other way (decoded vs raw) or in the other encoding. */
  'encoding_mismatch',
  /**
   * The MAC matches once decoded, but the header is not written the way the provider's own check
   * compares it (uppercase hex, a missing or extra prefix, unpadded base64): the provider rejects it.
   */
  'lenient_match',
  'no_secret',
  'unsupported',
]);
export type VerifyReason = z.infer<typeof VerifyReason>;

/**
 * The time a signed timestamp is judged against: when the request arrived (a capture verified
 * later is not a replay) or the current time (what a live receiver would say now).
 */
export const ReferenceTime = z.enum(['arrival', 'now']);
export type ReferenceTime = z.infer<typeof ReferenceTime>;

/**
 * The verdict on one request. Written for a person debugging a receiver: `message` says why in
 * plain English, `expected`/`received` show both sides. Secrets never appear here.
 */
export const VerifyResult = z.object({
  valid: z.boolean(),
  scheme: SchemeId.nullable(),
  reason: VerifyReason,
  message: z.string(),
  /** Seconds between the signed timestamp and the reference time (positive = before it), when one was signed. */
  ageSec: z.number().nullable(),
  /** Which secret (rotation) and which signature in the header matched. */
  matched: z.object({ secretIndex: z.number().int(), signatureIndex: z.number().int() }).nullable(),
  /** The signature computed with the first secret, written as it would appear in the header. */
  expected: z.string().nullable(),
  /** The signature header value as received. */
  received: z.string().nullable(),
  /** The exact bytes that are signed, base64 (the body may be binary). */
  signedStringBase64: z.string().nullable(),
  hint: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;
