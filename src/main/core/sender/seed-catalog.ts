import { DEFAULT_ATTEMPTS_NOTE, goneDisablesNote, hex, int, iso, type CatalogEntry } from './sample-helpers';

/**
 * The four seed providers (../shared/seeds, PROVIDERS.md). Samples follow each doc's example
 * payload field for field and type for type, so a receiver typed from the doc accepts them; where a
 * doc names a field without an example, the name chosen is stated in the notes.
 */

/** FeedbackPulse's doc example: integer ids, status "pending"; nothing beyond its fields. */
const pulseSubmission = (status: string) => ({
  id: int(1, 1_000_000),
  campaign_id: int(1, 500),
  star_rating: 4,
  text_feedback: 'Checkout was quick, but the coupon field is hard to find on mobile.',
  customer_name: 'Ada Lovelace',
  status,
});

/** "Customer metadata, interaction context": the fields of FeedBackPro's rating_submitted example, in every event. */
const proCustomer = (sessionPage = '/checkout/thank-you') => ({
  customer_id: `cus_${int(1000, 10_000)}`,
  email: 'anna.mueller@webshop.de',
  session_page: sessionPage,
});

const feedspaceReview = (name: string) => ({ id: `feed_${hex(8)}`, form_id: `form_${hex(4)}`, name });

/** Userback's example fields; the entity link is both data.url and the envelope's url. */
const userbackEntity = (kind: 'feedback' | 'comment') => {
  const id = kind === 'feedback' ? int(2_000_000, 3_000_000) : int(500_000, 600_000);
  return { id, project: 'Pied Piper', url: `https://app.userback.io/viewer/48213/96771/${id}${hex(4)}/`, email: 'reporter@example.com', name: 'John Doe' };
};
const userbackFeedback = (priority = 'Urgent') => ({ ...userbackEntity('feedback'), feedback_type: 'Bug Report', priority });
const userbackComment = (comment: string) => ({ ...userbackEntity('comment'), feedback_id: int(2_000_000, 3_000_000), comment });

/** Presets whose doc lists a fixed set of events (a closed catalog). */
export type SeedPreset = 'feedbackpulse' | 'feedbackpro' | 'feedspace' | 'userback';

