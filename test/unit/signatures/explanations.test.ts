import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../../src/main/core/signatures';
import { JSON_BODY, bytes, hmacOf, nowSec } from './support';

/** What the verdict says when it fails: it names the provider and the likely fix. */

describe('explanations', () => {
  it('FeedbackPulse event without a signature: the signature header is missing (no secret at the sender?)', () => {
    const result = verifyRequest({ headers: [['X-FeedbackPulse-Event', 'submission.created']], body: bytes(JSON_BODY), secrets: ['s'] });
    expect(result).toMatchObject({ valid: false, scheme: 'feedbackpulse', reason: 'header_missing', received: null });
    expect(result.message).toMatch(/X-FeedbackPulse-Signature is missing/);
    expect(result.hint).toMatch(/only signs when a secret is set/);
  });

  it('Feedspace verified with the secret minus whsec_: says the prefix is missing', () => {
    const secret = 'whsec_test_1234222222232s334weee';
    const timestamp = nowSec();
    const { headers } = signRequest({ scheme: 'feedspace', secret, body: bytes(JSON_BODY), timestamp });
    const result = verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [secret.slice(6)], now: timestamp });
    expect(result).toMatchObject({ valid: false, reason: 'mismatch' });
    expect(result.message).toMatch(/with whsec_ prepended/);
  });

  it('Stripe signed with the secret minus whsec_: says the sender stripped it', () => {
    const secret = 'whsec_abcdef0123456789';
    const timestamp = nowSec();
    const { headers } = signRequest({ scheme: 'stripe', secret: secret.slice(6), body: bytes(JSON_BODY), timestamp });
    const result = verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [secret], now: timestamp });
    expect(result).toMatchObject({ valid: false, reason: 'mismatch' });
    expect(result.message).toMatch(/with whsec_ stripped/);
  });

  it('Userback without its User-Agent: undetected, and the hint says what identifies Userback', () => {
    const result = verifyRequest({ headers: [['Content-Type', 'application/json; charset=utf-8']], body: bytes('{"action":"create","type":"feedback"}'), secrets: [] });
    expect(result).toMatchObject({ scheme: null, reason: 'header_missing' });
    expect(result.hint).toMatch(/User-Agent: Userback-Webhook/);
    const forced = verifyRequest({ scheme: 'userback', headers: [['User-Agent', 'curl/8']], body: bytes('{}'), secrets: [] });
    expect(forced).toMatchObject({ scheme: 'userback', reason: 'unsigned' });
    expect(forced.message).toMatch(/User-Agent: Userback-Webhook/);
  });

  it('FeedBackPro: bare hex, sha256=<hex> and uppercase hex verify (no documented string compare); base64 is explained', () => {
    const secret = 'pro';
    const hex = hmacOf('sha256', secret, JSON_BODY, 'hex');
    for (const value of [hex, `sha256=${hex}`, hex.toUpperCase()]) {
      expect(verifyRequest({ headers: [['X-FeedbackPro-Signature', value]], body: bytes(JSON_BODY), secrets: [secret] })).toMatchObject({ valid: true, reason: 'valid' });
    }
    const bare = verifyRequest({ headers: [['X-FeedbackPro-Signature', hex]], body: bytes(JSON_BODY), secrets: [secret] });
    expect(bare.expected).toBe(hex);
    const b64 = verifyRequest({ headers: [['X-FeedbackPro-Signature', hmacOf('sha256', secret, JSON_BODY, 'base64')]], body: bytes(JSON_BODY), secrets: [secret] });
    expect(b64).toMatchObject({ reason: 'encoding_mismatch' });
    expect(b64.message).toMatch(/MAC is right but base64-encoded/);
  });
});

describe('the reference time of a timestamp check', () => {
  const secret = 'whsec_reference';
  const timestamp = 1_800_000_000;
  const { headers } = signRequest({ scheme: 'stripe', secret, body: bytes(JSON_BODY), timestamp });

  it('at arrival: the age is measured to the arrival time, and the message says so', () => {
    const valid = verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [secret], now: timestamp + 2, at: 'arrival' });
    expect(valid).toMatchObject({ valid: true, ageSec: 2 });
    expect(valid.message).toMatch(/checked against the arrival time/);
    const late = verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [secret], now: timestamp + 600, at: 'arrival' });
    expect(late).toMatchObject({ reason: 'timestamp_outside_tolerance', message: 'Timestamp was 600 s old when the request arrived; tolerance is 300 s' });
  });

  it('now: the age is measured to the current time, and the message says so', () => {
    const late = verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [secret], now: timestamp + 600, at: 'now' });
    expect(late).toMatchObject({ reason: 'timestamp_outside_tolerance', message: 'Timestamp is 600 s old now (checked against the current time, not the arrival); tolerance is 300 s' });
  });
});
