import { describe, expect, it } from 'vitest';
import { NO_SECRETS, parseSecrets } from '../../../src/main/core/collections/cli-flags';
import { casePassed, requestUrl, runCollection, type RunOptions } from '../../../src/main/core/collections/run-collection';
import { signRequest, verifyRequest } from '../../../src/main/core/signatures';
import { Collection, type CollectionRequest } from '../../../src/shared/contracts/collection';
import { startSink, type Received } from '../../helpers/sink';

const STALE = Math.floor(Date.now() / 1000) - 3600;
const body = '{"id":"evt_1","type":"payment_intent.succeeded"}';

function request(path: string, headers: [string, string][], overrides: Partial<CollectionRequest> = {}): CollectionRequest {
  return { method: 'POST', path, headers, bodyBase64: Buffer.from(body).toString('base64'), expect: { status: '2xx' }, ...overrides };
}

function collection(requests: CollectionRequest[], paths?: 'append' | 'ignore'): Collection {
  return Collection.parse({ format: 'hookbench-collection', version: 1, name: 'unit', createdAt: new Date().toISOString(), paths, requests });
}

const stripeCapture = () => signRequest({ scheme: 'stripe', secret: 'whsec_old', body: Buffer.from(body), timestamp: STALE }).headers;
const options = (target: string, more: Partial<RunOptions> = {}): RunOptions => ({ target: new URL(target), secrets: NO_SECRETS, timeoutMs: 5_000, ...more });
const headerList = (r: Received) => r.rawHeaders;

describe('requestUrl', () => {
  it('appends the captured path and query to the target, or sends to the target as given', () => {
    const target = new URL('http://localhost:3000/api/?k=v');
    expect(requestUrl({}, target, '/stripe/hook?x=1').href).toBe('http://localhost:3000/api/stripe/hook?k=v&x=1');
    expect(requestUrl({ paths: 'append' }, new URL('http://localhost:3000'), '/').href).toBe('http://localhost:3000/');
    expect(requestUrl({ paths: 'ignore' }, target, '/stripe/hook?x=1').href).toBe('http://localhost:3000/api/?k=v');
  });
});

