import { describe, expect, it } from 'vitest';
import { toCurl } from '../../src/shared/export/curl';
import { CurlParseError, parseCurl, shellWords } from '../../src/shared/export/curl-parse';
import type { RequestDetail } from '../../src/shared/request-schemas';

const detail = (over: Partial<RequestDetail>): RequestDetail => ({
  id: 1,
  endpoint: null,
  method: 'POST',
  path: '/hook',
  query: 'a=1',
  contentType: 'application/json',
  size: 0,
  truncated: false,
  event: null,
  verification: null,
  status: 200,
  clientAddress: null,
  viaTunnel: false,
  receivedAt: '2026-11-24T00:00:00.000Z',
  drift: null,
  headers: [['Content-Type', 'application/json'], ['X-Quote', `it's "q"`]],
  bodyBase64: Buffer.from(`{"msg":"it's $HOME\\n"}`).toString('base64'),
  scheme: null,
  ...over,
});

describe('parseCurl', () => {
  it('reads back what Copy as cURL writes', () => {
    const d = detail({});
    const parsed = parseCurl(toCurl(d, 'http://127.0.0.1:8989'));
    expect(parsed.method).toBe('POST');
    expect(parsed.url).toBe('http://127.0.0.1:8989/hook?a=1');
    expect(parsed.headers).toEqual(d.headers);
    expect(Buffer.from(parsed.body).toString('base64')).toBe(d.bodyBase64);
  });

  it("reads Chrome's bash style: $'…' bodies, continuations, --data-raw, -H", () => {
    const cmd = `curl 'https://api.example.test/v1/x' \\\n  -H 'content-type: application/json' \\\n  --data-raw $'{"a":"line\\nnext","q":"it\\'s"}' \\\n  --compressed`;
    expect(parseCurl(cmd)).toEqual({
      method: 'POST',
      url: 'https://api.example.test/v1/x',
      headers: [['content-type', 'application/json']],
      body: new TextEncoder().encode('{"a":"line\nnext","q":"it\'s"}'),
    });
  });

  it('joins -d values like curl, defaults the form content type, honours -X', () => {
    const parsed = parseCurl(`curl -X PUT -d a=1 -d "b=two words" example.test/form`);
    expect(parsed.method).toBe('PUT');
    expect(parsed.url).toBe('http://example.test/form');
    expect(parsed.headers).toEqual([['Content-Type', 'application/x-www-form-urlencoded']]);
    expect(new TextDecoder().decode(parsed.body)).toBe('a=1&b=two words');
  });

  it('says what is wrong', () => {
    expect(() => parseCurl('wget http://x')).toThrow(CurlParseError);
    expect(() => parseCurl('curl -H "X: y"')).toThrow('no URL');
    expect(() => parseCurl("curl 'http://x")).toThrow('unterminated');
    expect(() => parseCurl('curl -d @body.json http://x')).toThrow('reads a file');
  });

  it('splits words like a shell', () => {
    expect(shellWords(`a 'b c' "d \\"e\\"" f\\ g`)).toEqual(['a', 'b c', 'd "e"', 'f g']);
  });
});
