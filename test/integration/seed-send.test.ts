import { createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Core } from '../../src/main/core/core';
import { eventCatalog } from '../../src/main/core/sender/catalog';
import type { Resolver } from '../../src/main/core/sender/ssrf';
import { detectEvent } from '../../src/shared/events/detect-event';
import type { ProviderPreset, PutTargetInput } from '../../src/shared/sender-schemas';
import { asLocal, startTestCore, startTestHeadless } from '../helpers/core';
import { FakeClock } from '../helpers/fake-clock';
import { rest } from '../helpers/rest';
import { waitForDelivery } from '../helpers/sender';
import { startSink, type Received } from '../helpers/sink';

/**
 * Sending what the four seed docs (../shared/seeds/000-003) promise, checked against the docs
 * themselves rather than against our own code: validators typed from each doc's example payload,
 * signature checks translated line by line from the docs' PHP, event names read back by
 * Hookbench's own receiver. Real core, real SQLite, real sockets on 127.0.0.1 only.
 */

// ---------------------------------------------------------------------------------------------
// Validators written from the docs' example payloads (field names and JSON types).

const isoUtc = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
const text = z.string().min(1);

/** 000 FeedbackPulse: `{"event", "timestamp": "2024-03-15T10:30:00Z", "data": {"id": 42, "campaign_id": 1, ...}}`. */
const feedbackPulse = (event: string) =>
  z.strictObject({
    event: z.literal(event),
    timestamp: isoUtc,
    data: z.strictObject({ id: z.number().int(), campaign_id: z.number().int(), star_rating: z.number().int(), text_feedback: z.string(), customer_name: z.string(), status: z.string() }),
  });

/**
 * 001 FeedBackPro: the envelope of its rating_submitted example; "the data object contains customer
 * metadata, interaction context" (the example's customer_id, email, session_page) in every event,
 * plus what each event's paragraph names.
 */
const proCustomer = { customer_id: text, email: text, session_page: text };
const FEEDBACKPRO_DATA: Record<string, z.ZodType> = {
  rating_submitted: z.strictObject({ ...proCustomer, score: z.number().int().min(1).max(5), product_sku: text }),
  new_feedback: z.object({ ...proCustomer, comment: text, browser_locale: text, session_duration_sec: z.number().int().nonnegative() }),
  nps_calculated: z.object({ ...proCustomer, segment: z.enum(['Promoter', 'Passive', 'Detractor']), response_id: text }),
  widget_dismissed: z.object(proCustomer),
};
const feedbackPro = (event: string) =>
  z.strictObject({ event: z.literal(event), id: z.string().regex(/^evt_[0-9a-f]+$/), timestamp: isoUtc, data: FEEDBACKPRO_DATA[event] ?? z.never() });

/** 002 Feedspace: `{"type": <event>, "data": {...}}` (its data is "event-specific", no example). */
const feedspace = (event: string) => z.strictObject({ type: z.literal(event), data: z.record(z.string(), z.unknown()) });

/**
 * 003 Userback: the envelope of its example, and its feedback `data` field for field. The doc has
 * no comment example: a comment carries the example's fields that are not about feedback.
 */
const userbackFeedback = z.object({ id: z.number().int(), feedback_type: text, project: text, url: z.url(), email: text, name: text, priority: text });
const userback = (event: string) => {
  const [type, action] = event.split('.');
  return z.strictObject({
    action: z.literal(action as string),
    type: z.literal(type as string),
    data: type === 'feedback' ? userbackFeedback : userbackFeedback.pick({ id: true, project: true, url: true, email: true, name: true }),
    timestamp: z.number().int().min(1e9).max(1e10),
    url: z.url(),
  });
};

const DOC_VALIDATORS = { feedbackpulse: feedbackPulse, feedbackpro: feedbackPro, feedspace, userback } as const;
type SeedProvider = keyof typeof DOC_VALIDATORS;
const SEEDS = Object.keys(DOC_VALIDATORS) as SeedProvider[];

/** Each seed provider's events as its doc names them (Userback: the `type.action` its wire format carries). */
const DOC_EVENTS: Record<SeedProvider, string[]> = {
  feedbackpulse: ['submission.created', 'submission.status_changed'],
  feedbackpro: ['new_feedback', 'rating_submitted', 'nps_calculated', 'widget_dismissed'],
  feedspace: ['feed.text.received', 'feed.video.received', 'feed.audio.received'],
  userback: ['feedback.create', 'feedback.update', 'feedback.remove', 'comment.create', 'comment.update', 'comment.remove'],
};
const OPEN_PRESETS: ProviderPreset[] = ['standard-webhooks', 'github', 'stripe', 'custom'];
const ALL_PRESETS: ProviderPreset[] = [...SEEDS, ...OPEN_PRESETS];

