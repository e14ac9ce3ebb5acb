import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toCurl } from '../../src/shared/export/curl';
import type { RequestDetail } from '../../src/shared/request-schemas';
import { startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { rest } from '../helpers/rest';

/**
 * "Copy as cURL" proven by running the command: the generated text goes through a real shell and
 * real curl to the receiver, and the second capture must equal the first byte for byte.
 */
describe('copy as cURL', () => {
  const bodies: [string, Buffer, string][] = [
    ['JSON with quotes, $ and newlines', Buffer.from(`{"msg":"it's $HOME \`x\`\\n","n":1}\n`), 'application/json'],
    ['binary with NUL', Buffer.from([0, 1, 2, 39, 255, 10, 0x80]), 'application/octet-stream'],
  ];

  it.each(bodies)('replays %s exactly', async (_name, body, contentType) => {
    const server = await startTestHeadless();
    const api = rest(server);
    const first = await request(`${server.ready.receiverUrl}/copy/me?a=1&b=%20`, {
      method: 'PUT',
      body,
      headers: { 'Content-Type': contentType, 'X-Quote': `it's "quoted"` },
    });
    const original = (await api<RequestDetail>('GET', `/api/v2/requests/${first.headers['x-hookbench-request-id']}`)).body;

    const command = toCurl(original, server.ready.receiverUrl);
    // Async: the receiver runs in this process and must keep answering while curl runs.
    const { stdout: out } = await promisify(execFile)('bash', ['-c', `${command} -s -o /dev/null -D -`], { encoding: 'utf8' });
    const id = /x-hookbench-request-id: (\d+)/i.exec(out)![1];
    const replayed = (await api<RequestDetail>('GET', `/api/v2/requests/${id}`)).body;

    expect(replayed.method).toBe('PUT');
    expect(replayed.path).toBe('/copy/me');
    expect(replayed.query).toBe('a=1&b=%20');
    expect(replayed.bodyBase64).toBe(original.bodyBase64);
    const header = (r: RequestDetail, name: string) => r.headers.find(([n]) => n.toLowerCase() === name)?.[1];
    expect(header(replayed, 'x-quote')).toBe(`it's "quoted"`);
    expect(header(replayed, 'content-type')).toBe(contentType);
  });
});

describe('copy as fetch', () => {
  it('runs as written (Node fetch) and sends the same method, query, headers and bytes', async () => {
    const { toFetch } = await import('../../src/shared/export/fetch-snippet');
    const server = await startTestHeadless();
    const api = rest(server);
    for (const [body, type] of [
      [Buffer.from('{"quote":"it\'s \\"x\\""}'), 'application/json'],
      [Buffer.from([0, 255, 10, 1]), 'application/octet-stream'],
    ] as const) {
      const first = await request(`${server.ready.receiverUrl}/f?x=1`, { method: 'PATCH', body, headers: { 'Content-Type': type, 'X-Two': 'a' } });
      const original = (await api<RequestDetail>('GET', `/api/v2/requests/${first.headers['x-hookbench-request-id']}`)).body;
      const snippet = toFetch(original, server.ready.receiverUrl);
      // The snippet is a statement with top-level await, as pasted into a console.
      const run = new Function(`return (async () => { const res = ${snippet.replace(/;$/, '')}; return res.headers.get('x-hookbench-request-id'); })();`) as () => Promise<string>;
      const id = await run();
      const replayed = (await api<RequestDetail>('GET', `/api/v2/requests/${id}`)).body;
      expect([replayed.method, replayed.path, replayed.query, replayed.bodyBase64]).toEqual(['PATCH', '/f', 'x=1', original.bodyBase64]);
      // fetch sends header names in lower case (the values and the order are ours).
      expect(replayed.headers.map(([n, v]) => [n.toLowerCase(), v])).toContainEqual(['x-two', 'a']);
    }
  });
});
