import { z } from 'zod';
import { HeaderPairs } from './request-schemas';

/**
 * A request Hookbench sent on behalf of a capture: the automatic forward to an endpoint's target,
 * or a replay (as captured or edited). Both are stored with what was sent and what came back, and
 * linked to the original capture.
 */

/** Why a send got no HTTP answer. */
export const SendFailureKind = z.enum(['timeout', 'refused', 'dns', 'tls', 'reset', 'invalid_url', 'ssrf_blocked', 'signing', 'other']);
export type SendFailureKind = z.infer<typeof SendFailureKind>;

export const SendRecord = z.object({
  id: z.number().int().positive(),
  requestId: z.number().int().positive(),
  kind: z.enum(['forward', 'replay']),
  url: z.string(),
  method: z.string(),
  request: z.object({ headers: HeaderPairs, bodyBase64: z.string() }),
  response: z.object({ status: z.number().int(), headers: HeaderPairs, bodyBase64: z.string(), truncated: z.boolean() }).nullable(),
  error: z.object({ kind: SendFailureKind, message: z.string() }).nullable(),
  durationMs: z.number().int().nonnegative(),
  startedAt: z.iso.datetime(),
});
export type SendRecord = z.infer<typeof SendRecord>;