// ---------------------------------------------------------------------------------------------
// The docs' PHP, translated literally.

/** PHP's hash_hmac($algo, $data, $key): lowercase hex. */
const hash_hmac = (algo: string, data: string, key: string) => createHmac(algo, key).update(data).digest('hex');
/** PHP's hash_equals($known, $user): false on any length difference, else a constant-time compare. */
const hash_equals = (known: string, user: string | null | undefined) => typeof user === 'string' && known.length === user.length && timingSafeEqual(Buffer.from(known), Buffer.from(user));

/** 000: `$expected = 'sha256=' . hash_hmac('sha256', $payload, $secret); hash_equals($expected, $signature)`. */
function feedbackPulseVerifies(server: Record<string, string>, payload: string, secret: string): boolean {
  const signature = server.HTTP_X_FEEDBACKPULSE_SIGNATURE;
  const expected = 'sha256=' + hash_hmac('sha256', payload, secret);
  return hash_equals(expected, signature);
}

/** 002: `hash_hmac('sha256', $timestamp . '.' . $payload, $secret)` against `x-feedspace-signature`. */
function feedspaceVerifies(headers: Record<string, string>, payload: string, secret: string): boolean {
  const signature = headers['x-feedspace-signature'] ?? null;
  const timestamp = headers['x-feedspace-timestamp'] ?? null;
  const expectedSignature = hash_hmac('sha256', timestamp + '.' + payload, secret);
  return hash_equals(expectedSignature, signature);
}

/** 001 has no code: "verify it using your shared secret key via HMAC-SHA256" (encoding: FeedbackPulse's, as the catalog notes say). */
function feedbackProVerifies(headers: Record<string, string>, payload: string, secret: string): boolean {
  return hash_equals('sha256=' + hash_hmac('sha256', payload, secret), headers['x-feedbackpro-signature']);
}

/** PHP's $_SERVER: HTTP_ + the header name upper-cased with dashes as underscores. */
const phpServer = (r: Received) => Object.fromEntries(r.rawHeaders.map(([n, v]) => [`HTTP_${n.toUpperCase().replace(/-/g, '_')}`, v]));
/** PHP's getallheaders() as the doc indexes it (lower-case names). */
const getallheaders = (r: Received) => Object.fromEntries(r.rawHeaders.map(([n, v]) => [n.toLowerCase(), v]));

// ---------------------------------------------------------------------------------------------

const CUSTOM_SCHEME = { algorithm: 'sha256' as const, encoding: 'hex' as const, header: 'X-Acme-Signature', prefix: 'sha256=', template: '{timestamp}.{body}', timestampHeader: 'X-Acme-Time' };
/** What a target of each preset needs besides its URL (the custom preset needs its scheme). */
const targetOf = (provider: ProviderPreset, url: string, extra: Partial<PutTargetInput> = {}): PutTargetInput => ({
  url,
  events: ['*'],
  provider,
  ...(provider === 'custom' ? { customScheme: CUSTOM_SCHEME } : {}),
  ...extra,
});
const reply = (res: http.ServerResponse, status: number) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status }));
};
const catalogOf = (provider: ProviderPreset) => eventCatalog().find((p) => p.provider === provider)!;
const seedCases = SEEDS.flatMap((p) => catalogOf(p).events.map((e) => [p, e.name] as [SeedProvider, string]));
const everyCatalogEvent = eventCatalog().flatMap((p) => p.events.map((e) => [p.provider, e.name] as [ProviderPreset, string]));

