import { z } from 'zod';
import { HeaderPairs } from './request-schemas';
import { SendFailureKind } from './send-schemas';
import { SchemeId, CustomScheme } from './signatures';
import { StatusSelector, TimeBound } from './request-filter';

/**
 * The sender: Hookbench playing the provider side (PROVIDERS.md). Targets are subscriptions, an
 * emitted event makes one delivery per subscribed target, and each delivery makes attempts on the
 * target's retry schedule until one succeeds or the delivery is dead (the dead-letter queue).
 */

/** Whose envelope, headers and signature a target gets. */
export const ProviderPreset = z.enum(['feedbackpulse', 'feedbackpro', 'feedspace', 'userback', 'standard-webhooks', 'github', 'stripe', 'custom']);
export type ProviderPreset = z.infer<typeof ProviderPreset>;

/** How each preset is named in the UI and in chat messages. */
export const PROVIDER_LABELS: Record<ProviderPreset, string> = {
  feedbackpulse: 'FeedbackPulse',
  feedbackpro: 'FeedBackPro',
  feedspace: 'Feedspace',
  userback: 'Userback',
  'standard-webhooks': 'Standard Webhooks',
  github: 'GitHub-like',
  stripe: 'Stripe-like',
  custom: 'Custom',
};

/** `auto` picks by URL: hooks.slack.com → Slack Block Kit, discord.com/api/webhooks → Discord embed. */
export const PayloadFormat = z.enum(['auto', 'raw', 'slack', 'discord']);
export type PayloadFormat = z.infer<typeof PayloadFormat>;

/** `public-only` refuses loopback, private, link-local and unique-local addresses (checked on connect). */
export const SsrfPolicy = z.enum(['off', 'public-only']);
export type SsrfPolicy = z.infer<typeof SsrfPolicy>;

/** Seconds to wait before each retry; the first attempt is immediate, so attempts = 1 + length. */
export const RetrySchedule = z.array(z.number().int().min(0).max(7 * 24 * 3600)).max(20);

export const RETRY_PRESETS = {
  /** FeedBackPro: 15 s, 2 min, 10 min, 1 h, 6 h (the default). */
  feedbackpro: [15, 120, 600, 3600, 21600],
  /** Svix: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
  svix: [5, 300, 1800, 7200, 18000, 36000, 36000],
  /** Shopify: 8 tries over about 4 hours. */
  shopify: [60, 120, 300, 900, 1800, 3600, 7200],
  none: [],
} as const satisfies Record<string, number[]>;
export type RetryPresetName = keyof typeof RETRY_PRESETS;

export const DEFAULT_TIMEOUT_SEC = 5;

