import type { HeaderPairs } from '../../../shared/request-schemas';
import type { ProviderPreset, Target } from '../../../shared/sender-schemas';
import { signRequest } from '../signatures';
import { VERSION } from '../version';

/** The scheme each provider preset signs with by default. */
export const PROVIDER_SCHEMES = {
  feedbackpulse: 'feedbackpulse',
  feedbackpro: 'feedbackpro',
  feedspace: 'feedspace',
  userback: 'userback',
  'standard-webhooks': 'standard-webhooks',
  github: 'github',
  stripe: 'stripe',
  custom: 'custom',
} as const satisfies Record<ProviderPreset, Target['scheme']>;

export interface AttemptHeadersInput {
  target: Target;
  secret: string | null;
  event: string;
  idempotencyKey: string;
  body: Buffer;
  /** Unix seconds of this attempt: signatures carry a fresh timestamp on every retry. */
  timestampSec: number;
}

/**
 * The headers one attempt sends, as the provider sends them: content type, user agent, event
 * headers, the idempotency key (the same on every attempt of a delivery) and the signature over
 * the exact body bytes.
 */
export function attemptHeaders({ target, secret, event, idempotencyKey, body, timestampSec }: AttemptHeadersInput): HeaderPairs {
  const headers: HeaderPairs = [
    ['Content-Type', 'application/json'],
    ['User-Agent', `Hookbench/${VERSION}`],
  ];
  const set = (name: string, value: string) => {
    const at = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (at >= 0) headers[at] = [name, value];
    else headers.push([name, value]);
  };
  const standard = target.provider === 'standard-webhooks' || target.scheme === 'standard-webhooks';
  switch (target.provider) {
    case 'feedbackpulse':
      set('X-FeedbackPulse-Event', event);
      break;
    case 'feedbackpro':
      set('X-FeedbackPro-Event', event);
      break;
    case 'userback':
      set('Content-Type', 'application/json; charset=utf-8');
      set('User-Agent', 'Userback-Webhook');
      break;
    case 'github':
      set('User-Agent', 'GitHub-Hookshot/hookbench');
      set('X-GitHub-Event', event.split('.')[0]!);
      set('X-GitHub-Delivery', idempotencyKey);
      set('X-GitHub-Hook-ID', String(target.id));
      break;
    case 'stripe':
      set('User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)');
      break;
    default:
      break;
  }
  if (standard) {
    // The message id is the idempotency key; it and the timestamp go out signed or not.
    set('webhook-id', idempotencyKey);
    set('webhook-timestamp', String(timestampSec));
  } else {
    set('Idempotency-Key', idempotencyKey);
  }
  if (secret !== null && target.scheme !== 'userback') {
    const signed = signRequest({
      scheme: target.scheme,
      secret,
      body,
      timestamp: timestampSec,
      id: idempotencyKey,
      url: target.url,
      custom: target.customScheme ?? undefined,
    });
    for (const [name, value] of signed.headers) set(name, value);
  }
  return headers;
}