describe('catalog samples: a receiver typed from the seed docs accepts every one', () => {
  it('the catalog names each seed provider\'s events as its doc does', () => {
    for (const p of SEEDS) expect(catalogOf(p).events.map((e) => e.name)).toEqual(DOC_EVENTS[p]);
  });

  it.each(seedCases)('%s %s', (provider, event) => {
    const entry = catalogOf(provider).events.find((e) => e.name === event)!;
    const parsed = DOC_VALIDATORS[provider](event).safeParse(entry.envelope);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('FeedbackPulse: a new submission is "pending" as in the doc; a status change moves it to another status in the same style', () => {
    const [created, changed] = catalogOf('feedbackpulse').events.map((e) => e.sample as { status: string });
    expect(created!.status).toBe('pending');
    expect(changed!.status).toMatch(/^[a-z_]+$/);
    expect(changed!.status).not.toBe('pending');
  });
});

describe('the event a delivery is logged under is the event the receiver detects from its bytes', () => {
  it.each(everyCatalogEvent)('%s %s', async (provider, event) => {
    const core = await startTestCore();
    await asLocal(core.api).call('putWebhookConfig', targetOf(provider, `${core.receiverUrl}/sent/${provider}`));
    const { deliveries } = await asLocal(core.api).call('emitEvent', { event, provider });
    expect(deliveries.map((d) => d.event)).toEqual([event]);
    await waitForDelivery(core, deliveries[0]!.id, (d) => d.state === 'succeeded');
    // Filtering the inbox by the name it was sent under finds it...
    const captured = (await asLocal(core.api).call('listRequests', { event: [event] })).items;
    expect(captured.map((r) => r.event)).toEqual([event]);
    // ...and the detection run on the exact bytes and headers names it the same.
    const detail = await asLocal(core.api).call('getRequest', { id: captured[0]!.id });
    expect(detectEvent({ headers: detail.headers, body: Buffer.from(detail.bodyBase64, 'base64'), contentType: detail.contentType })).toBe(event);
    expect((await asLocal(core.api).call('listDeliveryLogs', { event: [event] })).items).toHaveLength(1);
  });
});

describe('no cross-provider leak: "*" means every event of the target\'s own provider', () => {
  /** Who gets an event: the seed provider whose doc lists it; a generic preset's catalog event stays with it; an event in no catalog goes to the open presets. */
  const expectedFor = (owner: ProviderPreset | null): ProviderPreset[] => (owner === null ? OPEN_PRESETS : [owner]);
  const cases: [string, ProviderPreset | null][] = [...everyCatalogEvent.map(([p, e]) => [e, p] as [string, ProviderPreset]), ['order.shipped', null], ['feedback.new', null]];

  it.each(cases)('%s (owner: %s)', async (event, owner) => {
    const sink = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore();
    const ids = new Map<number, ProviderPreset>();
    for (const p of ALL_PRESETS) ids.set((await asLocal(core.api).call('putWebhookConfig', targetOf(p, `${sink.url}/${p}`))).id, p);
    const { deliveries } = await asLocal(core.api).call('emitEvent', { event });
    expect(deliveries.map((d) => ids.get(d.targetId)).sort()).toEqual([...expectedFor(owner)].sort());
    for (const d of deliveries) await waitForDelivery(core, d.id, (x) => x.state === 'succeeded');
    expect(sink.received.map((r) => r.url.slice(1)).sort()).toEqual([...expectedFor(owner)].sort());
  });

  it('naming another provider\'s event explicitly does not make it the target\'s; a test event of it is refused', async () => {
    const sink = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore();
    const ub = await asLocal(core.api).call('putWebhookConfig', targetOf('userback', `${sink.url}/userback`, { events: ['new_feedback'] }));
    const pro = await asLocal(core.api).call('putWebhookConfig', targetOf('feedbackpro', `${sink.url}/pro`));
    const { deliveries } = await asLocal(core.api).call('emitEvent', { event: 'new_feedback' });
    expect(deliveries.map((d) => d.targetId)).toEqual([pro.id]);
    await expect(asLocal(core.api).call('sendTestEvent', { targetId: ub.id, event: 'new_feedback' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Userback has no event "new_feedback"/) });
  });
});

describe('the bytes sent verify with the docs\' own code and parse with the docs\' types', () => {
  const SECRETS: Record<SeedProvider, string | undefined> = { feedbackpulse: 'pulse-shared-secret', feedbackpro: 'pro-shared-secret', feedspace: 'whsec_test_1234222222232s334weee', userback: undefined };

  it.each(seedCases)('%s %s', async (provider, event) => {
    const sink = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore();
    const secret = SECRETS[provider];
    await asLocal(core.api).call('putWebhookConfig', targetOf(provider, `${sink.url}/in`, secret ? { secret } : {}));
    const [delivery] = (await asLocal(core.api).call('emitEvent', { event, provider })).deliveries;
    await waitForDelivery(core, delivery!.id, (d) => d.state === 'succeeded');
    const r = sink.received[0]!;
    const payload = r.body.toString('utf8');
    const parsed = DOC_VALIDATORS[provider](event).safeParse(JSON.parse(payload));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const h = getallheaders(r);
    switch (provider) {
      case 'feedbackpulse':
        expect(h).toMatchObject({ 'content-type': 'application/json', 'x-feedbackpulse-event': event });
        expect(feedbackPulseVerifies(phpServer(r), payload, secret!)).toBe(true);
        expect(feedbackPulseVerifies(phpServer(r), payload + ' ', secret!)).toBe(false);
        break;
      case 'feedbackpro':
        expect(feedbackProVerifies(h, payload, secret!)).toBe(true);
        expect(feedbackProVerifies(h, payload, 'wrong')).toBe(false);
        break;
      case 'feedspace':
        expect(h['x-feedspace-timestamp']).toMatch(/^\d{10}$/);
        expect(feedspaceVerifies(h, payload, secret!)).toBe(true);
        expect(feedspaceVerifies({ ...h, 'x-feedspace-timestamp': String(Number(h['x-feedspace-timestamp']) + 1) }, payload, secret!)).toBe(false);
        break;
      case 'userback':
        expect(h).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Userback-Webhook' });
        expect(Object.keys(h).filter((n) => /signature/.test(n))).toEqual([]);
        break;
    }
  });
});

describe('FeedbackPulse SSRF: "public only" allows only public HTTPS URLs', () => {
  it('saving a plain http:// target under "public only" is a clear 400; https:// is accepted', async () => {
    const server = await startTestHeadless();
    const call = rest(server);
    const refused = await call<{ error: { code: string; message: string } }>('PUT', '/api/v2/webhooks/config', { url: 'http://hooks.example.test/in', events: ['*'], ssrf: 'public-only' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/only https:\/\//) });
    const ok = await call('PUT', '/api/v2/webhooks/config', { url: 'https://hooks.example.test/in', events: ['*'], ssrf: 'public-only' });
    expect(ok.status).toBe(200);
  });

  it('a stored http:// target under "public only" is blocked at send, before any lookup or socket', async () => {
    const sink = await startSink();
    const lookups: string[] = [];
    const resolver: Resolver = async (host) => (lookups.push(host), [{ address: '127.0.0.1', family: 4 }]);
    const core = await startTestCore({ resolver });
    // As an older version could have stored it (saving one is refused now).
    const id = await core.store.targets.insert({ ...storedFields, url: `http://hooks.example.test:${new URL(sink.url).port}/in` });
    await core.sender.reloadTargets();
    const [delivery] = (await asLocal(core.api).call('sendTestEvent', { targetId: id })).deliveries;
    const done = await waitForDelivery(core, delivery!.id, (d) => d.state === 'dead');
    expect(done.timeline).toHaveLength(1);
    expect(done.timeline[0]).toMatchObject({ outcome: 'ssrf_blocked', error: { message: expect.stringMatching(/only https:\/\//) } });
    expect(lookups).toEqual([]);
    expect(sink.received).toHaveLength(0);
  });
});

const storedFields = {
  url: '',
  events: ['*'],
  provider: 'feedbackpulse' as const,
  scheme: 'feedbackpulse' as const,
  customScheme: null,
  format: 'raw' as const,
  retrySchedule: [15],
  timeoutSec: 5,
  ssrf: 'public-only' as const,
  concurrency: 4,
  active: true,
  paused: false,
};

describe('Feedspace always signs with a whsec_ secret', () => {
  it('a Feedspace target saved without a secret gets a generated whsec_ secret, returned once, that verifies with the doc\'s PHP', async () => {
    const sink = await startSink((_r, res) => reply(res, 200));
    const core = await startTestCore();
    const saved = await asLocal(core.api).call('putWebhookConfig', targetOf('feedspace', `${sink.url}/fs`));
    const secret = saved.generatedSecret!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(saved.secretHint).toBe(`whsec_…${secret.slice(-4)}`);
    expect(saved.warnings).toEqual([]);
    // Never again: not in the list, not on a later save.
    expect(JSON.stringify(await asLocal(core.api).call('listWebhookTargets', {}))).not.toContain(secret);
    const again = await asLocal(core.api).call('putWebhookConfig', { id: saved.id, url: saved.url, events: ['feed.text.received'], provider: 'feedspace' });
    expect(again.generatedSecret).toBeUndefined();
    expect(again.secretHint).toBe(saved.secretHint);
    const [delivery] = (await asLocal(core.api).call('emitEvent', { event: 'feed.text.received' })).deliveries;
    await waitForDelivery(core, delivery!.id, (d) => d.state === 'succeeded');
    const r = sink.received[0]!;
    expect(feedspaceVerifies(getallheaders(r), r.body.toString(), secret)).toBe(true);
  });

  it.each([
    ['removed (secret: "")', '', /Feedspace signs every webhook/],
    ['not prefixed whsec_', 'plain-secret-1234', /whsec_/],
  ])('a Feedspace target with its secret %s is saved with a visible warning, in the save response and the list', async (_label, secret, warning) => {
    const server = await startTestHeadless();
    const call = rest(server);
    const saved = await call<{ id: number; warnings: string[]; generatedSecret?: string }>('PUT', '/api/v2/webhooks/config', { url: 'http://127.0.0.1:9/fs', events: ['*'], provider: 'feedspace', secret });
    expect(saved.status).toBe(200);
    expect(saved.body.generatedSecret).toBeUndefined();
    expect(saved.body.warnings).toEqual([expect.stringMatching(warning)]);
    const list = await call<{ items: { id: number; warnings: string[] }[] }>('GET', '/api/v2/webhooks/targets');
    expect(list.body.items.find((t) => t.id === saved.body.id)!.warnings).toEqual(saved.body.warnings);
  });
});

describe('attempts and 410 Gone, per preset, as each doc reads', () => {
  it('FeedBackPro: "15 s, 2 min, 10 min, 1 h, 6 h … after five attempts … failed" is 1 + 5 = 6 attempts, the 6 h delay used', async () => {
    const clock = new FakeClock();
    const sink = await startSink((_r, res) => reply(res, 500));
    const core = await startTestCore({ clock });
    const target = await asLocal(core.api).call('putWebhookConfig', targetOf('feedbackpro', sink.url, { secret: 's' }));
    expect(target.retrySchedule).toEqual([15, 120, 600, 3600, 21600]);
    const id = (await asLocal(core.api).call('emitEvent', { event: 'rating_submitted' })).ids[0]!;
    const start = clock.now();
    for (let n = 1; n <= 5; n++) {
      await waitForDelivery(core, id, (d) => d.attempts === n && d.state === 'pending');
      clock.advance(target.retrySchedule[n - 1]! * 1000);
    }
    const dead = await waitForDelivery(core, id, (d) => d.state === 'dead');
    expect(dead.timeline.map((a) => (Date.parse(a.scheduledFor) - start) / 1000)).toEqual([0, 15, 135, 735, 4335, 25935]);
    expect(catalogOf('feedbackpro').notes).toMatch(/6 attempts/);
  });

  /** FeedBackPro's doc says any 4xx is retried on its schedule; the others disable (Standard Webhooks' rule, or Hookbench's default where a doc is silent). */
  const GONE: [ProviderPreset, 'retries' | 'disables'][] = ALL_PRESETS.map((p) => [p, p === 'feedbackpro' ? 'retries' : 'disables']);

  it.each(GONE)('%s: 410 Gone %s the target', async (provider, behaviour) => {
    const clock = new FakeClock();
    const sink = await startSink((_r, res) => reply(res, 410));
    const core = await startTestCore({ clock });
    const target = await asLocal(core.api).call('putWebhookConfig', targetOf(provider, sink.url));
    const [delivery] = (await asLocal(core.api).call('sendTestEvent', { targetId: target.id })).deliveries;
    const after = await waitForDelivery(core, delivery!.id, (d) => d.attempts === 1 && d.state !== 'sending');
    const now = await targetById(core, target.id);
    if (behaviour === 'retries') {
      expect(after).toMatchObject({ state: 'pending', lastStatus: 410 });
      expect(Date.parse(after.nextAttemptAt!) - clock.now()).toBe(15_000);
      expect(now).toMatchObject({ active: true, disabledReason: null });
    } else {
      expect(after).toMatchObject({ state: 'dead', lastStatus: 410 });
      expect(now).toMatchObject({ active: false, disabledReason: expect.stringMatching(/410 Gone/) });
    }
    expect(catalogOf(provider).notes).toMatch(/410/);
  });
});

async function targetById(core: Core, id: number) {
  return (await asLocal(core.api).call('listWebhookTargets', {})).items.find((t) => t.id === id)!;
}
