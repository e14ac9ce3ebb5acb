import { describe, expect, it } from 'vitest';
import { FlagError, parseCustomScheme, parseScheme, parseSecrets, parseTarget, parseTimeoutMs, secretFor } from '../../../src/main/core/collections/cli-flags';
import { parseSet, setPath } from '../../../src/main/core/collections/set-path';
import { buildTrigger, type TriggerInput } from '../../../src/main/core/collections/trigger-request';
import { verifyRequest } from '../../../src/main/core/signatures';

const input = (overrides: Partial<TriggerInput>): TriggerInput => ({ event: 'payment_intent.succeeded', provider: 'stripe', target: new URL('http://localhost:3000/hook'), secret: null, sets: [], format: 'auto', ...overrides });
const header = (headers: [string, string][], name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];

describe('shared CLI flags', () => {
  it('--secret is one for every scheme and/or one per scheme; a base64 = stays in the secret', () => {
    const secrets = parseSecrets(['whsec_abc=', 'github=octo', 'slack=a=b'], undefined);
    expect(secrets).toEqual({ any: 'whsec_abc=', byScheme: { github: 'octo', slack: 'a=b' } });
    expect([secretFor(secrets, 'github'), secretFor(secrets, 'stripe')]).toEqual(['octo', 'whsec_abc=']);
    expect(parseSecrets(undefined, 'from-env')).toEqual({ any: 'from-env', byScheme: {} });
    expect(parseSecrets(['flag'], 'from-env').any).toBe('flag');
    expect(() => parseSecrets(['a', 'b'], undefined)).toThrow(FlagError);
    expect(() => parseSecrets(['stripe='], undefined)).toThrow('--secret stripe=is empty');
  });

  it('checks --scheme, --custom-scheme, --target and --timeout', () => {
    expect(parseScheme('slack')).toBe('slack');
    expect(() => parseScheme('nope')).toThrow(/--scheme must be one of stripe|feedbackpulse/);
    expect(parseCustomScheme('{"algorithm":"sha256","encoding":"hex","header":"X-Sig"}')).toMatchObject({ header: 'X-Sig', prefix: '', template: '{body}' });
    expect(() => parseCustomScheme('{"algorithm":"md5"}')).toThrow(/--custom-scheme: algorithm/);
    expect(() => parseTarget('ftp://x')).toThrow(/http\(s\) URL/);
    expect(() => parseTarget(undefined)).toThrow('--target URL is required');
    expect([parseTimeoutMs(undefined), parseTimeoutMs('0.5')]).toEqual([10_000, 500]);
    expect(() => parseTimeoutMs('0')).toThrow(FlagError);
  });
});

describe('--set', () => {
  it('reads JSON values when they parse, strings otherwise, and creates objects along the path', () => {
    const data: Record<string, unknown> = { amount: 1, items: [{ id: 'a' }], customer: null };
    for (const flag of ['amount=42', 'items.0.id="007"', 'items.1=true', 'customer.email=a@b.c', 'meta={"k":[1]}', 'zip=007']) {
      const { path, value } = parseSet(flag);
      setPath(data, path, value);
    }
    expect(data).toEqual({ amount: 42, items: [{ id: '007' }, true], customer: { email: 'a@b.c' }, meta: { k: [1] }, zip: '007' });
  });

  it('refuses what it cannot mean: no =, empty segments, prototype keys, a field under a value, a name on an array', () => {
    expect(() => parseSet('novalue')).toThrow('--set must be path=value');
    expect(() => parseSet('a..b=1')).toThrow(/empty segment/);
    expect(() => parseSet('__proto__.polluted=1')).toThrow(/reserved key/);
    expect(() => setPath({ amount: 1 }, ['amount', 'cents'], 5)).toThrow('"amount" is 1, not an object');
    expect(() => setPath({ items: [] }, ['items', 'first'], 5)).toThrow(/is an array; index it with a number/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('buildTrigger', () => {
  it('sends the catalog sample in the provider envelope with its headers, signed over the exact bytes', () => {
    const sent = buildTrigger(input({ secret: 'whsec_test', sets: [parseSet('amount=99')] }));
    const body = JSON.parse(sent.body.toString());
    expect(body).toMatchObject({ id: sent.eventId, object: 'event', type: 'payment_intent.succeeded', data: { object: { object: 'payment_intent', amount: 99 } } });
    expect(header(sent.headers, 'user-agent')).toMatch(/^Stripe\//);
    expect(header(sent.headers, 'idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent).toMatchObject({ signedWith: 'stripe', emptyData: false, url: 'http://localhost:3000/hook' });
    expect(verifyRequest({ headers: sent.headers, body: sent.body, secrets: ['whsec_test'] })).toMatchObject({ valid: true, scheme: 'stripe' });
  });

  it('GitHub-like: event header, delivery id and action; --data replaces the sample; another scheme may sign', () => {
    const sent = buildTrigger(input({ event: 'issues.opened', provider: 'github', data: { issue: { number: 7 } }, secret: 'slack-secret', scheme: 'slack' }));
    expect(JSON.parse(sent.body.toString())).toEqual({ action: 'opened', issue: { number: 7 } });
    expect(header(sent.headers, 'x-github-event')).toBe('issues');
    expect(verifyRequest({ headers: sent.headers, body: sent.body, secrets: ['slack-secret'] })).toMatchObject({ valid: true, scheme: 'slack' });
  });

  it('formats for Slack by URL, goes unsigned without a secret, flags a name no catalog lists', () => {
    const slack = buildTrigger(input({ event: 'push', provider: 'github', target: new URL('https://hooks.slack.com/services/T/B/x') }));
    expect(JSON.parse(slack.body.toString())).toMatchObject({ text: 'GitHub-like: push', blocks: expect.any(Array) });
    expect(slack.signedWith).toBeNull();
    expect(header(slack.headers, 'x-hub-signature-256')).toBeUndefined();
    const own = buildTrigger(input({ event: 'order.shipped', provider: 'standard-webhooks' }));
    expect(own.emptyData).toBe(true);
    expect(header(own.headers, 'webhook-id')).toMatch(/^msg_/);
  });

  it('refuses another provider\'s event, and a custom scheme without its definition', () => {
    expect(() => buildTrigger(input({ event: 'issues.opened' }))).toThrow(/Stripe-like has no event "issues.opened" \(it is GitHub-like's\)/);
    expect(() => buildTrigger(input({ event: 'x', provider: 'custom', secret: 's' }))).toThrow('give --custom-scheme JSON');
    expect(() => buildTrigger(input({ event: 'invoice.paid', provider: 'standard-webhooks', secret: 'whsk_!!' }))).toThrow(/^could not sign with standard-webhooks: /);
  });
});
