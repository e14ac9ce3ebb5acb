import { detectScheme, type SchemeId, USERBACK_USER_AGENT, type VerifyResult } from '../../../shared/signatures';
import { nowSec } from './clock';
import { custom } from './custom';
import { discord } from './discord';
import { github } from './github';
import { outcome } from './outcome';
import { feedbackpro, feedbackpulse, feedspace, userback } from './seed-providers';
import { shopify } from './shopify';
import { slack } from './slack';
import { standardWebhooks } from './standard-webhooks';
import { stripe } from './stripe';
import type { SchemeHandler, SignInput, SignOutput, VerifyInput } from './types';
import { twilio } from './twilio';

export type { FormParams, HeaderList, SignInput, SignOutput, VerifyInput } from './types';
export { twilioSignedString, withTwilioBodyHash } from './twilio';
export { rawPublicKey } from './ed25519';
export { renderTemplate } from './custom';

const HANDLERS: Record<SchemeId, SchemeHandler> = {
  feedbackpulse,
  feedbackpro,
  feedspace,
  userback,
  stripe,
  github,
  'standard-webhooks': standardWebhooks,
  shopify,
  slack,
  twilio,
  discord,
  custom,
};

/**
 * Signs a request the way `scheme`'s provider would: returns the headers to add and the exact
 * bytes that were signed. Throws (with no secret in the message) when the secret or the input
 * cannot work for the scheme (e.g. Twilio without a URL).
 */
export function signRequest(input: SignInput): SignOutput {
  return HANDLERS[input.scheme].sign(input);
}

/**
 * Verifies a received request against one or more secrets. The body must be the exact raw
 * bytes received. Never throws on bad input: every problem is a `reason` with a message.
 */
export function verifyRequest(input: VerifyInput): VerifyResult {
  const scheme = input.scheme ?? detectScheme(input.headers);
  if (!scheme) {
    return outcome(null, 'header_missing', 'No known signature header was found, so the scheme could not be detected', {
      hint: `Pick the scheme by hand, or define a custom one if the provider is not listed. Userback signs nothing and is recognised only by User-Agent: ${USERBACK_USER_AGENT}.`,
    });
  }
  try {
    return HANDLERS[scheme].verify({ ...input, scheme, now: input.now ?? nowSec() });
  } catch {
    // A malformed key or header that slipped past parsing: report it, never crash the caller.
    return outcome(scheme, 'malformed_header', 'The signature or key could not be parsed');
  }
}
