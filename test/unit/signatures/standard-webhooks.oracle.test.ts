import { Buffer } from 'node:buffer';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../../src/main/core/signatures';
import { generateKeyPairSync, verify as edVerify, sign as edSign } from 'node:crypto';
import { JSON_BODY, TAMPERED_BODY, bytes, headerOf, headerRecord, hmacOf, nowSec, whsec } from './support';

// The Standard Webhooks reference library and Svix's SDK are the oracles.

const accepts = (lib: { verify(payload: string, headers: Record<string, string>): unknown }, body: string, headers: [string, string][]) => {
  try {
    lib.verify(body, headerRecord(headers));
    return true;
  } catch {
    return false;
  }
};

describe('Standard Webhooks against standardwebhooks and svix', () => {
  const secret = whsec();

  it('our webhook-* headers are accepted by standardwebhooks; svix-* by svix', () => {
    const std = signRequest({ scheme: 'standard-webhooks', secret, body: bytes(JSON_BODY), id: 'msg_1' });
    expect(accepts(new StandardWebhook(secret), JSON_BODY, std.headers)).toBe(true);
    const svix = signRequest({ scheme: 'standard-webhooks', secret, body: bytes(JSON_BODY), id: 'msg_2', brand: 'svix' });
    expect(svix.headers.map(([n]) => n)).toEqual(['svix-id', 'svix-timestamp', 'svix-signature']);
    expect(accepts(new SvixWebhook(secret), JSON_BODY, svix.headers)).toBe(true);
  });

  it('the libraries\' signatures are accepted by ours (both header brands)', () => {
    const at = new Date();
    const ts = String(Math.floor(at.getTime() / 1000));
    const stdSig = new StandardWebhook(secret).sign('msg_a', at, JSON_BODY);
    const std = verifyRequest({ headers: [['webhook-id', 'msg_a'], ['webhook-timestamp', ts], ['webhook-signature', stdSig]], body: bytes(JSON_BODY), secrets: [secret] });
    expect(std).toMatchObject({ valid: true, scheme: 'standard-webhooks' });
    const svixSig = new SvixWebhook(secret).sign('msg_b', at, JSON_BODY);
    const svix = verifyRequest({ headers: [['svix-id', 'msg_b'], ['svix-timestamp', ts], ['svix-signature', svixSig]], body: bytes(JSON_BODY), secrets: [secret] });
    expect(svix).toMatchObject({ valid: true, scheme: 'standard-webhooks' });
  });

  it('tampered body, wrong secret: rejected by both', () => {
    const { headers } = signRequest({ scheme: 'standard-webhooks', secret, body: bytes(JSON_BODY) });
    expect(accepts(new StandardWebhook(secret), TAMPERED_BODY, headers)).toBe(false);
    expect(verifyRequest({ headers, body: bytes(TAMPERED_BODY), secrets: [secret] }).reason).toBe('mismatch');
    const other = whsec();
    expect(accepts(new StandardWebhook(other), JSON_BODY, headers)).toBe(false);
    expect(verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [other] }).reason).toBe('mismatch');
  });

  it('stale and future timestamps: rejected by both (both directions, 300 s)', () => {
    for (const offset of [-400, 400]) {
      const timestamp = nowSec() + offset;
      const { headers } = signRequest({ scheme: 'standard-webhooks', secret, body: bytes(JSON_BODY), timestamp });
      expect(accepts(new StandardWebhook(secret), JSON_BODY, headers)).toBe(false);
      const result = verifyRequest({ headers, body: bytes(JSON_BODY), secrets: [secret], now: timestamp - offset });
      expect(result).toMatchObject({ reason: 'timestamp_outside_tolerance', ageSec: -offset });
    }
  });

  it('a secret used raw instead of base64-decoded is diagnosed', () => {
    const timestamp = nowSec();
    // A sender that keyed the HMAC with the whole whsec_ string (the Stripe way).
    const sig = hmacOf('sha256', Buffer.from(secret, 'utf8'), `msg_x.${timestamp}.${JSON_BODY}`, 'base64');
    const result = verifyRequest({ headers: [['webhook-id', 'msg_x'], ['webhook-timestamp', String(timestamp)], ['webhook-signature', `v1,${sig}`]], body: bytes(JSON_BODY), secrets: [secret], now: timestamp });
    expect(result.reason).toBe('encoding_mismatch');
  });
});

describe('Standard Webhooks v1a (Ed25519) against node:crypto', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const whsk = `whsk_${Buffer.from(seed).toString('base64')}`;
  const whpk = `whpk_${Buffer.from(pub).toString('base64')}`;

  it('our v1a signature verifies with node:crypto, and node:crypto\'s with ours', () => {
    const timestamp = nowSec();
    const { headers } = signRequest({ scheme: 'standard-webhooks', secret: whsk, body: bytes(JSON_BODY), id: 'msg_ed', timestamp });
    const signature = headerOf(headers, 'webhook-signature');
    expect(signature.startsWith('v1a,')).toBe(true);
    const signed = Buffer.from(`msg_ed.${timestamp}.${JSON_BODY}`);
    expect(edVerify(null, signed, publicKey, Buffer.from(signature.slice(4), 'base64'))).toBe(true);

    const theirs = `v1a,${edSign(null, signed, privateKey).toString('base64')}`;
    const result = verifyRequest({ headers: [['webhook-id', 'msg_ed'], ['webhook-timestamp', String(timestamp)], ['webhook-signature', theirs]], body: bytes(JSON_BODY), secrets: [whpk], now: timestamp });
    expect(result).toMatchObject({ valid: true, scheme: 'standard-webhooks' });
    const tampered = verifyRequest({ headers: [['webhook-id', 'msg_ed'], ['webhook-timestamp', String(timestamp)], ['webhook-signature', theirs]], body: bytes(TAMPERED_BODY), secrets: [whpk], now: timestamp });
    expect(tampered.valid).toBe(false);
  });
});
