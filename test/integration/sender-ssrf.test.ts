import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { publicOnlyAgents, type Resolver } from '../../src/main/core/sender/ssrf';
import { asLocal, startTestCore } from '../helpers/core';
import { waitForDelivery } from '../helpers/sender';
import { startSink } from '../helpers/sink';

// "Public only" with a resolver the test controls, on https:// URLs as the policy requires (the
// address checks run before TLS). Every address these tests let a socket reach is loopback: the
// policy is shown by what it refuses (and the sink staying empty), never by connecting to a
// public address.

const resolverOf = (table: Record<string, string[]>, calls: string[] = []): Resolver => async (host) => {
  calls.push(host);
  const addresses = table[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('SSRF policy "public only"', () => {
  it('refuses names resolving to loopback, a mix of public and private answers, and loopback/mapped literals; the sink gets nothing', async () => {
    const sink = await startSink();
    const port = new URL(sink.url).port;
    const calls: string[] = [];
    const resolver = resolverOf({ 'hooks.example.test': ['127.0.0.1'], 'mixed.example.test': ['93.184.215.14', '127.0.0.1'], 'v6.example.test': ['::ffff:127.0.0.1'] }, calls);
    const core = await startTestCore({ resolver });
    const cases: [string, RegExp][] = [
      [`https://hooks.example.test:${port}/`, /hooks\.example\.test resolves to 127\.0\.0\.1, a loopback address/],
      [`https://mixed.example.test:${port}/`, /mixed\.example\.test resolves to 127\.0\.0\.1, a loopback address/],
      [`https://v6.example.test:${port}/`, /loopback \(IPv4 127\.0\.0\.1 inside an IPv6 address\)/],
      [`https://127.0.0.1:${port}/`, /127\.0\.0\.1, a loopback address/],
      [`https://[::ffff:127.0.0.1]:${port}/`, /IPv4 127\.0\.0\.1 inside an IPv6 address/],
      [`https://169.254.169.254/latest/meta-data/`, /link-local \(cloud metadata/],
    ];
    for (const [url, reason] of cases) {
      const target = await asLocal(core.api).call('putWebhookConfig', { url, events: ['*'], ssrf: 'public-only' });
      const [delivery] = (await asLocal(core.api).call('sendTestEvent', { targetId: target.id })).deliveries;
      const done = await waitForDelivery(core, delivery!.id, (d) => d.state === 'dead');
      expect(done.timeline).toHaveLength(1); // refused at once: waiting will not make it public
      expect(done.timeline[0]).toMatchObject({ outcome: 'ssrf_blocked', response: null, error: { kind: 'ssrf_blocked', message: expect.stringMatching(reason) } });
      await asLocal(core.api).call('putWebhookConfig', { id: target.id, url, events: ['*'], active: false });
    }
    expect(sink.received).toHaveLength(0);
    expect(calls).toEqual(['hooks.example.test', 'mixed.example.test', 'v6.example.test']);
  });

  it('with the policy off (the desktop default) the same loopback target is reached', async () => {
    const sink = await startSink();
    const core = await startTestCore({ resolver: resolverOf({}) });
    const target = await asLocal(core.api).call('putWebhookConfig', { url: sink.url, events: ['*'] });
    expect(target.ssrf).toBe('off');
    const [delivery] = (await asLocal(core.api).call('sendTestEvent', { targetId: target.id })).deliveries;
    await waitForDelivery(core, delivery!.id, (d) => d.state === 'succeeded');
    expect(sink.received).toHaveLength(1);
  });

  it('a headless server can make "public only" the default for new targets', async () => {
    const core = await startTestCore({ senderDefaultSsrf: 'public-only' });
    expect((await asLocal(core.api).call('putWebhookConfig', { url: 'https://127.0.0.1:9/', events: ['*'] })).ssrf).toBe('public-only');
    // FeedbackPulse's rule: public HTTPS only, so a plain http:// URL is refused under that default.
    await expect(asLocal(core.api).call('putWebhookConfig', { url: 'http://127.0.0.1:9/', events: ['*'] })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/only https:\/\//) });
  });

  it('the connected address is checked before any byte is written (an IP literal skips DNS entirely)', async () => {
    const sink = await startSink();
    // Straight through the agent, without the sender's up-front literal check: only the
    // connect-time check stands between the request and the loopback sink.
    const agents = publicOnlyAgents(resolverOf({}), { keepAlive: true });
    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      const req = http.request(`${sink.url}/x`, { method: 'POST', agent: agents.http }, () => reject(new Error('got an answer')));
      req.on('error', resolve);
      req.end('secret payload');
    });
    expect(error.code).toBe('ESSRF');
    expect(error.message).toMatch(/127\.0\.0\.1, a loopback address/);
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.received).toHaveLength(0);
    agents.http.destroy();
  });

  it('a name that does not resolve is a DNS failure, not a policy refusal', async () => {
    const core = await startTestCore({ resolver: resolverOf({}) });
    const target = await asLocal(core.api).call('putWebhookConfig', { url: 'https://nowhere.example.test/', events: ['*'], ssrf: 'public-only', retrySchedule: 'none' });
    const [delivery] = (await asLocal(core.api).call('sendTestEvent', { targetId: target.id })).deliveries;
    const done = await waitForDelivery(core, delivery!.id, (d) => d.state === 'dead');
    expect(done.timeline[0]).toMatchObject({ outcome: 'dns', error: { message: expect.stringMatching(/nowhere\.example\.test/) } });
  });
});
