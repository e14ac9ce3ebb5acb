import { describe, expect, it } from 'vitest';
import { MAX_PARSED_BODY_BYTES } from '../../src/shared/events/body-fields';
import { detectEvent } from '../../src/shared/events/detect-event';

const enc = new TextEncoder();

function json(body: unknown, headers: [string, string][] = []): string | null {
  return detectEvent({ headers, body: enc.encode(JSON.stringify(body)), contentType: 'application/json' });
}

function form(body: string, headers: [string, string][] = []): string | null {
  return detectEvent({ headers, body: enc.encode(body), contentType: 'application/x-www-form-urlencoded' });
}

describe('detectEvent: provider headers come first', () => {
  it('FeedbackPulse: X-FeedbackPulse-Event, whatever the body says', () => {
    expect(json({ event: 'other' }, [['X-FeedbackPulse-Event', 'submission.created']])).toBe('submission.created');
  });
  it('GitHub: X-GitHub-Event refined by the body action', () => {
    expect(json({ action: 'opened' }, [['X-GitHub-Event', 'issues']])).toBe('issues.opened');
    expect(json({ zen: 'hi' }, [['x-github-event', 'ping']])).toBe('ping');
  });
  it('Shopify: X-Shopify-Topic', () => {
    expect(json({ id: 1 }, [['X-Shopify-Topic', 'orders/create']])).toBe('orders/create');
  });
  it('GitLab, Bitbucket, Gitea, Linear and WooCommerce headers', () => {
    expect(json({}, [['X-Gitlab-Event', 'Push Hook']])).toBe('Push Hook');
    expect(json({}, [['X-Event-Key', 'repo:push']])).toBe('repo:push');
    expect(json({}, [['X-Gitea-Event', 'push']])).toBe('push');
    expect(json({ type: 'Issue' }, [['Linear-Event', 'Issue']])).toBe('Issue');
    expect(json({}, [['X-WC-Webhook-Topic', 'order.created']])).toBe('order.created');
  });
  it('ignores an empty header and falls through to the body', () => {
    expect(json({ event: 'from.body' }, [['X-FeedbackPulse-Event', '  ']])).toBe('from.body');
  });
});

describe('detectEvent: provider body shapes', () => {
  it('Userback: type + action -> feedback.create / comment.remove', () => {
    expect(json({ action: 'create', type: 'feedback', data: {}, timestamp: 1 })).toBe('feedback.create');
    expect(json({ action: 'remove', type: 'comment', data: {} })).toBe('comment.remove');
  });
  it('Slack Events API: the inner event type', () => {
    expect(json({ type: 'event_callback', event: { type: 'app_mention' } })).toBe('app_mention');
    expect(json({ type: 'url_verification', challenge: 'x' })).toBe('url_verification');
  });
  it('Slack interactivity: the type inside the form payload', () => {
    expect(form(`payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions' }))}`)).toBe('block_actions');
  });
  it('Discord interactions: numeric type named', () => {
    expect(json({ type: 1 }, [['X-Signature-Ed25519', 'ab']])).toBe('interaction.ping');
    expect(json({ type: 2 }, [['X-Signature-Ed25519', 'ab']])).toBe('interaction.application_command');
  });
  it('Twilio status callbacks (form)', () => {
    expect(form('MessageSid=SM1&MessageStatus=delivered')).toBe('message.delivered');
    expect(form('CallSid=CA1&CallStatus=completed')).toBe('call.completed');
  });
  it('Mailgun event-data and batched arrays (SendGrid, HubSpot)', () => {
    expect(json({ 'event-data': { event: 'delivered' } })).toBe('delivered');
    expect(json([{ event: 'processed' }, { event: 'open' }])).toBe('processed');
    expect(json([{ subscriptionType: 'contact.creation' }])).toBe('contact.creation');
  });
});

describe('detectEvent: generic body keys', () => {
  it('FeedBackPro / FeedbackPulse envelopes: event', () => {
    expect(json({ event: 'rating_submitted', id: 'evt_1', data: {} })).toBe('rating_submitted');
  });
  it('Feedspace: type, and event as in one of its doc examples', () => {
    expect(json({ type: 'feed.text.received', data: {} })).toBe('feed.text.received');
    expect(json({ event: 'feed.video.received', data: {} })).toBe('feed.video.received');
  });
  it('Stripe and Standard Webhooks: type', () => {
    expect(json({ id: 'evt_1', object: 'event', type: 'charge.succeeded' })).toBe('charge.succeeded');
    expect(json({ type: 'user.created', timestamp: '2026-01-01T00:00:00Z', data: {} })).toBe('user.created');
  });
  it('PayPal/Paddle event_type, Intercom topic, Jira webhookEvent, camelCase eventType', () => {
    expect(json({ event_type: 'PAYMENT.SALE.COMPLETED' })).toBe('PAYMENT.SALE.COMPLETED');
    expect(json({ topic: 'conversation.user.created' })).toBe('conversation.user.created');
    expect(json({ webhookEvent: 'jira:issue_created' })).toBe('jira:issue_created');
    expect(json({ eventType: 'order.paid' })).toBe('order.paid');
  });
  it('JSON without a content type, and form fields named event', () => {
    expect(detectEvent({ headers: [], body: enc.encode(' {"event":"x.y"}'), contentType: null })).toBe('x.y');
    expect(form('event=signup&user=1')).toBe('signup');
  });
});

describe('detectEvent: nothing to find', () => {
  it('returns null for bodies with no event, non-string values, binary, invalid JSON and empty bodies', () => {
    expect(json({ hello: 'world' })).toBeNull();
    expect(json({ event: 42, type: { nested: true } })).toBeNull();
    expect(detectEvent({ headers: [], body: new Uint8Array([0xff, 0xfe, 0x00]), contentType: 'application/octet-stream' })).toBeNull();
    expect(detectEvent({ headers: [], body: enc.encode('{"event": '), contentType: 'application/json' })).toBeNull();
    expect(detectEvent({ headers: [], body: new Uint8Array(), contentType: null })).toBeNull();
  });
  it('does not parse bodies past the size limit (capture path stays cheap)', () => {
    const big = JSON.stringify({ event: 'big', pad: 'x'.repeat(MAX_PARSED_BODY_BYTES) });
    expect(detectEvent({ headers: [], body: enc.encode(big), contentType: 'application/json' })).toBeNull();
    // A header still names it.
    expect(detectEvent({ headers: [['X-GitHub-Event', 'push']], body: enc.encode(big), contentType: 'application/json' })).toBe('push');
  });
  it('caps absurdly long names', () => {
    expect(json({ event: 'e'.repeat(500) })).toHaveLength(120);
  });
});
