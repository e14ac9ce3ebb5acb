import { describe, expect, it } from 'vitest';
import { base64ToBytes, hexDump, viewBody } from '../../src/shared/body-view';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('viewBody', () => {
  it('pretty-prints JSON from the exact bytes', () => {
    const view = viewBody(bytes('{"a":1,"b":[true,null]}'), 'application/json');
    expect(view).toEqual({ kind: 'json', pretty: '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}', raw: '{"a":1,"b":[true,null]}' });
  });

  it('recognises JSON without a content type, and vendor +json types', () => {
    expect(viewBody(bytes('[1,2]'), null).kind).toBe('json');
    expect(viewBody(bytes('{"x":1}'), 'application/vnd.api+json').kind).toBe('json');
  });

  it('shows invalid JSON raw with the parse error, never blank', () => {
    const view = viewBody(bytes('{"a":'), 'application/json');
    expect(view.kind).toBe('text');
    expect(view).toMatchObject({ text: '{"a":', jsonError: expect.any(String) });
  });

  it('treats brace-led text without a JSON type as plain text when it does not parse', () => {
    expect(viewBody(bytes('{not json'), 'text/plain')).toEqual({ kind: 'text', text: '{not json', language: 'plaintext' });
  });

  it('picks xml and form bodies as text', () => {
    expect(viewBody(bytes('<a/>'), 'application/xml')).toMatchObject({ kind: 'text', language: 'xml' });
    expect(viewBody(bytes('a=1&b=2'), 'application/x-www-form-urlencoded')).toMatchObject({ kind: 'text', language: 'plaintext' });
  });

  it('shows non-UTF-8 or control-character bodies as hex', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const view = viewBody(all, 'application/octet-stream');
    expect(view.kind).toBe('binary');
    if (view.kind === 'binary') {
      expect(view.shownBytes).toBe(256);
      expect(view.hex.split('\n')).toHaveLength(16);
      expect(view.hex.split('\n')[4]).toBe('00000040  40 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f  @ABCDEFGHIJKLMNO');
    }
    expect(viewBody(bytes('a\u0000b'), 'text/plain').kind).toBe('binary');
  });

  it('says empty for no bytes', () => {
    expect(viewBody(new Uint8Array(), 'application/json')).toEqual({ kind: 'empty' });
  });

  it('decodes base64 to the same bytes', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Array.from(base64ToBytes(Buffer.from(all).toString('base64')))).toEqual(Array.from(all));
    expect(hexDump(Uint8Array.from([0x41]))).toBe('00000000  41' + ' '.repeat(45) + '  A');
  });
});
