import '@shopify/shopify-api/adapters/web-api';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { isValidSlackRequest } from '@slack/bolt';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import twilio from 'twilio';
import { afterAll, describe, expect, it } from 'vitest';
import { exportCollection } from '../../src/main/core/collections/export-collection';
import type { Core } from '../../src/main/core/core';
import { signRequest } from '../../src/main/core/signatures';
import type { Collection } from '../../src/shared/contracts/collection';
import type { SchemeId } from '../../src/shared/signatures';
import { removeCliBundle, runCli } from '../helpers/cli-from-source';
import { asLocal, startTestCore } from '../helpers/core';
import { request } from '../helpers/http';
import { closedPort, startSink, type Received } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';

/**
 * `hookbench test` in its own process, as CI runs it: captures taken by a real receiver, saved as a
 * collection (and as Hookbench's HAR and JSON exports), replayed against a local handler. The
 * handler checks nothing itself: the test verifies what it received with each provider's official
 * library, so "re-signed" means "a real receiver accepts it", not "Hookbench agrees with itself".
 */

afterAll(removeCliBundle);

/** The secrets the handler knows; the captures were signed an hour ago with other ones. */
const SECRETS = {
  stripe: 'whsec_handler_stripe_secret',
  'standard-webhooks': `whsec_${Buffer.from('handler-standard-webhooks-key-32').toString('base64')}`,
  github: 'handler-github-secret',
  slack: '8f742231b10e8888abcd99yyyzzz85a5',
  shopify: 'shpss_handler_0123456789',
  twilio: 'handler-twilio-auth-token',
} satisfies Partial<Record<SchemeId, string>>;
const OLD: Record<keyof typeof SECRETS, string> = {
  ...(Object.fromEntries(Object.keys(SECRETS).map((scheme) => [scheme, `old-${scheme}`])) as Record<keyof typeof SECRETS, string>),
  'standard-webhooks': `whsec_${Buffer.from('provider-old-standard-webhooks-k').toString('base64')}`,
};
const STALE = Math.floor(Date.now() / 1000) - 3600;

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];
const FORM_TYPE: [string, string] = ['Content-Type', 'application/x-www-form-urlencoded'];
const stripeEvent = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 4200 } } });
const slackForm = 'token=xyz&team_id=T1&command=%2Fweather&text=94070';
const twilioForm = 'CallSid=CA123&From=%2B12349013030&To=%2B18005551212';

/** Each capture: path, body, and the headers the provider sent (signed with its old secret, an hour ago). */
function captures(receiverUrl: string): { path: string; body: string; headers: [string, string][] }[] {
  const sign = (scheme: keyof typeof SECRETS, body: string, extra: { url?: string; brand?: 'svix' } = {}) =>
    signRequest({ scheme, secret: OLD[scheme], body: Buffer.from(body), timestamp: STALE, ...extra }).headers;
  return [
    { path: '/stripe', body: stripeEvent, headers: [JSON_TYPE, ['User-Agent', 'Stripe/1.0'], ...sign('stripe', stripeEvent)] },
    { path: '/sw', body: '{"type":"invoice.paid","data":{"id":"inv_1"}}', headers: [JSON_TYPE, ...sign('standard-webhooks', '{"type":"invoice.paid","data":{"id":"inv_1"}}')] },
    { path: '/svix', body: '{"type":"user.created"}', headers: [JSON_TYPE, ...sign('standard-webhooks', '{"type":"user.created"}', { brand: 'svix' })] },
    { path: '/github', body: '{"action":"opened","issue":{"number":1}}', headers: [JSON_TYPE, ['X-GitHub-Event', 'issues'], ...sign('github', '{"action":"opened","issue":{"number":1}}')] },
    { path: '/slack', body: slackForm, headers: [FORM_TYPE, ...sign('slack', slackForm)] },
    { path: '/shopify', body: '{"id":820982911946154508}', headers: [JSON_TYPE, ['X-Shopify-Topic', 'orders/create'], ['X-Shopify-Shop-Domain', 'oracle.myshopify.com'], ['X-Shopify-API-Version', '2025-01'], ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'], ['X-Shopify-Event-Id', '98880550-7158-44d4-b7cd-2c97c8a091b5'], ...sign('shopify', '{"id":820982911946154508}')] },
    { path: '/twilio?account=AC1', body: twilioForm, headers: [FORM_TYPE, ...sign('twilio', twilioForm, { url: `${receiverUrl}/twilio?account=AC1` })] },
    { path: '/broken', body: '{"type":"payment_intent.failed"}', headers: [JSON_TYPE, ...sign('stripe', '{"type":"payment_intent.failed"}')] },
  ];
}

async function captureAll(core: Core): Promise<void> {
  for (const c of captures(core.receiverUrl)) {
    const res = await request(core.receiverUrl + c.path, { method: 'POST', body: c.body, headers: Object.fromEntries(c.headers) });
    expect(res.status).toBe(200);
  }
  await core.store.requests.flush();
}

/** The handler under test: 500 on /broken, else 200 with a JSON answer an expectation can look into. */
function handler() {
  return startSink((r, res) => {
    res.statusCode = r.url.startsWith('/broken') ? 500 : 200;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ received: true, path: r.url.split('?')[0], error: r.url.startsWith('/broken') ? 'handler crashed <boom> & "died"' : null }));
  });
}

