import { sign as octoSign, verify as octoVerify } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../../../src/main/core/signatures';
import { JSON_BODY, TAMPERED_BODY, bytes, headerOf, hmacOf } from './support';

// @octokit/webhooks-methods is what GitHub's own Octokit uses to sign and verify webhooks.
const SECRET = 'It\'s a Secret to Everybody';

describe('GitHub against @octokit/webhooks-methods', () => {
  it('our X-Hub-Signature-256 is accepted by octokit', async () => {
    const { headers } = signRequest({ scheme: 'github', secret: SECRET, body: bytes(JSON_BODY) });
    expect(await octoVerify(SECRET, JSON_BODY, headerOf(headers, 'X-Hub-Signature-256'))).toBe(true);
  });

  it("octokit's signature is accepted by ours", async () => {
    const signature = await octoSign(SECRET, JSON_BODY);
    const result = verifyRequest({ headers: [['X-Hub-Signature-256', signature]], body: bytes(JSON_BODY), secrets: [SECRET] });
    expect(result).toMatchObject({ valid: true, scheme: 'github', reason: 'valid', expected: signature });
  });

  it('the example from GitHub\'s docs verifies', () => {
    // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
    const result = verifyRequest({
      headers: [['X-Hub-Signature-256', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17']],
      body: bytes('Hello, World!'),
      secrets: [SECRET],
    });
    expect(result.valid).toBe(true);
  });

  it('tampered body and wrong secret are rejected by both', async () => {
    const signature = await octoSign(SECRET, JSON_BODY);
    expect(await octoVerify(SECRET, TAMPERED_BODY, signature)).toBe(false);
    expect(verifyRequest({ headers: [['X-Hub-Signature-256', signature]], body: bytes(TAMPERED_BODY), secrets: [SECRET] }).reason).toBe('mismatch');
    expect(await octoVerify('wrong', JSON_BODY, signature)).toBe(false);
    expect(verifyRequest({ headers: [['X-Hub-Signature-256', signature]], body: bytes(JSON_BODY), secrets: ['wrong'] }).reason).toBe('mismatch');
  });

  it('legacy sha1 alone is checked (with a hint); a bad sha256 is not rescued by a good sha1', () => {
    const sha1 = `sha1=${hmacOf('sha1', SECRET, JSON_BODY, 'hex')}`;
    const legacy = verifyRequest({ headers: [['X-Hub-Signature', sha1]], body: bytes(JSON_BODY), secrets: [SECRET] });
    expect(legacy).toMatchObject({ valid: true, scheme: 'github' });
    expect(legacy.hint).toContain('X-Hub-Signature-256');
    const both = verifyRequest({ headers: [['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`], ['X-Hub-Signature', sha1]], body: bytes(JSON_BODY), secrets: [SECRET] });
    expect(both.valid).toBe(false);
  });
});
