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