const secretFlags = Object.entries(SECRETS).flatMap(([scheme, secret]) => ['--secret', `${scheme}=${secret}`]);
const headersOf = (r: Received) => Object.fromEntries(r.rawHeaders.map(([n, v]) => [n.toLowerCase(), v]));
const byPath = (received: Received[], p: string) => received.find((r) => r.url.split('?')[0] === p)!;

const shopify = shopifyApi({
  apiKey: 'oracle-key',
  apiSecretKey: SECRETS.shopify,
  scopes: [],
  hostName: 'hookbench.test',
  apiVersion: ApiVersion.January25,
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error, log: async () => {} },
});

/** Every re-signed request, checked by the provider's own library with the handler's secret. */
async function verifyWithOfficialLibraries(received: Received[], targetUrl: string): Promise<void> {
  const stripe = byPath(received, '/stripe');
  expect(new Stripe('sk_test_unused').webhooks.constructEvent(stripe.body, headersOf(stripe)['stripe-signature']!, SECRETS.stripe)).toMatchObject({ id: 'evt_1', type: 'payment_intent.succeeded' });

  const sw = byPath(received, '/sw');
  expect(new StandardWebhook(SECRETS['standard-webhooks']).verify(sw.body.toString(), headersOf(sw))).toMatchObject({ type: 'invoice.paid' });
  const svix = byPath(received, '/svix');
  expect(Object.keys(headersOf(svix))).toEqual(expect.arrayContaining(['svix-id', 'svix-timestamp', 'svix-signature']));
  expect(new SvixWebhook(SECRETS['standard-webhooks']).verify(svix.body.toString(), headersOf(svix))).toMatchObject({ type: 'user.created' });

  const github = byPath(received, '/github');
  expect(await octokitVerify(SECRETS.github, github.body.toString(), headersOf(github)['x-hub-signature-256']!)).toBe(true);

  const slack = byPath(received, '/slack');
  const slackHeaders = headersOf(slack);
  expect(isValidSlackRequest({ signingSecret: SECRETS.slack, body: slack.body.toString(), headers: { 'x-slack-signature': slackHeaders['x-slack-signature']!, 'x-slack-request-timestamp': Number(slackHeaders['x-slack-request-timestamp']) } })).toBe(true);

  const shop = byPath(received, '/shopify');
  const rawRequest = new Request('https://hookbench.test/webhooks', { method: 'POST', body: shop.body.toString(), headers: headersOf(shop) });
  expect((await shopify.webhooks.validate({ rawBody: shop.body.toString(), rawRequest })).valid).toBe(true);

  // Twilio signs the URL: the one the handler was reached at, query included.
  const tw = byPath(received, '/twilio');
  expect(tw.url).toBe('/twilio?account=AC1');
  const params = Object.fromEntries(new URLSearchParams(tw.body.toString()));
  expect(twilio.validateRequest(SECRETS.twilio, headersOf(tw)['x-twilio-signature']!, targetUrl + tw.url, params)).toBe(true);
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite', htmlEntities: true });

describe('hookbench test (real CLI process)', () => {
  it('replays a saved collection re-signed: official libraries verify every request; a failing case exits 1 with valid JUnit XML', async () => {
    const core = await startTestCore();
    await captureAll(core);
    const collection: Collection = await exportCollection(core.store.requests, { filter: {} } as never, 'Provider suite');
    expect(collection.requests.map((r) => r.path)).toEqual(captures(core.receiverUrl).map((c) => c.path));
    // One expectation looks into the answer's JSON as well.
    collection.requests[0]!.expect = { status: 200, json: { received: true, path: '/stripe' } };
    const dir = tempDir();
    const file = path.join(dir, 'suite.json');
    fs.writeFileSync(file, JSON.stringify(collection, null, 2));
    const sink = await handler();
    const junit = path.join(dir, 'reports', 'junit.xml');

    const run = await runCli(['test', '--collection', file, '--target', sink.url, ...secretFlags, '--junit', junit]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`hookbench test: "Provider suite", 8 requests → ${sink.url}/`);
    expect(run.stdout).toMatch(/^PASS {2}#1 {2}POST \/stripe payment_intent\.succeeded \(capture \d+\) {2}→ 200 {2}\d+ ms {2}re-signed \(stripe\)$/m);
    expect(run.stdout).toMatch(/^PASS {2}#7 .*\/twilio\?account=AC1.*re-signed \(twilio\)$/m);
    expect(run.stdout).toMatch(/^FAIL {2}#8 .*\/broken.* → 500 .*re-signed \(stripe\)\n {9}status: expected 2xx, got 500\n {9}response: \{"received":true/m);
    expect(run.stdout).toMatch(/^8 requests: 7 passed, 1 failed in \d+\.\d s$/m);
    expect(run.stdout).toContain(`JUnit XML written to ${junit}`);

    expect(sink.received).toHaveLength(8);
    await verifyWithOfficialLibraries(sink.received, sink.url);
    // Fresh timestamps: Stripe's five-minute window would refuse the captured ones.
    expect(Number(/t=(\d+)/.exec(headersOf(byPath(sink.received, '/stripe'))['stripe-signature']!)![1])).toBeGreaterThan(STALE + 3000);

    const xml = fs.readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '8', failures: '1', errors: '0' });
    const [suite] = doc.testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'Provider suite', tests: '8', failures: '1', errors: '0', skipped: '0' });
    expect(suite.testcase).toHaveLength(8);
    const failed = suite.testcase.filter((t: { failure?: unknown }) => t.failure);
    expect(failed).toHaveLength(1);
    expect(failed[0].name).toMatch(/^#8 POST \/broken payment_intent\.failed \(capture \d+\)$/);
    expect(failed[0].failure).toMatchObject({ message: 'status: expected 2xx, got 500', type: 'expectation' });
    expect(failed[0].failure['#text']).toContain('"error":"handler crashed <boom> & \\"died\\""');
  });

  it('a run where every expectation holds exits 0; Hookbench HAR and JSON exports load; no --secret sends as captured', async () => {
    const core = await startTestCore();
    await captureAll(core);
    const dir = tempDir();
    const all = (await asLocal(core.api).call('listRequests', {})).items.filter((r) => r.path !== '/broken').map((r) => r.id);
    for (const format of ['har', 'json'] as const) fs.writeFileSync(path.join(dir, `export.${format}`), JSON.stringify(await asLocal(core.api).call('exportRequests', { format, ids: all })));
    const sink = await handler();

    const har = await runCli(['test', '--collection', path.join(dir, 'export.har'), '--target', `${sink.url}/hooks`, ...secretFlags]);
    expect(outcome(har)).toEqual({ code: 0, summary: '7 requests: 7 passed, 0 failed' });
    expect(har.stdout).toContain('hookbench test: "export.har", 7 requests');
    expect(sink.received.every((r) => r.url.startsWith('/hooks/'))).toBe(true);
    await verifyWithOfficialLibraries(sink.received.map((r) => ({ ...r, url: r.url.slice('/hooks'.length) })), `${sink.url}/hooks`);

    sink.received.length = 0;
    const json = await runCli(['test', '--collection', path.join(dir, 'export.json'), '--target', sink.url]);
    expect(outcome(json)).toEqual({ code: 0, summary: '7 requests: 7 passed, 0 failed' });
    expect(json.stdout.match(/not re-signed: no --secret given/g)).toHaveLength(7);
    // As captured: the old signature, byte for byte.
    const stripe = byPath(sink.received, '/stripe');
    expect(headersOf(stripe)['stripe-signature']).toBe(captures(core.receiverUrl)[0]!.headers.find(([n]) => n === 'Stripe-Signature')![1]);
  }, 60_000);

  it('a handler that is down is an error in the report and the JUnit XML; usage errors exit 2; an unreadable collection exits 1', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.json');
    const collection = { format: 'hookbench-collection', version: 1, name: 'down', createdAt: new Date().toISOString(), requests: [{ method: 'POST', path: '/x', headers: [], bodyBase64: '' }] };
    fs.writeFileSync(file, JSON.stringify(collection));
    const junit = path.join(dir, 'junit.xml');
    const down = await runCli(['test', '--collection', file, '--target', `http://127.0.0.1:${await closedPort()}`, '--junit', junit]);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^ERROR #1 {2}POST \/x {2}not re-signed: no --secret given\n {9}no answer: connection refused/m);
    expect(down.stdout).toContain('1 request: 0 passed, 0 failed, 1 error (not sent or no answer)');
    expect(parser.parse(fs.readFileSync(junit, 'utf8')).testsuites).toMatchObject({ tests: '1', failures: '0', errors: '1' });

    for (const args of [['--target', 'http://localhost:1'], ['--collection', file, '--target', 'http://x', '--scheme', 'nope']]) {
      const usage = await runCli(['test', ...args]);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr).toMatch(/^hookbench test: .+\n\nUsage: hookbench test/);
    }
    const missing = await runCli(['test', '--collection', path.join(dir, 'nope.json'), '--target', 'http://localhost:1']);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^hookbench test: cannot read .*nope\.json: ENOENT/) });
    fs.writeFileSync(file, JSON.stringify({ ...collection, version: 2 }));
    const newer = await runCli(['test', '--collection', file, '--target', 'http://localhost:1']);
    expect(newer).toMatchObject({ code: 1, stderr: `hookbench test: ${file}: collection format version 2: this Hookbench reads version 1\n` });
    expect((await runCli(['--help'])).stdout).toContain('hookbench test --collection FILE --target URL');
  }, 90_000);
});

function outcome(result: { code: number | null; stdout: string }) {
  return { code: result.code, summary: /^(\d+ requests?: .*) in /m.exec(result.stdout)?.[1] };
}
