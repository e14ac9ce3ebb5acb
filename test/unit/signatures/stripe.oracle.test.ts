import { Buffer } from 'node:buffer';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../../src/main/core/signatures';
import { JSON_BODY, TAMPERED_BODY, bytes, headerOf, hmacOf, nowSec } from './support';

// Stripe's own signer and verifier are the oracle; the client is never used for network calls.
const stripe = new Stripe('sk_test_oracle');
const SECRET = 'whsec_test_c2VjcmV0LXN0cmlwZQ';
const OTHER = 'whsec_other_secret';

function stripeAccepts(body: string, header: string, secret: string, tolerance?: number): boolean {
  try {
    stripe.webhooks.constructEvent(body, header, secret, tolerance);
    return true;
  } catch {
    return false;
  }
}

describe('Stripe against the stripe library', () => {
  it('our signature is accepted by constructEvent', () => {
    const { headers } = signRequest({ scheme: 'stripe', secret: SECRET, body: bytes(JSON_BODY) });
    expect(stripeAccepts(JSON_BODY, headerOf(headers, 'Stripe-Signature'), SECRET)).toBe(true);
  });

  it("Stripe's generateTestHeaderString is accepted by our verifier", () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: JSON_BODY, secret: SECRET });
    const result = verifyRequest({ headers: [['Stripe-Signature', header]], body: bytes(JSON_BODY), secrets: [SECRET] });
    expect(result).toMatchObject({ valid: true, scheme: 'stripe', reason: 'valid', matched: { secretIndex: 0, signatureIndex: 0 } });
    expect(result.expected).toBe(header.split(',')[1]);
  });

  it('a tampered body is rejected by both', () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: JSON_BODY, secret: SECRET });
    expect(stripeAccepts(TAMPERED_BODY, header, SECRET)).toBe(false);
    const result = verifyRequest({ scheme: 'stripe', headers: [['Stripe-Signature', header]], body: bytes(TAMPERED_BODY), secrets: [SECRET] });
    expect(result.reason).toBe('mismatch');
    expect(result.message).toMatch(/wrong secret or the body was altered/);
  });

  it('a wrong secret is rejected by both', () => {
    const { headers } = signRequest({ scheme: 'stripe', secret: OTHER, body: bytes(JSON_BODY) });
    const header = headerOf(headers, 'Stripe-Signature');
    expect(stripeAccepts(JSON_BODY, header, SECRET)).toBe(false);
    expect(verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [SECRET] }).reason).toBe('mismatch');
  });

  it('a stale timestamp is rejected by both (age only, 300 s)', () => {
    const timestamp = nowSec() - 612;
    const header = stripe.webhooks.generateTestHeaderString({ payload: JSON_BODY, secret: SECRET, timestamp });
    expect(stripeAccepts(JSON_BODY, header, SECRET)).toBe(false);
    const result = verifyRequest({ headers: [['Stripe-Signature', header]], body: bytes(JSON_BODY), secrets: [SECRET], now: timestamp + 612 });
    expect(result).toMatchObject({ valid: false, reason: 'timestamp_outside_tolerance', ageSec: 612, message: 'Timestamp is 612 s old; tolerance is 300 s' });
  });

  it('a future timestamp is accepted by both: Stripe checks age only', () => {
    const timestamp = nowSec() + 1000;
    const { headers } = signRequest({ scheme: 'stripe', secret: SECRET, body: bytes(JSON_BODY), timestamp });
    expect(stripeAccepts(JSON_BODY, headerOf(headers, 'Stripe-Signature'), SECRET)).toBe(true);
    expect(verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [SECRET], now: timestamp - 1000 }).valid).toBe(true);
  });

  it('several v1 signatures (secret roll): both accept, ours reports which one matched', () => {
    const timestamp = nowSec();
    const good = hmacOf('sha256', SECRET, `${timestamp}.${JSON_BODY}`, 'hex');
    const bad = hmacOf('sha256', OTHER, `${timestamp}.${JSON_BODY}`, 'hex');
    const header = `t=${timestamp},v1=${bad},v1=${good}`;
    expect(stripeAccepts(JSON_BODY, header, SECRET)).toBe(true);
    expect(verifyRequest({ headers: [['Stripe-Signature', header]], body: bytes(JSON_BODY), secrets: [SECRET] }).matched).toEqual({ secretIndex: 0, signatureIndex: 1 });
  });

  it('rotation: the second secret matching is reported as secretIndex 1', () => {
    const { headers } = signRequest({ scheme: 'stripe', secret: SECRET, body: bytes(JSON_BODY) });
    const result = verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [OTHER, SECRET] });
    expect(result).toMatchObject({ valid: true, matched: { secretIndex: 1, signatureIndex: 0 } });
    expect(result.message).toContain('secret #2');
  });

  it('a sender that base64-decoded the whsec_ secret is diagnosed as encoding_mismatch', () => {
    const timestamp = nowSec();
    const decoded = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const header = `t=${timestamp},v1=${hmacOf('sha256', decoded, `${timestamp}.${JSON_BODY}`, 'hex')}`;
    expect(stripeAccepts(JSON_BODY, header, SECRET)).toBe(false);
    const result = verifyRequest({ headers: [['Stripe-Signature', header]], body: bytes(JSON_BODY), secrets: [SECRET] });
    expect(result.reason).toBe('encoding_mismatch');
    expect(result.hint).toMatch(/raw UTF-8/);
  });

  it('malformed and missing headers', () => {
    expect(verifyRequest({ scheme: 'stripe', headers: [['Stripe-Signature', 'v1=abc']], body: bytes(JSON_BODY), secrets: [SECRET] }).reason).toBe('malformed_header');
    expect(verifyRequest({ scheme: 'stripe', headers: [['Stripe-Signature', 't=1,v1=zz!']], body: bytes(JSON_BODY), secrets: [SECRET] }).reason).toBe('malformed_header');
    expect(verifyRequest({ scheme: 'stripe', headers: [], body: bytes(JSON_BODY), secrets: [SECRET] }).reason).toBe('header_missing');
  });

  it('no secret, and secrets never leak into the result', () => {
    const { headers } = signRequest({ scheme: 'stripe', secret: SECRET, body: bytes(JSON_BODY) });
    expect(verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [] }).reason).toBe('no_secret');
    const result = verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [OTHER, SECRET] });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(OTHER);
    expect(Buffer.from(result.signedStringBase64!, 'base64').toString()).toMatch(/^\d+\.\{"id"/);
  });
});
