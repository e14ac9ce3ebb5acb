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
    expect(viewBody(bytes('a=1&b=2'), 'application/x-www-form-urlencoded')).toMatchObject({ kind: 'form' });
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

describe('richer body views', () => {
  it('lists form fields in order, decoded', () => {
    expect(viewBody(bytes('a=1&b=two+words&a=%C3%A9'), 'application/x-www-form-urlencoded')).toEqual({
      kind: 'form',
      pairs: [['a', '1'], ['b', 'two words'], ['a', 'é']],
      raw: 'a=1&b=two+words&a=%C3%A9',
    });
  });

  it('splits multipart parts on the raw bytes, binary files included', () => {
    const file = Uint8Array.from([0, 255, 13, 10, 45, 45, 1]);
    const enc = new TextEncoder();
    const body = new Uint8Array([
      ...enc.encode('--XyZ\r\nContent-Disposition: form-data; name="payload"\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n'),
      ...enc.encode('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      ...file,
      ...enc.encode('\r\n--XyZ--\r\n'),
    ]);
    const view = viewBody(body, 'multipart/form-data; boundary=XyZ');
    expect(view.kind).toBe('multipart');
    if (view.kind !== 'multipart') return;
    expect(view.parts.map((p) => [p.name, p.filename, p.contentType, p.size])).toEqual([
      ['payload', null, 'application/json', 7],
      ['file', 'a.bin', 'application/octet-stream', file.length],
    ]);
    expect(view.parts[0]!.view).toMatchObject({ kind: 'json', pretty: '{\n  "a": 1\n}' });
    expect(view.parts[1]!.view.kind).toBe('binary');
  });

  it('falls back to text when a multipart body is malformed', () => {
    expect(viewBody(bytes('no boundaries here'), 'multipart/form-data; boundary=abc')).toMatchObject({ kind: 'text' });
  });

  it('indents one-line XML for reading and keeps the exact text', () => {
    const xml = '<?xml version="1.0"?><root><a x="1">hi</a><b><c/></b></root>';
    const view = viewBody(bytes(xml), 'text/xml');
    expect(view).toMatchObject({ kind: 'text', language: 'xml', text: xml });
    if (view.kind === 'text') expect(view.pretty).toBe('<?xml version="1.0"?>\n<root>\n  <a x="1">hi</a>\n  <b>\n    <c/>\n  </b>\n</root>');
  });
});

describe('header text', () => {
  it('round-trips headers as Name: value lines, order and case kept', async () => {
    const { headersToText, textToHeaders } = await import('../../src/shared/header-text');
    const pairs: [string, string][] = [['X-B', 'two: colons'], ['x-a', ''], ['X-B', 'again']];
    expect(textToHeaders(headersToText(pairs))).toEqual(pairs);
    expect(textToHeaders('A: 1\r\n\n  \nB:2')).toEqual([['A', '1'], ['B', '2']]);
    expect(() => textToHeaders('no colon here')).toThrow('not a header line: "no colon here"');
  });
});
