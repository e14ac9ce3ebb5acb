import type { SchemeId } from './scheme-ids';

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

/** Guesses the scheme from header names alone (case-insensitive); null when nothing is recognised. */
export function detectScheme(headers: ReadonlyArray<readonly [string, string]>): SchemeId | null {
  const names = new Set(headers.map(([name]) => name.toLowerCase()));
  for (const [header, scheme] of BY_HEADER) {
    if (names.has(header)) return scheme;
  }
  // Userback signs nothing; its User-Agent is the only mark it leaves.
  const userAgent = headers.find(([name]) => name.toLowerCase() === 'user-agent')?.[1] ?? '';
  if (/^userback-webhook/i.test(userAgent.trim())) return 'userback';
  return null;
}
