import '@shopify/shopify-api/adapters/web-api';
import { sign as octoSign, verify as octoVerify } from '@octokit/webhooks-methods';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { isValidSlackRequest } from '@slack/bolt';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest, type HeaderList } from '../../../src/main/core/signatures';
import { JSON_BODY, bytes, headerOf, headerRecord, hmacOf, nowSec, whsec } from './support';

/**
 * Every provider library below compares the signature header as text against the string it
 * computes. A header that only matches once decoded (uppercase hex, a differently cased prefix,
 * unpadded or URL-safe base64) is rejected by the provider, so ours must not call it valid either:
 * it is a `lenient_match`, and says what the provider's check trips on.
 */

const stripe = new Stripe('sk_test_oracle');
const shopify = shopifyApi({
  apiKey: 'oracle-key',
  apiSecretKey: 'shpss_strict_0123',
  scopes: [],
  hostName: 'hookbench.test',
  apiVersion: ApiVersion.January25,
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error, log: async () => {} },
});
const FORM = 'CallSid=CA1234567890ABCDE&Digits=1234';
const TWILIO_URL = 'https://mycompany.com/myapp.php?foo=1';
const unpadded = (b64: string) => b64.replace(/=+$/, '');
const urlSafe = (b64: string) => unpadded(b64).replace(/\+/g, '-').replace(/\//g, '_');
const replaceHeader = (headers: HeaderList, name: string, value: string): HeaderList => headers.map(([n, v]) => [n, n.toLowerCase() === name.toLowerCase() ? value : v]);

interface StrictCase {
  name: string;
  /** The request as the scheme signs it, then the one header altered. */
  build(): Promise<{ headers: HeaderList; body: string; secret: string; url?: string }>;
  /** The provider library's verdict on it. */
  oracle(headers: HeaderList, body: string, secret: string, url?: string): Promise<boolean> | boolean;
  says: RegExp;
}

const cases: StrictCase[] = [
  {
    name: 'Stripe, v1 in uppercase hex',
    async build() {
      const secret = 'whsec_strict_stripe';
      const header = stripe.webhooks.generateTestHeaderString({ payload: JSON_BODY, secret });
      return { headers: [['Stripe-Signature', header.replace(/v1=([0-9a-f]+)/, (_, hex: string) => `v1=${hex.toUpperCase()}`)]], body: JSON_BODY, secret };
    },
    oracle(headers, body, secret) {
      try {
        stripe.webhooks.constructEvent(body, headerOf(headers, 'Stripe-Signature'), secret);
        return true;
      } catch {
        return false;
      }
    },
    says: /Stripe's own check would reject it: hex is uppercase/,
  },
  {
    name: 'GitHub, uppercase hex',
    async build() {
      const secret = 'gh_strict';
      const sig = await octoSign(secret, JSON_BODY);
      return { headers: [['X-Hub-Signature-256', `sha256=${sig.slice(7).toUpperCase()}`]], body: JSON_BODY, secret };
    },
    oracle: (headers, body, secret) => octoVerify(secret, body, headerOf(headers, 'X-Hub-Signature-256')),
    says: /hex is uppercase/,
  },
  {
    name: 'GitHub, SHA256= prefix in capitals',
    async build() {
      const secret = 'gh_strict';
      const sig = await octoSign(secret, JSON_BODY);
      return { headers: [['X-Hub-Signature-256', `SHA256=${sig.slice(7)}`]], body: JSON_BODY, secret };
    },
    oracle: (headers, body, secret) => octoVerify(secret, body, headerOf(headers, 'X-Hub-Signature-256')),
    says: /prefix is "SHA256=", not "sha256="/,
  },
  {
    name: 'Slack, uppercase hex',
    async build() {
      const secret = 'slack_strict_secret';
      const { headers } = signRequest({ scheme: 'slack', secret, body: bytes(FORM), timestamp: nowSec() });
      return { headers: replaceHeader(headers, 'X-Slack-Signature', `v0=${headerOf(headers, 'X-Slack-Signature').slice(3).toUpperCase()}`), body: FORM, secret };
    },
    oracle: (headers, body, secret) =>
      isValidSlackRequest({ signingSecret: secret, body, headers: { 'x-slack-signature': headerOf(headers, 'X-Slack-Signature'), 'x-slack-request-timestamp': Number(headerOf(headers, 'X-Slack-Request-Timestamp')) } }),
    says: /hex is uppercase/,
  },
  {
    name: 'Shopify, URL-safe unpadded base64',
    async build() {
      const secret = 'shpss_strict_0123';
      return { headers: [['X-Shopify-Hmac-Sha256', urlSafe(hmacOf('sha256', secret, JSON_BODY, 'base64'))]], body: JSON_BODY, secret };
    },
    async oracle(headers, body) {
      const rawRequest = new Request('https://hookbench.test/webhooks', {
        method: 'POST',
        body,
        headers: {
          'X-Shopify-Hmac-Sha256': headerOf(headers, 'X-Shopify-Hmac-Sha256'),
          'X-Shopify-Topic': 'orders/create',
          'X-Shopify-API-Version': '2025-01',
          'X-Shopify-Shop-Domain': 'oracle.myshopify.com',
          'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
          'X-Shopify-Event-Id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
        },
      });
      return (await shopify.webhooks.validate({ rawBody: body, rawRequest })).valid;
    },
    says: /base64 is URL-safe and unpadded/,
  },
  {
    name: 'Standard Webhooks, unpadded base64',
    async build() {
      const secret = whsec();
      const { headers } = signRequest({ scheme: 'standard-webhooks', secret, body: bytes(JSON_BODY) });
      return { headers: replaceHeader(headers, 'webhook-signature', unpadded(headerOf(headers, 'webhook-signature'))), body: JSON_BODY, secret };
    },
    oracle(headers, body, secret) {
      try {
        new StandardWebhook(secret).verify(body, headerRecord(headers));
        return true;
      } catch {
        return false;
      }
    },
    says: /base64 is unpadded/,
  },
  {
    name: 'Twilio, unpadded base64',
    async build() {
      const secret = 'twilio_token_strict';
      const { headers } = signRequest({ scheme: 'twilio', secret, body: bytes(FORM), url: TWILIO_URL });
      return { headers: [['X-Twilio-Signature', unpadded(headerOf(headers, 'X-Twilio-Signature'))], ['Content-Type', 'application/x-www-form-urlencoded']], body: FORM, secret, url: TWILIO_URL };
    },
    oracle: (headers, body, secret, url) => twilio.validateRequest(secret, headerOf(headers, 'X-Twilio-Signature'), url!, Object.fromEntries(new URLSearchParams(body))),
    says: /base64 is unpadded/,
  },
];

describe('a MAC that matches only when compared leniently is not valid (provider libraries as oracles)', () => {
  it.each(cases)('$name: the library rejects it, ours says lenient_match', async (c) => {
    const { headers, body, secret, url } = await c.build();
    expect(await c.oracle(headers, body, secret, url)).toBe(false);
    const result = verifyRequest({ headers, body: bytes(body), secrets: [secret], url });
    expect(result).toMatchObject({ valid: false, reason: 'lenient_match' });
    expect(result.message).toMatch(/^The MAC matches, but /);
    expect(result.message).toMatch(c.says);
    // The expected header, written exactly, is shown beside the received one.
    expect(result.expected).not.toBe(result.received);
  });
});