export const Target = z.object({
  id: z.number().int().positive(),
  url: z.string(),
  /** Subscribed event names; `*` means every event. */
  events: z.array(z.string()),
  provider: ProviderPreset,
  /** The signature scheme used when a secret is set (defaults to the provider's). */
  scheme: SchemeId,
  customScheme: CustomScheme.nullable(),
  /** The secret is never returned; this hint says which one is set (`whsec_…a1b2`). */
  secretHint: z.string().nullable(),
  /** Set when the stored secret cannot be opened here (sealed by the desktop app's keychain). */
  secretUnavailable: z.string().nullable(),
  format: PayloadFormat,
  retrySchedule: RetrySchedule,
  timeoutSec: z.number().positive(),
  ssrf: SsrfPolicy,
  /** Deliveries to this target in flight at once. */
  concurrency: z.number().int().positive(),
  active: z.boolean(),
  /** Deliveries are created and queue up, but none is attempted until resumed. */
  paused: z.boolean(),
  /** Why the sender switched it off (a 410 Gone), or null. */
  disabledReason: z.string().nullable(),
  /** What differs from the provider it plays (a Feedspace target without a whsec_ secret, …), shown in the UI. */
  warnings: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Target = z.infer<typeof Target>;

/** A save's answer: the target, plus a secret Hookbench generated for it (Feedspace), returned this once only. */
export const SavedTarget = Target.extend({ generatedSecret: z.string().optional() });
export type SavedTarget = z.infer<typeof SavedTarget>;

/** The prefix Feedspace's (and Standard Webhooks') secrets carry. */
export const WHSEC_PREFIX = 'whsec_';

/**
 * Warnings about a target's secret, from what is visible without it (its hint keeps the `whsec_`
 * prefix): Feedspace signs every webhook, always with a whsec_ secret.
 */
export function targetWarnings({ provider, secretHint }: { provider: ProviderPreset; secretHint: string | null }): string[] {
  if (provider !== 'feedspace') return [];
  if (secretHint === null) return ['Feedspace signs every webhook: this target has no secret, so its deliveries go unsigned, which the real Feedspace never sends. Save it without a secret field to get a generated whsec_ secret.'];
  if (!secretHint.startsWith(WHSEC_PREFIX)) return ['Feedspace secrets start with whsec_: this one does not, so it is not one the real Feedspace would give out.'];
  return [];
}

export const PutTargetInput = z.object({
  /** Update this target; without it, the target with the same URL is updated, else one is created. */
  id: z.coerce.number().int().positive().optional(),
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(z.string().min(1).max(200)).min(1).max(200),
  /** Empty string removes the secret; absent keeps it. */
  secret: z.string().max(4096).optional(),
  provider: ProviderPreset.optional(),
  scheme: SchemeId.optional(),
  customScheme: CustomScheme.nullable().optional(),
  format: PayloadFormat.optional(),
  retrySchedule: z.union([RetrySchedule, z.enum(['feedbackpro', 'svix', 'shopify', 'none'])]).optional(),
  timeoutSec: z.number().min(0.05).max(120).optional(),
  ssrf: SsrfPolicy.optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  active: z.boolean().optional(),
  paused: z.boolean().optional(),
});
export type PutTargetInput = z.output<typeof PutTargetInput>;

export const DeliveryState = z.enum(['pending', 'sending', 'succeeded', 'dead']);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** Why an attempt failed: no answer (a send failure), a non-2xx status, or the SSRF policy. */
export const AttemptOutcome = z.union([z.literal('success'), z.literal('http_status'), SendFailureKind]);
export type AttemptOutcome = z.infer<typeof AttemptOutcome>;

export const Delivery = z.object({
  id: z.number().int().positive(),
  eventId: z.string(),
  event: z.string(),
  provider: ProviderPreset,
  targetId: z.number().int().positive(),
  url: z.string(),
  /** Sent on every attempt: `webhook-id` (Standard Webhooks) or `Idempotency-Key`. */
  idempotencyKey: z.string(),
  state: DeliveryState,
  attempts: z.number().int().nonnegative(),
  /** When the next attempt is due (pending only). */
  nextAttemptAt: z.iso.datetime().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** A test event ("Send Test Event") rather than an emitted one. */
  test: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Delivery = z.infer<typeof Delivery>;

export const Attempt = z.object({
  id: z.number().int().positive(),
  deliveryId: z.number().int().positive(),
  targetId: z.number().int().positive(),
  event: z.string(),
  url: z.string(),
  /** 1 for the first attempt of the delivery. */
  attempt: z.number().int().positive(),
  outcome: AttemptOutcome,
  request: z.object({ method: z.string(), headers: HeaderPairs, body: z.string(), bodyBase64: z.string() }),
  response: z.object({ status: z.number().int(), headers: HeaderPairs, body: z.string(), truncated: z.boolean() }).nullable(),
  error: z.object({ kind: AttemptOutcome, message: z.string() }).nullable(),
  /** When it was due and when it started: the difference is the scheduler's lateness. */
  scheduledFor: z.iso.datetime(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  /** Set when this attempt failed and another is scheduled. */
  nextRetryAt: z.iso.datetime().nullable(),
});
export type Attempt = z.infer<typeof Attempt>;

export const DeliveryDetail = Delivery.extend({
  payload: z.object({ headers: HeaderPairs, body: z.string() }),
  timeline: z.array(Attempt),
});
export type DeliveryDetail = z.infer<typeof DeliveryDetail>;

/** Filters shared by the delivery list and the attempt log. */
export const DeliveryFilter = z.object({
  event: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.string().max(200)).max(50)).optional(),
  /** Response status code or class of the (last) attempt; `error` = no HTTP answer. */
  status: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.union([z.literal('error'), StatusSelector])).max(20)).optional(),
  target: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).max(50)).optional(),
  state: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(DeliveryState).max(4)).optional(),
  from: TimeBound.optional(),
  to: TimeBound.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^\d+$/).optional(),
});
export type DeliveryFilter = z.output<typeof DeliveryFilter>;

export const CatalogEvent = z.object({
  name: z.string(),
  description: z.string(),
  /** A realistic `data` object for this event. */
  sample: z.record(z.string(), z.unknown()),
  /** The whole body this provider would send (the sample in its envelope). */
  envelope: z.record(z.string(), z.unknown()),
});
export const ProviderCatalog = z.object({
  provider: ProviderPreset,
  label: z.string(),
  /** Headers this provider sends besides its signature. */
  notes: z.string(),
  events: z.array(CatalogEvent),
});
export type ProviderCatalog = z.infer<typeof ProviderCatalog>;

export const EmitEventInput = z.object({
  event: z.string().min(1).max(200),
  /** The event's data; default: the catalog's sample. Each target gets it in its provider's envelope. */
  data: z.record(z.string(), z.unknown()).optional(),
  /** The whole body, sent verbatim (as composed in the editor) instead of an envelope around `data`. */
  payload: z.record(z.string(), z.unknown()).optional(),
  /** Only targets of this provider. */
  provider: ProviderPreset.optional(),
});
