import '@shopify/shopify-api/adapters/web-api';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { getHmac } from '@shopify/shopify-api/test-helpers';
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../../src/main/core/signatures';
import { JSON_BODY, TAMPERED_BODY, bytes, headerOf, hmacOf, nowSec } from './support';

// Shopify's own API library validates webhooks (web-api adapter: a standard Request object).
const SHOPIFY_SECRET = 'shpss_0123456789abcdef';
const shopify = shopifyApi({
  apiKey: 'oracle-key',
  apiSecretKey: SHOPIFY_SECRET,
  scopes: [],
  hostName: 'hookbench.test',
  apiVersion: ApiVersion.January25,
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error, log: async () => {} },
});

async function shopifyAccepts(body: string, hmac: string): Promise<boolean> {
  const rawRequest = new Request('https://hookbench.test/webhooks', {
    method: 'POST',
    body,
    headers: {
      'X-Shopify-Hmac-Sha256': hmac,
      'X-Shopify-Topic': 'orders/create',
      'X-Shopify-API-Version': '2025-01',
      'X-Shopify-Shop-Domain': 'oracle.myshopify.com',
      'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      'X-Shopify-Event-Id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
    },
  });
  const result = await shopify.webhooks.validate({ rawBody: body, rawRequest });
  return result.valid;
}

describe('Shopify against @shopify/shopify-api', () => {
  it('our header is accepted by webhooks.validate', async () => {
    const { headers } = signRequest({ scheme: 'shopify', secret: SHOPIFY_SECRET, body: bytes(JSON_BODY) });
    expect(await shopifyAccepts(JSON_BODY, headerOf(headers, 'X-Shopify-Hmac-Sha256'))).toBe(true);
  });

  it("Shopify's test-helper signature is accepted by ours", () => {
    const hmac = getHmac(JSON_BODY, SHOPIFY_SECRET);
    const result = verifyRequest({ headers: [['X-Shopify-Hmac-Sha256', hmac]], body: bytes(JSON_BODY), secrets: [SHOPIFY_SECRET] });
    expect(result).toMatchObject({ valid: true, scheme: 'shopify', expected: hmac });
  });

  it('tampered body and wrong secret: rejected by both', async () => {
    const hmac = getHmac(JSON_BODY, SHOPIFY_SECRET);
    expect(await shopifyAccepts(TAMPERED_BODY, hmac)).toBe(false);
    expect(verifyRequest({ headers: [['X-Shopify-Hmac-Sha256', hmac]], body: bytes(TAMPERED_BODY), secrets: [SHOPIFY_SECRET] }).reason).toBe('mismatch');
    const wrong = getHmac(JSON_BODY, 'other-secret');
    expect(await shopifyAccepts(JSON_BODY, wrong)).toBe(false);
    expect(verifyRequest({ headers: [['X-Shopify-Hmac-Sha256', wrong]], body: bytes(JSON_BODY), secrets: [SHOPIFY_SECRET] }).reason).toBe('mismatch');
  });

  it('a hex signature where base64 is expected is diagnosed as an encoding mismatch', () => {
    const hex = hmacOf('sha256', SHOPIFY_SECRET, JSON_BODY, 'hex');
    expect(verifyRequest({ headers: [['X-Shopify-Hmac-Sha256', hex]], body: bytes(JSON_BODY), secrets: [SHOPIFY_SECRET] }).reason).toBe('encoding_mismatch');
  });
});

// Bolt's isValidSlackRequest is Slack's own verifier.
const SLACK_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

function slackAccepts(body: string, signature: string, timestamp: number, now = Date.now()): boolean {
  return isValidSlackRequest({ signingSecret: SLACK_SECRET, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: now });
}

describe('Slack against @slack/bolt', () => {
  const form = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070';

  it('our signature is accepted by Bolt', () => {
    const timestamp = nowSec();
    const { headers } = signRequest({ scheme: 'slack', secret: SLACK_SECRET, body: bytes(form), timestamp });
    expect(slackAccepts(form, headerOf(headers, 'X-Slack-Signature'), timestamp)).toBe(true);
  });

  it('a signature Bolt accepts is accepted by ours (computed as Slack documents)', () => {
    const timestamp = nowSec();
    const signature = `v0=${hmacOf('sha256', SLACK_SECRET, `v0:${timestamp}:${form}`, 'hex')}`;
    expect(slackAccepts(form, signature, timestamp)).toBe(true);
    const result = verifyRequest({ headers: [['X-Slack-Signature', signature], ['X-Slack-Request-Timestamp', String(timestamp)]], body: bytes(form), secrets: [SLACK_SECRET], now: timestamp });
    expect(result).toMatchObject({ valid: true, scheme: 'slack' });
  });

  it('tampered body, wrong secret and a stale timestamp: rejected by both', () => {
    const timestamp = nowSec();
    const { headers } = signRequest({ scheme: 'slack', secret: SLACK_SECRET, body: bytes(form), timestamp });
    const sig = headerOf(headers, 'X-Slack-Signature');
    expect(slackAccepts(`${form}&x=1`, sig, timestamp)).toBe(false);
    expect(verifyRequest({ headers, body: bytes(`${form}&x=1`), secrets: [SLACK_SECRET], now: timestamp }).reason).toBe('mismatch');
    expect(verifyRequest({ headers, body: bytes(form), secrets: ['not-it'], now: timestamp }).reason).toBe('mismatch');
    const old = timestamp - 600;
    const stale = signRequest({ scheme: 'slack', secret: SLACK_SECRET, body: bytes(form), timestamp: old });
    expect(slackAccepts(form, headerOf(stale.headers, 'X-Slack-Signature'), old, timestamp * 1000)).toBe(false);
    expect(verifyRequest({ headers: stale.headers, body: bytes(form), secrets: [SLACK_SECRET], now: timestamp })).toMatchObject({ reason: 'timestamp_outside_tolerance', ageSec: 600 });
  });
});
