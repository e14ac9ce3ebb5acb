import { z } from 'zod';
import { HeaderPairs } from './request-schemas';

/**
 * A request sent on behalf of a capture: the automatic forward to an endpoint's target, a replay
 * (as captured or edited), or a `hookbench listen` forward to someone's local app (reported back
 * by that listener). Each is stored with what was sent and what came back, linked to the capture.
 */

/** Why a send got no HTTP answer. */
export const SendFailureKind = z.enum(['timeout', 'refused', 'dns', 'tls', 'reset', 'invalid_url', 'ssrf_blocked', 'signing', 'other']);
export type SendFailureKind = z.infer<typeof SendFailureKind>;

export const SendKind = z.enum(['forward', 'replay', 'listen']);
export type SendKind = z.infer<typeof SendKind>;

/** What a send got back: an HTTP answer (any status) or, when none came, why not. */
export const SendResponse = z.object({ status: z.number().int(), headers: HeaderPairs, bodyBase64: z.string(), truncated: z.boolean() });
export const SendFailure = z.object({ kind: SendFailureKind, message: z.string() });

export const SendRecord = z.object({
  id: z.number().int().positive(),
  requestId: z.number().int().positive(),
  kind: SendKind,
  /** Who sent it (the token's name, `local` at the desktop); null for an endpoint's automatic forward. */
  by: z.string().nullable(),
  url: z.string(),
  method: z.string(),
  request: z.object({ headers: HeaderPairs, bodyBase64: z.string() }),
  response: SendResponse.nullable(),
  error: SendFailure.nullable(),
  durationMs: z.number().int().nonnegative(),
  startedAt: z.iso.datetime(),
});
export type SendRecord = z.infer<typeof SendRecord>;

/** A listener's answer bodies are kept to this much (what the local app said, not a download). */
export const LISTEN_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * What `hookbench listen` reports after forwarding a capture to a local app: the exact request it
 * sent (the body is the capture's own, so it is not uploaded again) and what came back.
 */
export const ListenSendReport = z
  .object({
    id: z.coerce.number().int().positive(),
    url: z.url({ protocol: /^https?$/ }),
    method: z.string().min(1).max(24),
    headers: HeaderPairs.max(2_000),
    response: SendResponse.extend({ bodyBase64: z.base64().max(Math.ceil(LISTEN_MAX_RESPONSE_BYTES / 3) * 4) }).nullable(),
    error: SendFailure.nullable(),
    durationMs: z.number().int().nonnegative().max(86_400_000),
    startedAt: z.iso.datetime(),
  })
  .refine((r) => (r.response === null) !== (r.error === null), 'give either response or error');
export type ListenSendReport = z.output<typeof ListenSendReport>;
