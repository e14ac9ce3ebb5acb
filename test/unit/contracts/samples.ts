import { emptyShape, observe, toJsonSchema, type Shape } from '../../../src/shared/contracts/shape';

/**
 * Realistic webhook bodies for the contract tests (issue 15), trimmed from what Stripe, GitHub
 * and Slack document, with the variations real traffic has: nullable fields, optional ones,
 * integers that are sometimes fractional, arrays that are sometimes empty. Plus a hand-written
 * ("pinned") schema using the JSON Schema features learned schemas never have.
 */

export function stripeInvoicePaid(i: number): Record<string, unknown> {
  return {
    id: `evt_1NG8Du2eZvKYlo2C${i}UI79vXWy`,
    object: 'event',
    api_version: '2023-10-16',
    created: 1686089970 + i,
    livemode: i % 2 === 0,
    pending_webhooks: 1,
    request: { id: i % 2 === 0 ? null : `req_${i}aB3x`, idempotency_key: i % 2 === 0 ? null : `0f9c2a${i}e-1b7d-4c55-9a0e-3f1d2c4b5a6${i}` },
    type: 'invoice.paid',
    data: {
      object: {
        id: `in_1NG8Dt2eZvKYlo2C${i}kBvk0Rx`,
        object: 'invoice',
        amount_due: 2000 + i * 100,
        amount_paid: 2000 + i * 100,
        // Tax is a whole number of cents, except in one sample: integer + number = number.
        tax: i === 2 ? 12.5 : 120,
        currency: ['usd', 'eur', 'usd', 'gbp'][i % 4],
        customer: `cus_NffrFeUfNV2Hib${i}`,
        customer_email: i === 1 ? null : `jenny.rosen${i}@example.com`,
        hosted_invoice_url: `https://invoice.stripe.com/i/acct_1M2JTkLkdIwHu7ix/test_YWNjdF8x${i}`,
        status: 'paid',
        created_at: `2023-06-0${i + 1}T22:19:30Z`,
        lines: {
          object: 'list',
          data: [
            { id: `il_1NG8Dt${i}`, amount: 2000, description: '1 × Pro (at $20.00 / month)', price: { id: 'price_1Mr6xA', unit_amount: 2000, currency: 'usd' }, quantity: 1 },
            ...(i % 2 === 0 ? [{ id: `il_2NG8Dt${i}`, amount: 100 * i, description: 'Seats', price: { id: 'price_1Mr6xB', unit_amount: 100, currency: 'usd' }, quantity: i }] : []),
          ],
          has_more: false,
        },
        // Only some invoices carry a discount: optional.
        ...(i === 3 ? { discount: { coupon: { id: 'SUMMER', percent_off: 25 } } } : {}),
        metadata: {},
      },
    },
  };
}

export function stripeCustomerCreated(i: number): Record<string, unknown> {
  return {
    id: `evt_1Mq2Ys2eZvKYlo2C${i}ce6hG3G`,
    object: 'event',
    api_version: '2023-10-16',
    created: 1680064028 + i,
    livemode: false,
    pending_webhooks: 0,
    request: { id: `req_${i}Qy8w`, idempotency_key: null },
    type: 'customer.created',
    data: {
      object: {
        id: `cus_NbMBMhGvLlRHpn${i}`,
        object: 'customer',
        email: `customer${i}@example.com`,
        name: i === 0 ? null : `Customer ${i}`,
        balance: 0,
        delinquent: false,
        preferred_locales: i === 1 ? ['en', 'fr'] : [],
      },
    },
  };
}

