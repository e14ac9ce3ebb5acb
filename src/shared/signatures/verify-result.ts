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
  'no_secret',
  'unsupported',
]);
export type VerifyReason = z.infer<typeof VerifyReason>;

/**
 * The verdict on one request. Written for a person debugging a receiver: `message` says why in
 * plain English, `expected`/`received` show both sides. Secrets never appear here.
 */
export const VerifyResult = z.object({
  valid: z.boolean(),
  scheme: SchemeId.nullable(),
  reason: VerifyReason,
  message: z.string(),
  /** Seconds between the signed timestamp and now (positive = in the past), when one was signed. */
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