export const SEED_CATALOG: Record<SeedPreset, CatalogEntry> = {
  feedbackpulse: {
    notes: [
      'X-FeedbackPulse-Event; X-FeedbackPulse-Signature: sha256=<hex HMAC-SHA256 of the body> when a secret is set.',
      'Samples follow the doc\'s example: integer id and campaign_id, status "pending" when created; a status change sends the same fields (the doc shows no others) with the new status.',
      DEFAULT_ATTEMPTS_NOTE,
      goneDisablesNote(),
      'SSRF "public only" is the doc\'s rule: public HTTPS only, so plain http:// is refused when saved and when sent.',
    ].join(' '),
    events: [
      { name: 'submission.created', description: 'A customer submitted feedback (status "pending")', sample: () => pulseSubmission('pending') },
      { name: 'submission.status_changed', description: 'A submission moved to another status', sample: () => pulseSubmission('approved') },
    ],
  },
  feedbackpro: {
    notes: [
      'X-FeedbackPro-Event; X-FeedbackPro-Signature: sha256=<hex HMAC-SHA256 of the body> (the doc names HMAC-SHA256 but not the encoding; Hookbench uses FeedbackPulse\'s). Idempotency-Key, the same on every attempt.',
      'Every event carries the customer metadata and context of the doc\'s example (customer_id, email, session_page); names the doc gives without an example are Hookbench\'s: comment, browser_locale, session_duration_sec, segment, response_id.',
      'Attempts: "15 s, 2 min, 10 min, 1 h, 6 h … after five attempts, the event is marked as failed" is read as 1 + 5 retries = 6 attempts: five delays are listed and each one comes before a retry (with 5 attempts in all, the 6 h delay would never be used).',
      '410 Gone: the doc retries every 4xx on that schedule, so a 410 is retried like any 4xx and the target stays on.',
    ].join(' '),
    events: [
      {
        name: 'new_feedback',
        description: 'Open-text comment from the slide-in widget (email, browser locale, session duration)',
        sample: () => ({ ...proCustomer('/konto/bestellungen'), comment: 'Schnelle Lieferung, aber den Gutscheincode habe ich kaum gefunden.', browser_locale: 'de-DE', session_duration_sec: 412 }),
      },
      { name: 'rating_submitted', description: 'A 1–5 star rating of a product (score, product SKU)', sample: () => ({ ...proCustomer(), score: 4, product_sku: 'BW-440-RED' }) },
      { name: 'nps_calculated', description: 'An NPS survey closed: segment (Promoter, Passive, Detractor) and raw response id', sample: () => ({ ...proCustomer(), score: 9, segment: 'Promoter', response_id: `nps_${hex(8)}` }) },
      { name: 'widget_dismissed', description: 'The feedback panel was closed without submitting', sample: () => ({ ...proCustomer('/warenkorb'), seconds_open: 7 }) },
    ],
  },
  feedspace: {
    notes: [
      'x-feedspace-signature: hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the whole whsec_ secret (as the doc\'s PHP does); x-feedspace-timestamp in Unix seconds.',
      'Feedspace always signs: a target saved without a secret gets a generated whsec_ secret, returned once in the save response; a target without one, or with one not starting whsec_, shows a warning.',
      'The body names the event in "type" (the doc\'s schema), not the "event" of its one example; the doc shows no data fields, so the samples\' are Hookbench\'s.',
      DEFAULT_ATTEMPTS_NOTE,
      goneDisablesNote(),
    ].join(' '),
    events: [
      {
        name: 'feed.text.received',
        description: 'A new text review',
        sample: (now) => ({ ...feedspaceReview('Jordan Lee'), email: 'jordan@example.com', rating: 5, text: 'Setup took five minutes. Support answered on a Sunday!', created_at: iso(now, 10) }),
      },
      {
        name: 'feed.video.received',
        description: 'A new video review',
        sample: (now) => ({ ...feedspaceReview('Priya Natarajan'), email: null, rating: 4, video_url: 'https://cdn.feedspace.example/v/9f2c.mp4', duration_sec: 48, transcript: null, created_at: iso(now, 10) }),
      },
      {
        name: 'feed.audio.received',
        description: 'A new audio review',
        sample: (now) => ({ ...feedspaceReview('Luis Ortega'), email: 'luis@example.com', rating: null, audio_url: 'https://cdn.feedspace.example/a/71b0.m4a', duration_sec: 31, created_at: iso(now, 10) }),
      },
    ],
  },
  userback: {
    notes: [
      'Content-Type: application/json; charset=utf-8 and User-Agent: Userback-Webhook; no signature.',
      'Its wire format carries only type and action, so events are named as the receiver sees them, <type>.<action>: feedback.create/update/remove and comment.create/update/remove; each description lists the documented events sent under it (assigned, status changed, priority changed and voted all go out as feedback.update).',
      'data has the doc example\'s fields (id, feedback_type, project, url, email, name, priority); a comment, which the doc shows no example of, has id, project, url, email and name plus feedback_id and comment.',
      DEFAULT_ATTEMPTS_NOTE,
      goneDisablesNote(),
    ].join(' '),
    events: [
      { name: 'feedback.create', description: 'New Feedback', sample: () => userbackFeedback() },
      { name: 'feedback.update', description: 'Feedback Assigned, Status Changed, Priority Changed or Feedback Voted (all sent as action "update")', sample: () => userbackFeedback('High') },
      { name: 'feedback.remove', description: 'Feedback Deleted', sample: () => userbackFeedback() },
      { name: 'comment.create', description: 'New Comment', sample: () => userbackComment('Reproduced on Safari 17.4; Chrome is fine.') },
      { name: 'comment.update', description: 'Comment Updated or comment Status Changed (both sent as action "update")', sample: () => userbackComment('Reproduced on Safari 17.4 and 18.0; Chrome is fine.') },
      { name: 'comment.remove', description: 'Comment Deleted', sample: () => userbackComment('Reproduced on Safari 17.4; Chrome is fine.') },
    ],
  },
};
