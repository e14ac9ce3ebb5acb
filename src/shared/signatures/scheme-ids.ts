import { z } from 'zod';

/** Every signature scheme Hookbench can sign and verify (PROVIDERS.md). */
export const SchemeId = z.enum([
  'feedbackpulse',
  'feedbackpro',
  'feedspace',
  'userback',
  'stripe',
  'github',
  'standard-webhooks',
  'shopify',
  'slack',
  'twilio',
  'discord',
  'custom',
]);
export type SchemeId = z.infer<typeof SchemeId>;

/**
 * How a scheme bounds the signed timestamp: `age` rejects only old messages (Stripe),
 * `both` rejects messages too far in the past or the future (Standard Webhooks).
 */
export type ToleranceDirection = 'age' | 'both';

export interface SchemeInfo {
  label: string;
  /** Header names as the provider spells them; the first is the one carrying the signature. */
  headers: readonly string[];
  /** Shown next to the secret field: what to paste and how it is used as a key. */
  secretHelp: string;
  /** Default replay window, or null when the scheme signs no timestamp. */
  toleranceSec: number | null;
  toleranceDirection: ToleranceDirection | null;
  /** False for providers that send no signature at all (Userback). */
  signed: boolean;
}

const RAW = 'Used as raw UTF-8 bytes.';

export const SCHEMES: Record<SchemeId, SchemeInfo> = {
  feedbackpulse: {
    label: 'FeedbackPulse',
    headers: ['X-FeedbackPulse-Signature', 'X-FeedbackPulse-Event'],
    secretHelp: `The webhook secret from the FeedbackPulse config. ${RAW} Header is sha256=<lowercase hex HMAC-SHA256 of the body>, compared as text as the doc's hash_equals does.`,
    toleranceSec: null,
    toleranceDirection: null,
    signed: true,
  },
  feedbackpro: {
    label: 'FeedBackPro',
    headers: ['X-FeedbackPro-Signature'],
    // The vendor doc does not fix the encoding; we chose the FeedbackPulse format and say so.
    secretHelp: `The shared secret. ${RAW} FeedBackPro's doc does not fix the encoding: Hookbench sends sha256=<hex>, like FeedbackPulse, and accepts bare hex too.`,
    toleranceSec: null,
    toleranceDirection: null,
    signed: true,
  },
  feedspace: {
    label: 'Feedspace',
    headers: ['x-feedspace-signature', 'x-feedspace-timestamp'],
    // The doc names no replay window; 300 s is Hookbench's choice, in line with Stripe and Slack.
    secretHelp:
      'The per-webhook secret (whsec_…). The whole string, prefix included, is the HMAC key (not base64-decoded), as in the doc sample; the header is bare lowercase hex, compared as text. Feedspace names no replay window: Hookbench applies ±300 s.',
    toleranceSec: 300,
    toleranceDirection: 'both',
    signed: true,
  },
  userback: {
    label: 'Userback',
    headers: ['User-Agent'],
    secretHelp: 'Userback does not sign its webhooks: there is nothing to verify. Recognised by User-Agent: Userback-Webhook.',
    toleranceSec: null,
    toleranceDirection: null,
    signed: false,
  },
  stripe: {
    label: 'Stripe',
    headers: ['Stripe-Signature'],
    secretHelp: 'The endpoint signing secret (whsec_…). Used as raw UTF-8 bytes, prefix included: it is NOT base64-decoded.',
    toleranceSec: 300,
    toleranceDirection: 'age',
    signed: true,
  },
  github: {
    label: 'GitHub',
    headers: ['X-Hub-Signature-256', 'X-Hub-Signature'],
    secretHelp: `The webhook secret. ${RAW} sha256 is checked; the legacy sha1 header is accepted when it is the only one.`,
    toleranceSec: null,
    toleranceDirection: null,
    signed: true,
  },
  'standard-webhooks': {
    label: 'Standard Webhooks / Svix',
    headers: ['webhook-signature', 'webhook-id', 'webhook-timestamp', 'svix-signature', 'svix-id', 'svix-timestamp'],
    secretHelp:
      'whsec_ + base64: the part after whsec_ is base64-DECODED and those bytes are the key. For asymmetric (v1a) signatures: sign with whsk_ + base64 Ed25519 seed, verify with whpk_ + base64 public key.',
    toleranceSec: 300,
    toleranceDirection: 'both',
    signed: true,
  },
  shopify: {
    label: 'Shopify',
    headers: ['X-Shopify-Hmac-Sha256'],
    secretHelp: `The app's client secret (or the webhook signing secret). ${RAW} Header is base64 HMAC-SHA256 of the body.`,
    toleranceSec: null,
    toleranceDirection: null,
    signed: true,
  },
  slack: {
    label: 'Slack',
    headers: ['X-Slack-Signature', 'X-Slack-Request-Timestamp'],
    secretHelp: `The app's signing secret. ${RAW} Requests more than 5 minutes from local time are rejected.`,
    toleranceSec: 300,
    toleranceDirection: 'both',
    signed: true,
  },
  twilio: {
    label: 'Twilio',
    headers: ['X-Twilio-Signature'],
    secretHelp: `The account auth token. ${RAW} The signature covers the full request URL, so the URL is required.`,
    toleranceSec: null,
    toleranceDirection: null,
    signed: true,
  },
  discord: {
    label: 'Discord interactions',
    headers: ['X-Signature-Ed25519', 'X-Signature-Timestamp'],
    secretHelp:
      'To verify: the application public key, hex, as Discord shows it. To sign (playing Discord): a hex 32-byte Ed25519 private seed.',
    toleranceSec: null,
    toleranceDirection: null,
    signed: true,
  },
  custom: {
    label: 'Custom HMAC',
    headers: [],
    secretHelp: `${RAW} Algorithm, encoding, header, prefix and signed template are configured per scheme.`,
    toleranceSec: null,
    toleranceDirection: null,
    signed: true,
  },
};
