import { randomBytes, randomUUID } from 'node:crypto';
import { PROVIDER_LABELS, type ProviderCatalog, type ProviderPreset } from '../../../shared/sender-schemas';
import { buildEnvelope } from './envelope';

/**
 * Each provider's events with realistic sample data (PROVIDERS.md): ids shaped like theirs, ISO or
 * Unix timestamps as that provider uses them, and nullable fields as `null`, never `""`.
 * Samples are built fresh on every call so two test events never share ids.
 */

interface EventDef {
  name: string;
  description: string;
  sample: (now: Date) => Record<string, unknown>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const iso = (now: Date, minusSec = 0) => new Date(now.getTime() - minusSec * 1000).toISOString();
const unix = (now: Date) => Math.floor(now.getTime() / 1000);

const pulseSubmission = (now: Date, status: string) => ({
  id: `sub_${hex(8)}`,
  campaign_id: `cmp_${hex(6)}`,
  star_rating: 4,
  text_feedback: 'Checkout was quick, but the coupon field is hard to find on mobile.',
  customer_name: 'Ada Lovelace',
  status,
  created_at: iso(now, 90),
});

const userbackFeedback = (now: Date, extra: Record<string, unknown> = {}) => ({
  id: 100000 + (randomBytes(2).readUInt16BE() % 90000),
  project_id: 4821,
  feedback_type: 'Bug',
  title: 'Save button does nothing on Safari',
  description: 'Clicking Save on the profile page shows no error and nothing is saved.',
  priority: 'high',
  status: 'Open',
  email: 'reporter@example.com',
  assignee: null,
  page_url: 'https://app.example.com/profile',
  created_at: iso(now, 120),
  ...extra,
});

const userbackComment = (now: Date, extra: Record<string, unknown> = {}) => ({
  id: 500000 + (randomBytes(2).readUInt16BE() % 90000),
  feedback_id: 104512,
  comment: 'Reproduced on Safari 17.4; Chrome is fine.',
  author: 'Grace Hopper',
  is_public: false,
  created_at: iso(now, 30),
  ...extra,
});

const CATALOG: Record<ProviderPreset, { notes: string; events: EventDef[] }> = {
  feedbackpulse: {
    notes: 'X-FeedbackPulse-Event; X-FeedbackPulse-Signature: sha256=<hex HMAC of the body> when a secret is set.',
    events: [
      { name: 'submission.created', description: 'A customer submitted feedback', sample: (now) => pulseSubmission(now, 'new') },
      {
        name: 'submission.status_changed',
        description: 'A submission moved to another status',
        sample: (now) => ({ ...pulseSubmission(now, 'resolved'), previous_status: 'new' }),
      },
    ],
  },
  feedbackpro: {
    notes: 'X-FeedbackPro-Signature: sha256=<hex HMAC of the body> (the doc leaves the encoding open; Hookbench uses FeedbackPulse\'s). Idempotency-Key on every attempt.',
    events: [
      {
        name: 'new_feedback',
        description: 'Open-text feedback',
        sample: (now) => ({
          feedback_id: `fb_${hex(8)}`,
          text: 'Would love a dark mode for the dashboard.',
          customer_email: 'sam@example.com',
          browser_locale: 'en-GB',
          session_duration_sec: 412,
          page_url: 'https://shop.example.com/account',
          submitted_at: iso(now, 5),
        }),
      },
      {
        name: 'rating_submitted',
        description: 'A 1–5 rating of a product',
        sample: (now) => ({ rating_id: `rt_${hex(8)}`, score: 5, product_sku: 'SKU-48213-BLK', customer_email: null, rated_at: iso(now, 5) }),
      },
      {
        name: 'nps_calculated',
        description: 'An NPS response scored into a segment',
        sample: (now) => ({ response_id: `nps_${hex(8)}`, score: 9, segment: 'Promoter', comment: null, calculated_at: iso(now) }),
      },
      {
        name: 'widget_dismissed',
        description: 'The widget was closed without submitting',
        sample: (now) => ({ session_id: `ses_${hex(8)}`, page_url: 'https://shop.example.com/cart', seconds_open: 7, dismissed_at: iso(now, 2) }),
      },
    ],
  },
  feedspace: {
    notes: 'x-feedspace-signature: hex HMAC of "<timestamp>.<body>" with the whole whsec_ secret as key; x-feedspace-timestamp in Unix seconds.',
    events: [
      {
        name: 'feed.text.received',
        description: 'A text testimonial',
        sample: (now) => ({ id: `feed_${hex(8)}`, form_id: `form_${hex(4)}`, name: 'Jordan Lee', email: 'jordan@example.com', rating: 5, text: 'Setup took five minutes. Support answered on a Sunday!', created_at: iso(now, 10) }),
      },
      {
        name: 'feed.video.received',
        description: 'A video testimonial',
        sample: (now) => ({ id: `feed_${hex(8)}`, form_id: `form_${hex(4)}`, name: 'Priya Natarajan', email: null, rating: 4, video_url: 'https://cdn.feedspace.example/v/9f2c.mp4', duration_sec: 48, transcript: null, created_at: iso(now, 10) }),
      },
      {
        name: 'feed.audio.received',
        description: 'An audio testimonial',
        sample: (now) => ({ id: `feed_${hex(8)}`, form_id: `form_${hex(4)}`, name: 'Luis Ortega', email: 'luis@example.com', rating: null, audio_url: 'https://cdn.feedspace.example/a/71b0.m4a', duration_sec: 31, created_at: iso(now, 10) }),
      },
    ],
  },
  userback: {
    notes: 'Content-Type: application/json; charset=utf-8 and User-Agent: Userback-Webhook; no signature.',
    events: [
      { name: 'feedback.new', description: 'New feedback', sample: (now) => userbackFeedback(now) },
      { name: 'feedback.assigned', description: 'Feedback assigned', sample: (now) => userbackFeedback(now, { assignee: 'grace@example.com' }) },
      { name: 'feedback.status_changed', description: 'Feedback status changed', sample: (now) => userbackFeedback(now, { status: 'Resolved', previous_status: 'Open' }) },
      { name: 'feedback.priority_changed', description: 'Feedback priority changed', sample: (now) => userbackFeedback(now, { priority: 'urgent', previous_priority: 'high' }) },
      { name: 'feedback.voted', description: 'Someone voted for feedback', sample: (now) => userbackFeedback(now, { votes: 12 }) },
      { name: 'feedback.deleted', description: 'Feedback deleted', sample: (now) => ({ id: 104512, project_id: 4821, deleted_at: iso(now) }) },
      { name: 'comment.new', description: 'New comment', sample: (now) => userbackComment(now) },
      { name: 'comment.updated', description: 'Comment edited', sample: (now) => userbackComment(now, { updated_at: iso(now) }) },
      { name: 'comment.status_changed', description: 'Comment status changed', sample: (now) => userbackComment(now, { is_public: true }) },
      { name: 'comment.deleted', description: 'Comment deleted', sample: (now) => ({ id: 512330, feedback_id: 104512, deleted_at: iso(now) }) },
    ],
  },
  'standard-webhooks': {
    notes: 'webhook-id (the idempotency key), webhook-timestamp, webhook-signature: v1,<base64 HMAC of "id.timestamp.body"> with the whsec_ secret base64-decoded.',
    events: [
      { name: 'invoice.paid', description: 'An invoice was paid', sample: () => ({ id: `inv_${hex(8)}`, amount: 4900, currency: 'eur', customer_id: `cus_${hex(6)}`, paid_at: null }) },
      { name: 'user.created', description: 'A user signed up', sample: (now) => ({ id: randomUUID(), email: 'new.user@example.com', name: null, created_at: iso(now) }) },
    ],
  },
  github: {
    notes: 'X-GitHub-Event, X-GitHub-Delivery, X-Hub-Signature-256: sha256=<hex HMAC of the body>.',
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
    notes: 'Stripe-Signature: t=<ts>,v1=<hex HMAC of "ts.body"> with the whsec_ secret as raw bytes.',
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
    notes: 'Your own scheme (algorithm, encoding, header and signed-string template) on a generic envelope.',
    events: [{ name: 'test.event', description: 'A generic test event', sample: (now) => ({ id: `obj_${hex(8)}`, message: 'Hello from Hookbench', at: iso(now) }) }],
  },
};

/** Every provider's events with a fresh sample and the envelope it would be sent in. */
export function eventCatalog(now = new Date()): ProviderCatalog[] {
  return (Object.keys(CATALOG) as ProviderPreset[]).map((provider) => {
    const entry = CATALOG[provider];
    return {
      provider,
      label: PROVIDER_LABELS[provider],
      notes: entry.notes,
      events: entry.events.map((e) => {
        const sample = e.sample(now);
        return { name: e.name, description: e.description, sample, envelope: buildEnvelope(provider, e.name, sample, { eventId: newEventId(), now }) };
      }),
    };
  });
}

/** A fresh sample for an event, from the given provider's catalog first, then any other's. */
export function sampleFor(event: string, provider?: ProviderPreset, now = new Date()): Record<string, unknown> | null {
  const order = provider ? [provider, ...(Object.keys(CATALOG) as ProviderPreset[])] : (Object.keys(CATALOG) as ProviderPreset[]);
  for (const p of order) {
    const def = CATALOG[p].events.find((e) => e.name === event);
    if (def) return def.sample(now);
  }
  return null;
}

export function providerLabel(provider: ProviderPreset): string {
  return PROVIDER_LABELS[provider];
}

/** The first event a provider knows, for "Send Test Event" with no event named. */
export function defaultTestEvent(provider: ProviderPreset): string {
  return CATALOG[provider].events[0]!.name;
}

export function newEventId(): string {
  return `evt_${hex(12)}`;
}
