import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asLocal, startTestCore } from '../helpers/core';
import { waitForDelivery } from '../helpers/sender';
import { startSink, type Received } from '../helpers/sink';

// What the sender puts on the wire verifies with the providers' official libraries, on every
// attempt (each retry is signed afresh over the same bytes).

const headers = (r: Received) => Object.fromEntries(r.rawHeaders.map(([n, v]) => [n.toLowerCase(), v]));

describe('sender signatures against the official libraries', () => {
  it('Standard Webhooks: webhook-id is the idempotency key; standardwebhooks verifies every attempt', async () => {
    const secret = `whsec_${Buffer.from('a-very-secret-key-of-32-bytes!!!').toString('base64')}`;
    const sink = await startSink((_r, res) => {
      res.statusCode = sink.received.length === 1 ? 500 : 200;
      res.end();
    });
    const core = await startTestCore();
    await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], provider: 'standard-webhooks', secret, retrySchedule: [0] });
    const [delivery] = (await asLocal(core.api).call('emitEvent', { event: 'invoice.paid' })).deliveries;
    await waitForDelivery(core, delivery!.id, (d) => d.state === 'succeeded');
    expect(sink.received).toHaveLength(2);
    for (const r of sink.received) {
      const h = headers(r);
      expect(h['webhook-id']).toBe(delivery!.idempotencyKey);
      expect(h['idempotency-key']).toBeUndefined();
      expect(new StandardWebhook(secret).verify(r.body.toString(), h)).toMatchObject({ type: 'invoice.paid', data: { currency: 'eur' } });
      expect(() => new StandardWebhook(secret).verify(r.body.toString().replace('eur', 'usd'), h)).toThrow();
    }
  });

  it('Stripe-like: stripe.webhooks.constructEvent accepts the delivery', async () => {
    const secret = 'whsec_test_secret_for_stripe';
    const sink = await startSink();
    const core = await startTestCore();
    await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], provider: 'stripe', secret });
    const [delivery] = (await asLocal(core.api).call('emitEvent', { event: 'payment_intent.succeeded' })).deliveries;
    await waitForDelivery(core, delivery!.id, (d) => d.state === 'succeeded');
    const r = sink.received[0]!;
    const event = new Stripe('sk_test_unused').webhooks.constructEvent(r.body, headers(r)['stripe-signature']!, secret);
    expect(event).toMatchObject({ id: delivery!.eventId, type: 'payment_intent.succeeded', object: 'event' });
    expect(headers(r)['idempotency-key']).toBe(delivery!.idempotencyKey);
  });

  it('GitHub-like: @octokit/webhooks-methods verifies X-Hub-Signature-256; event and delivery headers are set', async () => {
    const secret = 'octo-secret';
    const sink = await startSink();
    const core = await startTestCore();
    await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['issues.opened'], provider: 'github', secret });
    const [delivery] = (await asLocal(core.api).call('emitEvent', { event: 'issues.opened' })).deliveries;
    await waitForDelivery(core, delivery!.id, (d) => d.state === 'succeeded');
    const r = sink.received[0]!;
    const h = headers(r);
    expect(await octokitVerify(secret, r.body.toString(), h['x-hub-signature-256']!)).toBe(true);
    expect(await octokitVerify('wrong', r.body.toString(), h['x-hub-signature-256']!)).toBe(false);
    expect(h).toMatchObject({ 'x-github-event': 'issues', 'x-github-delivery': delivery!.idempotencyKey, 'user-agent': expect.stringMatching(/^GitHub-Hookshot\//) });
    expect(JSON.parse(r.body.toString())).toMatchObject({ action: 'opened', issue: { state: 'open' } });
  });

  it('a custom scheme signs the template it is given (checked with an HMAC written out here)', async () => {
    const sink = await startSink();
    const core = await startTestCore();
    const customScheme = { algorithm: 'sha512' as const, encoding: 'base64' as const, header: 'X-Acme-Signature', prefix: 'v1=', template: '{timestamp}:{id}:{body}', timestampHeader: 'X-Acme-Time', idHeader: 'X-Acme-Id' };
    await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'], provider: 'custom', customScheme, secret: 'acme' });
    const [delivery] = (await asLocal(core.api).call('emitEvent', { event: 'test.event' })).deliveries;
    await waitForDelivery(core, delivery!.id, (d) => d.state === 'succeeded');
    const r = sink.received[0]!;
    const h = headers(r);
    const expected = createHmac('sha512', 'acme').update(`${h['x-acme-time']}:${h['x-acme-id']}:${r.body.toString()}`).digest('base64');
    expect(h['x-acme-signature']).toBe(`v1=${expected}`);
    expect(JSON.parse(r.body.toString())).toMatchObject({ event: 'test.event', id: delivery!.eventId, data: { message: 'Hello from Hookbench' } });
  });

  it('Slack and Discord formats are signed over the exact formatted bytes sent', async () => {
    const sink = await startSink();
    const core = await startTestCore();
    await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/slack`, events: ['*'], format: 'slack', secret: 's', provider: 'github' });
    await asLocal(core.api).call('putWebhookConfig', { url: `${sink.url}/discord`, events: ['*'], format: 'discord', secret: 's', provider: 'github' });
    const { ids } = await asLocal(core.api).call('emitEvent', { event: 'push' });
    for (const id of ids) await waitForDelivery(core, id, (d) => d.state === 'succeeded');
    const slack = sink.received.find((r) => r.url === '/slack')!;
    const discord = sink.received.find((r) => r.url === '/discord')!;
    expect(JSON.parse(slack.body.toString())).toMatchObject({ text: 'GitHub-like: push', blocks: expect.any(Array) });
    expect(JSON.parse(discord.body.toString())).toMatchObject({ embeds: [{ title: 'GitHub-like: push' }] });
    for (const r of [slack, discord]) expect(await octokitVerify('s', r.body.toString(), headers(r)['x-hub-signature-256']!)).toBe(true);
  });
});

describe('sender → Hookbench\'s own receiver', () => {
  it('deliveries to a capturing endpoint with the same secret are captured, marked valid, and detected as their event', async () => {
    const core = await startTestCore();
    const secret = `whsec_${Buffer.from('round-trip-secret-round-trip-sec').toString('base64')}`;
    await asLocal(core.api).call('putEndpoint', { slug: 'sw', scheme: 'standard-webhooks', secrets: [secret] });
    await asLocal(core.api).call('putEndpoint', { slug: 'pulse', scheme: 'feedbackpulse', secrets: ['pulse'] });
    await asLocal(core.api).call('putWebhookConfig', { url: `${core.receiverUrl}/sw/in`, events: ['*'], provider: 'standard-webhooks', secret });
    await asLocal(core.api).call('putWebhookConfig', { url: `${core.receiverUrl}/pulse/in`, events: ['*'], provider: 'feedbackpulse', secret: 'pulse' });
    // Each target gets its own provider's event (a Standard Webhooks target also takes names of your own).
    const ids = [...(await asLocal(core.api).call('emitEvent', { event: 'submission.created' })).ids, ...(await asLocal(core.api).call('emitEvent', { event: 'order.shipped' })).ids];
    expect(ids).toHaveLength(2);
    for (const id of ids) await waitForDelivery(core, id, (d) => d.state === 'succeeded');
    const captured = (await asLocal(core.api).call('listRequests', {})).items;
    expect(captured.map((r) => [r.endpoint, r.verification, r.event]).sort()).toEqual([
      ['pulse', 'valid', 'submission.created'],
      ['sw', 'valid', 'order.shipped'],
    ]);
  });
});
