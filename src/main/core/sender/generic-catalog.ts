import { randomUUID } from 'node:crypto';
import { goneDisablesNote, hex, iso, OPEN_PRESET_NOTE, unix, type CatalogEntry } from './sample-helpers';

/**
 * The generic presets: styles of webhook rather than one vendor's product, so their catalogs are
 * examples and they also take event names of your own (OPEN_PRESET_NOTE).
 */

export type OpenPreset = 'standard-webhooks' | 'github' | 'stripe' | 'custom';

const ATTEMPTS_NOTE = 'Attempts: the target\'s schedule (default FeedBackPro\'s: 1 + 5 retries = 6 attempts; the svix and shopify presets are those providers\' own).';

export const GENERIC_CATALOG: Record<OpenPreset, CatalogEntry> = {
  'standard-webhooks': {
    notes: [
      'webhook-id (the idempotency key), webhook-timestamp, webhook-signature: v1,<base64 HMAC of "id.timestamp.body"> with the whsec_ secret base64-decoded.',
      ATTEMPTS_NOTE,
      '410 Gone switches the target off: the Standard Webhooks spec says a 410 disables the endpoint.',
      OPEN_PRESET_NOTE,
    ].join(' '),
    events: [
      { name: 'invoice.paid', description: 'An invoice was paid', sample: () => ({ id: `inv_${hex(8)}`, amount: 4900, currency: 'eur', customer_id: `cus_${hex(6)}`, paid_at: null }) },
      { name: 'user.created', description: 'A user signed up', sample: (now) => ({ id: randomUUID(), email: 'new.user@example.com', name: null, created_at: iso(now) }) },
    ],
  },
  github: {
    notes: ['X-GitHub-Event, X-GitHub-Delivery, X-Hub-Signature-256: sha256=<hex HMAC of the body>.', ATTEMPTS_NOTE, goneDisablesNote('GitHub\'s docs give it no meaning'), OPEN_PRESET_NOTE].join(' '),
    events: [
      { name: 'ping', description: 'Sent when a webhook is created', sample: () => ({ zen: 'Keep it logically awesome.', hook_id: 498112 }) },
      {
        name: 'push',
        description: 'Commits pushed to a branch',
        sample: () => ({ ref: 'refs/heads/main', before: hex(20), after: hex(20), repository: { id: 7713, full_name: 'octo-org/hello-world' }, pusher: { name: 'octocat', email: null }, commits: [] }),
      },
      {
        name: 'issues.opened',
        description: 'An issue was opened',
        sample: (now) => ({ issue: { number: 1347, title: 'Found a bug', state: 'open', body: null, created_at: iso(now) }, repository: { id: 7713, full_name: 'octo-org/hello-world' } }),
      },
    ],
  },
  stripe: {
    notes: ['Stripe-Signature: t=<ts>,v1=<hex HMAC of "ts.body"> with the whsec_ secret as raw bytes.', ATTEMPTS_NOTE, goneDisablesNote('Stripe\'s docs give it no meaning'), OPEN_PRESET_NOTE].join(' '),
    events: [
      {
        name: 'payment_intent.succeeded',
        description: 'A payment succeeded',
        sample: (now) => ({ id: `pi_${hex(12)}`, object: 'payment_intent', amount: 2000, currency: 'usd', status: 'succeeded', customer: null, created: unix(now) - 3 }),
      },
      {
        name: 'customer.subscription.deleted',
        description: 'A subscription ended',
        sample: (now) => ({ id: `sub_${hex(12)}`, object: 'subscription', status: 'canceled', customer: `cus_${hex(7)}`, canceled_at: unix(now) }),
      },
    ],
  },
  custom: {
    notes: [
      'Your own scheme (algorithm, encoding, header and signed-string template) on a generic envelope.',
      ATTEMPTS_NOTE,
      goneDisablesNote('there is no doc'),
      OPEN_PRESET_NOTE,
    ].join(' '),
    events: [{ name: 'test.event', description: 'A generic test event', sample: (now) => ({ id: `obj_${hex(8)}`, message: 'Hello from Hookbench', at: iso(now) }) }],
  },
};
