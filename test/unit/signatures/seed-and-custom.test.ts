import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../../src/main/core/signatures';
import { SchemeId } from '../../../src/shared/signatures';
import { JSON_BODY, TAMPERED_BODY, bytes, headerOf, hmacOf, nowSec, whsec } from './support';

/**
 * The seed providers publish no library, so their documented formats (PROVIDERS.md) are computed
 * here independently with node:crypto; the custom scheme likewise. Then properties over random
 * bodies (binary included) and secrets for every scheme.
 */

describe('seed providers against their documented formats', () => {
  const secret = 'fp_secret_0123';

  it('FeedbackPulse: sha256=<hex HMAC-SHA256 of the raw body>', () => {
    const { headers } = signRequest({ scheme: 'feedbackpulse', secret, body: bytes(JSON_BODY) });
    expect(headerOf(headers, 'X-FeedbackPulse-Signature')).toBe(`sha256=${hmacOf('sha256', secret, JSON_BODY, 'hex')}`);
    const theirs = `sha256=${hmacOf('sha256', secret, JSON_BODY, 'hex')}`;
    expect(verifyRequest({ headers: [['X-FeedbackPulse-Signature', theirs]], body: bytes(JSON_BODY), secrets: [secret] })).toMatchObject({ valid: true, scheme: 'feedbackpulse' });
    expect(verifyRequest({ headers: [['X-FeedbackPulse-Signature', theirs]], body: bytes(TAMPERED_BODY), secrets: [secret] }).reason).toBe('mismatch');
    expect(verifyRequest({ headers: [['X-FeedbackPulse-Signature', theirs]], body: bytes(JSON_BODY), secrets: ['nope'] }).reason).toBe('mismatch');
  });

  it('FeedBackPro: HMAC-SHA256 in X-FeedbackPro-Signature', () => {
    const theirs = `sha256=${hmacOf('sha256', secret, JSON_BODY, 'hex')}`;
    const { headers } = signRequest({ scheme: 'feedbackpro', secret, body: bytes(JSON_BODY) });
    expect(headerOf(headers, 'X-FeedbackPro-Signature')).toBe(theirs);
    expect(verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [secret] })).toMatchObject({ valid: true, scheme: 'feedbackpro' });
  });

  it('Feedspace: hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the whole whsec_ string; ±300 s', () => {
    const key = whsec();
    const timestamp = nowSec();
    const theirs = hmacOf('sha256', key, `${timestamp}.${JSON_BODY}`, 'hex');
    const headers: [string, string][] = [['x-feedspace-signature', theirs], ['x-feedspace-timestamp', String(timestamp)]];
    expect(signRequest({ scheme: 'feedspace', secret: key, body: bytes(JSON_BODY), timestamp }).headers).toEqual(headers);
    expect(verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [key], now: timestamp })).toMatchObject({ valid: true, scheme: 'feedspace' });
    expect(verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [key], now: timestamp + 301 })).toMatchObject({ reason: 'timestamp_outside_tolerance', ageSec: 301 });
    expect(verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [key], now: timestamp + 301, toleranceSec: 0 }).valid).toBe(true);
  });

  it('Userback: says plainly that nothing is signed', () => {
    const result = verifyRequest({ headers: [['User-Agent', 'Userback-Webhook'], ['Content-Type', 'application/json; charset=utf-8']], body: bytes('{}'), secrets: ['x'] });
    expect(result).toMatchObject({ valid: false, scheme: 'userback', reason: 'unsigned' });
  });
});

describe('custom scheme', () => {
  const custom = { algorithm: 'sha512', encoding: 'base64', header: 'X-Acme-Sig', prefix: 'v1=', template: '{id}:{timestamp}:{url}:{body}', timestampHeader: 'X-Acme-Ts', idHeader: 'X-Acme-Id' } as const;

  it('signs and verifies the configured template, algorithm, encoding and prefix', () => {
    const timestamp = nowSec();
    const url = 'https://app.test/hook';
    const { headers } = signRequest({ scheme: 'custom', secret: 's3', body: bytes(JSON_BODY), timestamp, id: 'evt_9', url, custom });
    const expected = `v1=${hmacOf('sha512', 's3', `evt_9:${timestamp}:${url}:${JSON_BODY}`, 'base64')}`;
    expect(headerOf(headers, 'X-Acme-Sig')).toBe(expected);
    expect(verifyRequest({ scheme: 'custom', custom, headers, body: bytes(JSON_BODY), url, secrets: ['s3'], now: timestamp }).valid).toBe(true);
    expect(verifyRequest({ scheme: 'custom', custom, headers, body: bytes(TAMPERED_BODY), url, secrets: ['s3'], now: timestamp }).reason).toBe('mismatch');
  });
});

/** A secret each scheme can sign with, and the one to verify with (Ed25519 schemes use a key pair). */
function keysFor(scheme: SchemeId, raw: Uint8Array): { sign: string; verify: string } {
  if (scheme === 'discord') {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return { sign: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('hex'), verify: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex') };
  }
  if (scheme === 'standard-webhooks') {
    const secret = `whsec_${Buffer.from(raw.length ? raw : [1]).toString('base64')}`;
    return { sign: secret, verify: secret };
  }
  // Printable secrets: what people paste.
  const text = Buffer.from(raw).toString('base64url') || 'k';
  return { sign: text, verify: text };
}

describe('properties over random bodies and secrets', () => {
  const signed = SchemeId.options.filter((s) => s !== 'userback' && s !== 'custom');

  it.each(signed)('%s: sign → verify holds, and any flipped body bit is caught', (scheme) => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.uint8Array({ minLength: 1, maxLength: 48 }), fc.nat(), (body, rawSecret, bitSeed) => {
        const { sign, verify } = keysFor(scheme, rawSecret);
        const url = 'https://receiver.test/hook?x=1';
        const timestamp = nowSec();
        // Twilio signs form parameters, not raw bytes: give it a form body it can parse back.
        const payload = scheme === 'twilio' ? bytes(`Body=${Buffer.from(body).toString('hex')}`) : body;
        const headers = signRequest({ scheme, secret: sign, body: payload, url, timestamp }).headers;
        const withType: [string, string][] = scheme === 'twilio' ? [...headers, ['Content-Type', 'application/x-www-form-urlencoded']] : headers;
        const ok = verifyRequest({ scheme, headers: withType, body: payload, url, secrets: [verify], now: timestamp });
        expect(ok.valid).toBe(true);
        const flipped = Uint8Array.from(payload);
        const bit = bitSeed % (flipped.length * 8);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        const bad = verifyRequest({ scheme, headers: withType, body: flipped, url, secrets: [verify], now: timestamp });
        // Twilio signs the decoded parameters: a flip that decodes to the same ones is not a change.
        const same = (a: Uint8Array, b: Uint8Array) => new URLSearchParams(Buffer.from(a).toString('latin1')).toString() === new URLSearchParams(Buffer.from(b).toString('latin1')).toString();
        if (scheme !== 'twilio' || !same(payload, flipped)) expect(bad.valid).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
