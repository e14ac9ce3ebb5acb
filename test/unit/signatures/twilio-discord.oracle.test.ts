import { verifyKey } from 'discord-interactions';
import nacl from 'tweetnacl';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest, withTwilioBodyHash } from '../../../src/main/core/signatures';
import { JSON_BODY, TAMPERED_BODY, bytes, headerOf } from './support';

// twilio-node's validateRequest / validateRequestWithBody are Twilio's own verifiers.
const AUTH_TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const FORM = 'CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212';
const params = Object.fromEntries(new URLSearchParams(FORM));

describe('Twilio against twilio-node', () => {
  it('form body: ours is accepted by validateRequest; getExpectedTwilioSignature is accepted by ours', () => {
    const { headers } = signRequest({ scheme: 'twilio', secret: AUTH_TOKEN, body: bytes(FORM), url: URL_ });
    const ours = headerOf(headers, 'X-Twilio-Signature');
    expect(twilio.validateRequest(AUTH_TOKEN, ours, URL_, params)).toBe(true);
    const theirs = twilio.getExpectedTwilioSignature(AUTH_TOKEN, URL_, params);
    const result = verifyRequest({ headers: [['X-Twilio-Signature', theirs], ['Content-Type', 'application/x-www-form-urlencoded']], body: bytes(FORM), url: URL_, secrets: [AUTH_TOKEN] });
    expect(result).toMatchObject({ valid: true, scheme: 'twilio' });
  });

  it("Twilio's documented example signature verifies", () => {
    // From twilio.com/docs/usage/security: this token, URL and parameters give this signature.
    const result = verifyRequest({
      headers: [['X-Twilio-Signature', '0/KCTR6DLpKmkAf8muzZqo1nDgQ='], ['Content-Type', 'application/x-www-form-urlencoded']],
      body: bytes(FORM),
      url: URL_,
      secrets: [AUTH_TOKEN],
    });
    expect(twilio.validateRequest(AUTH_TOKEN, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL_, params)).toBe(true);
    expect(result.valid).toBe(true);
  });

  it('JSON body: signed URL carries bodySHA256; validateRequestWithBody accepts ours', () => {
    const url = withTwilioBodyHash('https://example.com/hook', bytes(JSON_BODY));
    const { headers } = signRequest({ scheme: 'twilio', secret: AUTH_TOKEN, body: bytes(JSON_BODY), url });
    const sig = headerOf(headers, 'X-Twilio-Signature');
    expect(twilio.validateRequestWithBody(AUTH_TOKEN, sig, url, JSON_BODY)).toBe(true);
    expect(twilio.validateRequestWithBody(AUTH_TOKEN, sig, url, TAMPERED_BODY)).toBe(false);
    const ok = verifyRequest({ headers: [['X-Twilio-Signature', sig], ['Content-Type', 'application/json']], body: bytes(JSON_BODY), url, secrets: [AUTH_TOKEN] });
    expect(ok.valid).toBe(true);
    const bad = verifyRequest({ headers: [['X-Twilio-Signature', sig], ['Content-Type', 'application/json']], body: bytes(TAMPERED_BODY), url, secrets: [AUTH_TOKEN] });
    expect(bad.valid).toBe(false);
  });

  it('wrong token and altered params: rejected by both', () => {
    const { headers } = signRequest({ scheme: 'twilio', secret: AUTH_TOKEN, body: bytes(FORM), url: URL_ });
    const sig = headerOf(headers, 'X-Twilio-Signature');
    expect(twilio.validateRequest('other', sig, URL_, params)).toBe(false);
    expect(verifyRequest({ headers, body: bytes(FORM), url: URL_, secrets: ['other'] }).reason).toBe('mismatch');
    const altered = FORM.replace('Digits=1234', 'Digits=9999');
    expect(twilio.validateRequest(AUTH_TOKEN, sig, URL_, Object.fromEntries(new URLSearchParams(altered)))).toBe(false);
    expect(verifyRequest({ headers, body: bytes(altered), url: URL_, secrets: [AUTH_TOKEN] }).reason).toBe('mismatch');
  });
});

// discord-interactions' verifyKey is Discord's verifier; tweetnacl signs like Discord does.
describe('Discord interactions against discord-interactions and tweetnacl', () => {
  const pair = nacl.sign.keyPair();
  const seedHex = Buffer.from(pair.secretKey.subarray(0, 32)).toString('hex');
  const publicHex = Buffer.from(pair.publicKey).toString('hex');
  const body = '{"type":1,"id":"1234","application_id":"5678"}';

  it('our signature is accepted by verifyKey', async () => {
    const { headers } = signRequest({ scheme: 'discord', secret: seedHex, body: bytes(body) });
    expect(await verifyKey(body, headerOf(headers, 'X-Signature-Ed25519'), headerOf(headers, 'X-Signature-Timestamp'), publicHex)).toBe(true);
  });

  it("tweetnacl's signature is accepted by ours", () => {
    const timestamp = '1732400000';
    const sig = Buffer.from(nacl.sign.detached(bytes(timestamp + body), pair.secretKey)).toString('hex');
    const result = verifyRequest({ headers: [['X-Signature-Ed25519', sig], ['X-Signature-Timestamp', timestamp]], body: bytes(body), secrets: [publicHex] });
    expect(result).toMatchObject({ valid: true, scheme: 'discord' });
  });

  it('tampered body and another key: rejected by both', async () => {
    const { headers } = signRequest({ scheme: 'discord', secret: seedHex, body: bytes(body) });
    const sig = headerOf(headers, 'X-Signature-Ed25519');
    const ts = headerOf(headers, 'X-Signature-Timestamp');
    expect(await verifyKey(body.replace('1234', '9999'), sig, ts, publicHex)).toBe(false);
    expect(verifyRequest({ headers, body: bytes(body.replace('1234', '9999')), secrets: [publicHex] }).valid).toBe(false);
    const other = Buffer.from(nacl.sign.keyPair().publicKey).toString('hex');
    expect(await verifyKey(body, sig, ts, other)).toBe(false);
    expect(verifyRequest({ headers, body: bytes(body), secrets: [other] }).valid).toBe(false);
  });
});