describe('runCollection', () => {
  it('re-signs with a fresh timestamp over the exact bytes, keeping the other headers in order', async () => {
    const sink = await startSink();
    const captured: [string, string][] = [['Host', 'old.example'], ['Content-Type', 'application/json'], ...stripeCapture(), ['Connection', 'keep-alive'], ['X-Trace', 'a']];
    const run = await runCollection(collection([request('/stripe?x=1', captured, { scheme: 'stripe' })]), options(`${sink.url}/base`, { secrets: parseSecrets(['stripe=whsec_new'], undefined) }));
    expect(run.cases[0]).toMatchObject({ index: 1, status: 200, signing: { resigned: true, scheme: 'stripe' }, failures: [], error: null, url: `${sink.url}/base/stripe?x=1` });
    const [got] = sink.received;
    expect(got!.url).toBe('/base/stripe?x=1');
    expect(got!.body.toString()).toBe(body);
    // Host names the target, hop-by-hop headers are dropped, the order is kept.
    expect(headerList(got!).map(([n]) => n)).toEqual(['Host', 'Content-Type', 'Stripe-Signature', 'X-Trace', 'Content-Length', 'Connection']);
    expect(headerList(got!)[0]![1]).toBe(new URL(sink.url).host);
    const verdict = verifyRequest({ headers: headerList(got!), body: got!.body, secrets: ['whsec_new'] });
    expect(verdict).toMatchObject({ valid: true, scheme: 'stripe' });
  });

  it('without a secret sends as captured and says why it was not re-signed', async () => {
    const sink = await startSink();
    const captured = stripeCapture();
    const run = await runCollection(collection([request('/a', captured), request('/b', [['User-Agent', 'Userback-Webhook']])]), options(sink.url));
    expect(run.cases.map((c) => c.signing)).toEqual([
      { resigned: false, why: 'no --secret given' },
      { resigned: false, why: 'no --secret given' },
    ]);
    expect(headerList(sink.received[0]!)).toContainEqual(captured[0]);
  });

  it('picks the scheme from --scheme, else the collection, else the headers; says when there is none or no secret for it', async () => {
    const sink = await startSink();
    const gh = signRequest({ scheme: 'github', secret: 'old', body: Buffer.from(body) }).headers;
    const requests = [
      request('/detected', gh),
      request('/none', [['Content-Type', 'application/json']]),
      request('/unsigned', [['User-Agent', 'Userback-Webhook/1.0']]),
      request('/other', stripeCapture()),
      request('/bad', [], { scheme: 'no-such-scheme' }),
    ];
    const run = await runCollection(collection(requests), options(sink.url, { secrets: parseSecrets(['github=octo'], undefined) }));
    expect(run.cases.map((c) => c.signing)).toEqual([
      { resigned: true, scheme: 'github' },
      { resigned: false, why: 'no signature scheme detected in its headers (give --scheme)' },
      { resigned: false, why: 'Userback signs nothing' },
      { resigned: false, why: 'no --secret for stripe' },
      null,
    ]);
    expect(run.cases[4]!.error).toBe('not sent: the collection names an unknown scheme "no-such-scheme"; give --scheme');
    expect(sink.received).toHaveLength(4);
    expect(verifyRequest({ headers: headerList(sink.received[0]!), body: sink.received[0]!.body, secrets: ['octo'] }).valid).toBe(true);

    const forced = await runCollection(collection([request('/forced', [['Content-Type', 'application/json']])]), options(sink.url, { secrets: parseSecrets(['s3cr3t'], undefined), scheme: 'slack' }));
    expect(forced.cases[0]!.signing).toEqual({ resigned: true, scheme: 'slack' });
    const slack = sink.received[4]!;
    expect(verifyRequest({ headers: headerList(slack), body: slack.body, secrets: ['s3cr3t'] })).toMatchObject({ valid: true, scheme: 'slack' });
  });

  it('a secret the scheme cannot use, or a custom scheme without its definition, fails the case unsent', async () => {
    const sink = await startSink();
    const sw = signRequest({ scheme: 'standard-webhooks', secret: `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`, body: Buffer.from(body) }).headers;
    const run = await runCollection(collection([request('/sw', sw), request('/custom', [], { scheme: 'custom' })]), options(sink.url, { secrets: parseSecrets(['standard-webhooks=whsk_!!', 'custom=x'], undefined) }));
    expect(run.cases[0]!.error).toMatch(/^not sent: could not re-sign with standard-webhooks: /);
    expect(run.cases[1]!.error).toBe('not sent: the custom scheme needs its definition: give --custom-scheme JSON');
    expect(run.cases.some(casePassed)).toBe(false);
    expect(sink.received).toHaveLength(0);
  });

  it('judges each answer, in order, and reports no answer as an error', async () => {
    const sink = await startSink((r, res) => {
      res.statusCode = r.url === '/fail' ? 500 : 200;
      res.end(JSON.stringify({ path: r.url, ok: r.url !== '/fail' }));
    });
    const seen: number[] = [];
    const requests = [request('/ok', [], { expect: { status: 200, json: { ok: true } } }), request('/fail', []), request('/ok', [], { expect: { status: '2xx', json: { ok: false } } })];
    const run = await runCollection(collection(requests), options(sink.url, { onCase: (c) => seen.push(c.index) }));
    expect(seen).toEqual([1, 2, 3]);
    expect(run.cases.map((c) => c.failures)).toEqual([[], ['status: expected 2xx, got 500'], ['body $.ok: expected false, got true']]);
    expect(sink.received.map((r) => r.url)).toEqual(['/ok', '/fail', '/ok']);

    const down = await runCollection(collection([request('/x', [])]), options('http://127.0.0.1:1'));
    expect(down.cases[0]).toMatchObject({ status: null, error: expect.stringMatching(/^no answer: connection refused/) });
  });
});
