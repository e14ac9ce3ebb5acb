import { isValidSlackRequest } from '@slack/bolt';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { removeCliBundle, runCli } from '../helpers/cli-from-source';
import { closedPort, startSink, type Received } from '../helpers/sink';

/**
 * `hookbench trigger` in its own process: what it sends is verified with the providers' official
 * libraries, in the provider's envelope, with the provider's headers.
 */

afterAll(removeCliBundle);

const headersOf = (r: Received) => Object.fromEntries(r.rawHeaders.map(([n, v]) => [n.toLowerCase(), v]));

describe('hookbench trigger (real CLI process)', () => {
  it('Stripe-like: the catalog sample in a Stripe event, --set applied, accepted by stripe.webhooks.constructEvent', async () => {
    const sink = await startSink((_r, res) => res.end('{"received":true}'));
    const secret = 'whsec_trigger_stripe';
    const run = await runCli(['trigger', 'payment_intent.succeeded', '--provider', 'stripe', '--target', `${sink.url}/webhooks/stripe`, '--secret', secret, '--set', 'amount=1999', '--set', 'metadata.order="0042"']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Sent payment_intent\\.succeeded \\(Stripe-like, evt_[0-9a-f]{24}, signed with stripe\\) to ${sink.url}/webhooks/stripe: 200 in \\d+ ms\\n\\{"received":true\\}\\n$`));
    const [r] = sink.received;
    expect(r!.url).toBe('/webhooks/stripe');
    const event = new Stripe('sk_test_unused').webhooks.constructEvent(r!.body, headersOf(r!)['stripe-signature']!, secret);
    expect(event).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', data: { object: { object: 'payment_intent', amount: 1999, metadata: { order: '0042' } } } });
    expect(headersOf(r!)['user-agent']).toMatch(/^Stripe\//);
    expect(headersOf(r!)['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('Standard Webhooks with --data, and --json output; verified by standardwebhooks', async () => {
    const sink = await startSink();
    const secret = `whsec_${Buffer.from('trigger-standard-webhooks-key-32').toString('base64')}`;
    const run = await runCli(['trigger', 'invoice.paid', '--provider', 'standard-webhooks', '--target', sink.url, '--data', '{"id":"inv_9","amount":5}', '--json'], { HOOKBENCH_SECRET: secret });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ event: 'invoice.paid', provider: 'standard-webhooks', signedWith: 'standard-webhooks', response: { status: 200, body: 'ok' }, error: null });
    const [r] = sink.received;
    expect(r!.body.toString()).toBe(out.request.body);
    expect(new StandardWebhook(secret).verify(r!.body.toString(), headersOf(r!))).toMatchObject({ type: 'invoice.paid', data: { id: 'inv_9', amount: 5 } });
    expect(headersOf(r!)['webhook-id']).toMatch(/^msg_/);
  });

  it('GitHub-like: X-GitHub-Event and the action, verified by @octokit/webhooks-methods; --scheme slack verified by Bolt', async () => {
    const sink = await startSink();
    const gh = await runCli(['trigger', 'issues.opened', '--provider', 'github', '--target', sink.url, '--secret', 'octo']);
    expect(gh.code).toBe(0);
    const [r] = sink.received;
    expect(await octokitVerify('octo', r!.body.toString(), headersOf(r!)['x-hub-signature-256']!)).toBe(true);
    expect(headersOf(r!)).toMatchObject({ 'x-github-event': 'issues', 'user-agent': expect.stringMatching(/^GitHub-Hookshot\//) });
    expect(JSON.parse(r!.body.toString())).toMatchObject({ action: 'opened', issue: { state: 'open' } });

    const slackSecret = '8f742231b10e8888abcd99yyyzzz85a5';
    expect((await runCli(['trigger', 'push', '--provider', 'github', '--scheme', 'slack', '--target', sink.url, '--secret', slackSecret])).code).toBe(0);
    const s = headersOf(sink.received[1]!);
    expect(isValidSlackRequest({ signingSecret: slackSecret, body: sink.received[1]!.body.toString(), headers: { 'x-slack-signature': s['x-slack-signature']!, 'x-slack-request-timestamp': Number(s['x-slack-request-timestamp']) } })).toBe(true);
  }, 60_000);

  it('exits 1 on a non-2xx answer or none, 2 on a usage error (another provider\'s event, bad --set, no --provider)', async () => {
    const sink = await startSink((_r, res) => {
      res.statusCode = 422;
      res.end('{"error":"bad signature"}');
    });
    const refused = await runCli(['trigger', 'issues.opened', '--provider', 'github', '--target', sink.url]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/unsigned\) to .*: 422 in \d+ ms\n\{"error":"bad signature"\}\n$/);
    const down = await runCli(['trigger', 'push', '--provider', 'github', '--target', `http://127.0.0.1:${await closedPort()}`]);
    expect(down).toMatchObject({ code: 1, stderr: expect.stringMatching(/no answer: connection refused/) });

    const usage = async (args: string[], message: string) => {
      const run = await runCli(['trigger', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(`hookbench trigger: ${message}`);
      expect(run.stderr).toContain('Usage: hookbench trigger EVENT');
    };
    await usage(['issues.opened', '--provider', 'stripe', '--target', sink.url], `Stripe-like has no event "issues.opened" (it is GitHub-like's)`);
    await usage(['push', '--provider', 'github', '--target', sink.url, '--set', 'nothing'], '--set must be path=value, got "nothing"');
    await usage(['push', '--target', sink.url], '--provider is required');
    // Only the first run reached the sink: a usage error sends nothing.
    expect(sink.received).toHaveLength(1);
  }, 90_000);
});