export function githubPush(i: number): Record<string, unknown> {
  const commit = (n: number) => ({
    id: `7fd1a60b01f91b314f59955a4e4d4e80d8edf11${n}`,
    tree_id: `f9d2a07e9488b91af2641b26b9407fe22a451433`,
    distinct: true,
    message: `Update README (${n})`,
    timestamp: `2024-05-0${n + 1}T10:1${n}:00+02:00`,
    url: `https://github.com/octo-org/hello-world/commit/7fd1a60b01f91b314f59955a4e4d4e80d8edf11${n}`,
    author: { name: 'Mona Octocat', email: 'mona@github.com', username: 'octocat' },
    committer: { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' },
    added: [],
    removed: [],
    modified: ['README.md'],
  });
  const commits = i === 2 ? [] : [commit(i), ...(i === 1 ? [commit(i + 1)] : [])];
  return {
    ref: 'refs/heads/main',
    before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
    after: `7fd1a60b01f91b314f59955a4e4d4e80d8edf11${i}`,
    repository: {
      id: 186853002,
      node_id: 'MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=',
      name: 'hello-world',
      full_name: 'octo-org/hello-world',
      private: false,
      owner: { login: 'octo-org', id: 6811672, type: 'Organization', html_url: 'https://github.com/octo-org' },
      html_url: 'https://github.com/octo-org/hello-world',
      // GitHub's push payload really sends this as a Unix time, other events as a string.
      created_at: 1557933565,
      default_branch: 'main',
      topics: i === 0 ? ['demo'] : [],
    },
    pusher: { name: 'octocat', email: 'mona@github.com' },
    sender: { login: 'octocat', id: 583231, type: 'User', avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4' },
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/octo-org/hello-world/compare/6113728f27ae...7fd1a60b01f9`,
    commits,
    head_commit: commits[0] ?? null,
  };
}

export function slackAppMention(i: number): Record<string, unknown> {
  return {
    token: 'XXYYZZ',
    team_id: 'T123ABC456',
    api_app_id: 'A123ABC456',
    event: {
      type: 'app_mention',
      user: `U123ABC45${i}`,
      text: `<@U0LAN0Z89> is it everything a river should be? (${i})`,
      ts: `1515449522.00001${i}`,
      channel: 'C123ABC456',
      event_ts: `1515449522.00001${i}`,
      ...(i === 1 ? { thread_ts: '1515449400.000010' } : {}),
    },
    type: 'event_callback',
    event_id: `Ev123ABC45${i}`,
    event_time: 1515449522 + i,
    authorizations: [{ enterprise_id: null, team_id: 'T123ABC456', user_id: 'U123ABC456', is_bot: false, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-eyJldCI6ImFwcF9tZW50aW9uIiwidGlkIjoiVDEyM0FCQzQ1NiJ9${i}`,
  };
}

/** `count` samples from one generator. */
export const samplesOf = (make: (i: number) => Record<string, unknown>, count = 4): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => make(i));

/** A shape learned from `samples`, captured with ids `firstCapture`, `firstCapture + 1`, ... */
export function learn(samples: unknown[], firstCapture = 1): Shape {
  const shape = emptyShape();
  samples.forEach((sample, i) => observe(shape, sample, firstCapture + i));
  return shape;
}

/** The codegen input for one event learned from `samples`. */
export const learned = (event: string, samples: unknown[]): { event: string; schema: Record<string, unknown> } => ({
  event,
  schema: toJsonSchema(learn(samples), event),
});

export const pinnedOrderSchema: Record<string, unknown> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['kind', 'order', 'level'],
  properties: {
    kind: { const: 'order.created' },
    order: { $ref: '#/$defs/order' },
    tags: { type: 'object', additionalProperties: { type: 'string' } },
    level: { enum: [1, 2, 'max', null] },
    note: { type: 'string', nullable: true, description: 'Free text. Ends with */ on purpose.' },
    shipping: { oneOf: [{ type: 'null' }, { allOf: [{ $ref: '#/$defs/address' }, { type: 'object', properties: { tracking: { type: 'string' } } }] }] },
    strict: { type: 'object', additionalProperties: false, properties: { only: { type: 'boolean' } } },
    self: { $ref: '#/$defs/node' },
  },
  $defs: {
    order: { type: 'object', required: ['id', 'total'], properties: { id: { type: 'string', format: 'uuid' }, total: { type: 'number' } } },
    address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
    node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } },
  },
};

/** A body valid against pinnedOrderSchema. */
export const pinnedOrder = {
  kind: 'order.created',
  order: { id: '0f9c2a1e-1b7d-4c55-9a0e-3f1d2c4b5a61', total: 9.5 },
  tags: { a: 'b' },
  level: null,
  note: null,
  shipping: { city: 'Oslo', tracking: 'T1' },
  strict: { only: true },
  self: { child: { child: {} } },
};
