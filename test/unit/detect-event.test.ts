import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PARSED_BODY_BYTES } from '../../src/shared/events/body-fields';
import { detectEvent } from '../../src/shared/events/detect-event';
import { readShallowJson } from '../../src/shared/events/shallow-json';

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
  it('caps absurdly long names', () => {
    expect(json({ event: 'e'.repeat(500) })).toHaveLength(120);
  });
});

/** Bodies past the full-parse limit, up to the receiver's 10 MiB cap (issue 12: large bodies). */
describe('detectEvent: large bodies', () => {
  const MB = 1_000_000;
  /** A JSON object whose members come in the given order; `pad` is one big string. */
  const big = (size: number, members: Record<string, unknown>) => JSON.stringify({ pad: 'lorem ipsum '.repeat(size / 12), ...members });
  const detect = (text: string, contentType: string | null = 'application/json', headers: [string, string][] = []) =>
    detectEvent({ headers, body: enc.encode(text), contentType });

  it('names a 2 MB and a 10 MB body by a top-level key after a huge member', () => {
    expect(detect(big(2 * MB, { event: 'export.finished' }))).toBe('export.finished');
    expect(detect(big(10 * 1024 * 1024 - 100, { type: 'invoice.paid' }))).toBe('invoice.paid');
  });

  it('keeps the rule order: shape rules and headers still come first', () => {
    expect(detect(big(2 * MB, { type: 'feedback', action: 'create' }))).toBe('feedback.create');
    expect(detect(big(2 * MB, { type: 'event_callback', event: { type: 'app_mention' } }))).toBe('app_mention');
    expect(detect(big(2 * MB, { 'event-data': { event: 'delivered' } }))).toBe('delivered');
    expect(detect(big(2 * MB, { event: 'body' }), 'application/json', [['X-GitHub-Event', 'push']])).toBe('push');
  });

  it('reads nested structure, escaped quotes and non-ASCII text without losing its place', () => {
    const nested = { items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, note: 'say \\"hi\\" \\\\ ünïcødé ✓ {[', tags: ['a', { b: [1, 2] }] })) };
    const text = JSON.stringify({ ...nested, event: 'batch.done' });
    expect(text.length).toBeGreaterThan(MAX_PARSED_BODY_BYTES);
    expect(detect(text)).toBe('batch.done');
    // Without a content type, a body that starts like JSON is read as JSON.
    expect(detect(`  \n${text}`, null)).toBe('batch.done');
  });

  it('names a large batched array by its first element', () => {
    const batch = Array.from({ length: 30_000 }, (_, i) => ({ event: i === 0 ? 'processed' : 'open', email: `u${i}@example.com` }));
    expect(detect(JSON.stringify(batch))).toBe('processed');
  });

  it('names a large form by its small fields', () => {
    expect(detect(`data=${'x'.repeat(2 * MB)}&MessageStatus=delivered`, 'application/x-www-form-urlencoded')).toBe('message.delivered');
    expect(detect(`event=signup&blob=${'y'.repeat(2 * MB)}`, 'application/x-www-form-urlencoded')).toBe('signup');
  });

  it('names a body cut at the cap by what arrived before the cut', () => {
    const cut = JSON.stringify({ event: 'upload.started', pad: 'z'.repeat(3 * MB) }).slice(0, 2 * MB);
    expect(detect(cut)).toBe('upload.started');
  });

  it('finds nothing in large bodies that hold no event name, are not JSON, or are binary', () => {
    expect(detect(big(2 * MB, { hello: 'world' }))).toBeNull();
    expect(detect(big(2 * MB, { event: 42 }))).toBeNull();
    expect(detect('x'.repeat(2 * MB), 'text/plain')).toBeNull();
    // A top-level member too large to be an envelope field is skipped, not parsed.
    expect(detect(JSON.stringify({ event: 'e'.repeat(2 * MB) }))).toBeNull();
    const binary = new Uint8Array(2 * MB).map((_, i) => (i * 7) & 0xff);
    expect(detectEvent({ headers: [], body: binary, contentType: 'application/octet-stream' })).toBeNull();
  });

  it('does not let a "__proto__" key reach the prototype', () => {
    expect(detect(big(2 * MB, { ['__proto__']: { event: 'polluted' } }))).toBeNull();
  });
});

describe('readShallowJson (the large-body reader) agrees with JSON.parse', () => {
  const enc8 = new TextEncoder();
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

  it('on the top-level members of any JSON object, compact or indented', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue()), fc.boolean(), (object, indent) => {
        const text = JSON.stringify(object, null, indent ? 2 : undefined);
        const shallow = readShallowJson(enc8.encode(text), Infinity) as Record<string, unknown>;
        expect(plain({ ...shallow })).toEqual(JSON.parse(text));
      }),
    );
  });

  it('on the first element of any JSON array', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1 }), (array) => {
        expect(readShallowJson(enc8.encode(JSON.stringify(array)), Infinity)).toEqual([plain(array[0])]);
      }),
    );
  });
});
