import type { SchemeId } from './scheme-ids';

type HeaderPairs = ReadonlyArray<readonly [string, string]>;

/** Signature header (lower case) → scheme. Order matters only for requests carrying several. */
const BY_HEADER: ReadonlyArray<readonly [string, SchemeId]> = [
  ['stripe-signature', 'stripe'],
  ['x-hub-signature-256', 'github'],
  ['x-hub-signature', 'github'],
  ['webhook-signature', 'standard-webhooks'],
  ['svix-signature', 'standard-webhooks'],
  ['x-shopify-hmac-sha256', 'shopify'],
  ['x-slack-signature', 'slack'],
  ['x-twilio-signature', 'twilio'],
  ['x-signature-ed25519', 'discord'],
  ['x-feedbackpulse-signature', 'feedbackpulse'],
  ['x-feedbackpro-signature', 'feedbackpro'],
  ['x-feedspace-signature', 'feedspace'],
];

/**
 * A provider's other headers (lower case) → scheme: with no signature header these still name the
 * sender, so the verdict can say "its signature header is missing" rather than "unknown scheme".
 */
const BY_MARK: ReadonlyArray<readonly [string, SchemeId]> = [
  ['x-feedbackpulse-event', 'feedbackpulse'],
  ['x-feedbackpro-event', 'feedbackpro'],
  ['x-feedspace-timestamp', 'feedspace'],
  ['webhook-id', 'standard-webhooks'],
  ['webhook-timestamp', 'standard-webhooks'],
  ['svix-id', 'standard-webhooks'],
  ['svix-timestamp', 'standard-webhooks'],
  ['x-github-event', 'github'],
  ['x-github-delivery', 'github'],
  ['x-shopify-topic', 'shopify'],
  ['x-shopify-webhook-id', 'shopify'],
  ['x-slack-request-timestamp', 'slack'],
  ['x-signature-timestamp', 'discord'],
];

/** User-Agent prefixes that name a provider: Userback's is the only mark it leaves (it signs nothing). */
export const USERBACK_USER_AGENT = 'Userback-Webhook';
const USERBACK = /^userback-webhook/i;
const BY_USER_AGENT: ReadonlyArray<readonly [RegExp, SchemeId]> = [
  [USERBACK, 'userback'],
  [/^stripe\//i, 'stripe'],
];

function userAgentOf(headers: HeaderPairs): string {
  return (headers.find(([name]) => name.toLowerCase() === 'user-agent')?.[1] ?? '').trim();
}

export function isUserbackAgent(headers: HeaderPairs): boolean {
  return USERBACK.test(userAgentOf(headers));
}

/**
 * Guesses the scheme from the headers (names case-insensitive): a signature header first, then the
 * provider's other headers, then its User-Agent; null when nothing is recognised.
 */
export function detectScheme(headers: HeaderPairs): SchemeId | null {
  const names = new Set(headers.map(([name]) => name.toLowerCase()));
  for (const [header, scheme] of [...BY_HEADER, ...BY_MARK]) {
    if (names.has(header)) return scheme;
  }
  const userAgent = userAgentOf(headers);
  return BY_USER_AGENT.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
}
