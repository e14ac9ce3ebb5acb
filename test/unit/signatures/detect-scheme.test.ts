import { describe, expect, it } from 'vitest';
import { detectScheme } from '../../../src/shared/signatures';

describe('detectScheme', () => {
  const cases: [string, string, string][] = [
    ['Stripe-Signature', 't=1,v1=ab', 'stripe'],
    ['X-Hub-Signature-256', 'sha256=ab', 'github'],
    ['X-Hub-Signature', 'sha1=ab', 'github'],
    ['webhook-signature', 'v1,ab', 'standard-webhooks'],
    ['svix-signature', 'v1,ab', 'standard-webhooks'],
    ['X-Shopify-Hmac-Sha256', 'ab', 'shopify'],
    ['X-Slack-Signature', 'v0=ab', 'slack'],
    ['X-Twilio-Signature', 'ab', 'twilio'],
    ['X-Signature-Ed25519', 'ab', 'discord'],
    ['X-FeedbackPulse-Signature', 'sha256=ab', 'feedbackpulse'],
    ['X-FeedbackPro-Signature', 'sha256=ab', 'feedbackpro'],
    ['x-feedspace-signature', 'ab', 'feedspace'],
    ['User-Agent', 'Userback-Webhook', 'userback'],
  ];
  it.each(cases)('%s → %s', (name, value, scheme) => {
    expect(detectScheme([['Content-Type', 'application/json'], [name, value]])).toBe(scheme);
  });

  it('ignores header-name case', () => {
    expect(detectScheme([['STRIPE-SIGNATURE', 'x']])).toBe('stripe');
    expect(detectScheme([['x-hub-signature-256', 'x']])).toBe('github');
    expect(detectScheme([['user-agent', 'userback-webhook']])).toBe('userback');
  });

  // No signature header, but the provider's other headers name it (so the verdict can say what is missing).
  const marks: [string, string, string][] = [
    ['X-FeedbackPulse-Event', 'submission.created', 'feedbackpulse'],
    ['X-FeedbackPro-Event', 'new_feedback', 'feedbackpro'],
    ['x-feedspace-timestamp', '1700000000', 'feedspace'],
    ['webhook-id', 'msg_1', 'standard-webhooks'],
    ['svix-timestamp', '1700000000', 'standard-webhooks'],
    ['X-GitHub-Event', 'push', 'github'],
    ['X-Shopify-Topic', 'orders/create', 'shopify'],
    ['X-Slack-Request-Timestamp', '1700000000', 'slack'],
    ['X-Signature-Timestamp', '1700000000', 'discord'],
    ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'stripe'],
  ];
  it.each(marks)('unsigned, %s: %s → %s', (name, value, scheme) => {
    expect(detectScheme([['Content-Type', 'application/json'], [name, value]])).toBe(scheme);
  });

  it('a signature header wins over another provider\'s marks', () => {
    expect(detectScheme([['X-GitHub-Event', 'push'], ['Stripe-Signature', 't=1,v1=ab']])).toBe('stripe');
  });

  it('returns null when nothing is recognised', () => {
    expect(detectScheme([])).toBeNull();
    expect(detectScheme([['User-Agent', 'curl/8'], ['X-Signature', 'abc']])).toBeNull();
  });
});
