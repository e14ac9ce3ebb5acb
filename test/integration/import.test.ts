import { describe, expect, it } from 'vitest';
import type { ReplayResult } from '../../src/shared/contract';
import type { Har } from '../../src/shared/export/har';
import type { RequestDetail } from '../../src/shared/request-schemas';
import { startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { rest } from '../helpers/rest';
import { startSink } from '../helpers/sink';

describe('import', () => {
  it('round-trips a HAR export: same method, path, query, headers and exact bytes', async () => {
    const source = await startTestHeadless();
    const binary = Buffer.from([0, 255, 1, 254]);
    await request(`${source.ready.receiverUrl}/a/b?x=1`, { method: 'PUT', body: binary, headers: { 'Content-Type': 'application/octet-stream', 'X-Order': '1' } });
    await request(`${source.ready.receiverUrl}/json`, { method: 'POST', body: '{"type":"invoice.paid"}', headers: { 'Content-Type': 'application/json' } });
    const har = (await rest(source)<Har>('POST', '/api/v2/requests/export', { format: 'har', filter: {} })).body;

    const target = await startTestHeadless();
    const api = rest(target);
    const imported = await api<{ ids: number[] }>('POST', '/api/v2/requests/import', { har });
    expect(imported.status).toBe(200);
    expect(imported.body.ids).toHaveLength(2);
    const [a, b] = await Promise.all(imported.body.ids.map(async (id) => (await api<RequestDetail>('GET', `/api/v2/requests/${id}`)).body));
    expect(a).toMatchObject({ method: 'PUT', path: '/a/b', query: 'x=1', clientAddress: 'import', status: 200 });
    expect(Buffer.from(a!.bodyBase64, 'base64')).toEqual(binary);
    expect(a!.headers.map(([n]) => n)).toEqual(har.log.entries[0]!.request.headers.map((h) => h.name));
    expect(b).toMatchObject({ path: '/json', event: 'invoice.paid' });
  });

  it('imports a cURL command as a request that replays', async () => {
    const sink = await startSink((_r, res) => res.end('got it'));
    const server = await startTestHeadless();
    const api = rest(server);
    const curl = `curl -X POST '${sink.url}/orders?src=curl' -H 'Content-Type: application/json' -H 'X-Shopify-Topic: orders/create' --data-raw '{"id":42}'`;
    const { body } = await api<{ ids: number[] }>('POST', '/api/v2/requests/import', { curl });
    const stored = (await api<RequestDetail>('GET', `/api/v2/requests/${body.ids[0]}`)).body;
    expect(stored).toMatchObject({ method: 'POST', path: '/orders', query: 'src=curl', event: 'orders/create', status: 0 });
    const replay = await api<ReplayResult>('POST', `/api/v2/requests/${body.ids[0]}/replay`, { url: `${sink.url}/orders?src=curl` });
    expect(replay.body.status).toBe(200);
    const [got] = await sink.waitFor(1);
    expect(got!.body.toString()).toBe('{"id":42}');
    expect(got!.rawHeaders).toContainEqual(['X-Shopify-Topic', 'orders/create']);

    const bad = await api<{ error: { message: string } }>('POST', '/api/v2/requests/import', { curl: 'wget http://x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('not a curl command');
  });

  it('announces each import like a capture and keeps the original host for the UI', async () => {
    const server = await startTestHeadless();
    const pushed: { id: number; status: number }[] = [];
    const off = server.core.api.push.subscribe((event) => {
      if (event.event === 'request.captured') pushed.push({ id: event.payload.id, status: event.payload.status });
    });
    try {
      const api = rest(server);
      const curl = `curl -X POST 'https://api.example.com/hooks/orders?x=1' -H 'Content-Type: application/json' -d '{"id":1}'`;
      const { body } = await api<{ ids: number[] }>('POST', '/api/v2/requests/import', { curl });
      // Pushed like a capture, so every open window lists it without a reload; no response recorded: status 0.
      expect(pushed).toEqual([{ id: body.ids[0], status: 0 }]);
      const stored = (await api<RequestDetail>('GET', `/api/v2/requests/${body.ids[0]}`)).body;
      // curl would have sent Host: the import adds it, so the original URL can be shown and replayed to.
      expect(stored.headers[0]).toEqual(['Host', 'api.example.com']);
      expect(stored).toMatchObject({ path: '/hooks/orders', query: 'x=1', clientAddress: 'import' });

      const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [harEntry('http://localhost:3000/a', 201), harEntry('https://b.example/b', 0)] } };
      const second = await api<{ ids: number[] }>('POST', '/api/v2/requests/import', { har });
      expect(second.status).toBe(200);
      expect(pushed.slice(1).map((p) => p.status).sort()).toEqual([0, 201]);
      const a = (await api<RequestDetail>('GET', `/api/v2/requests/${second.body.ids[0]}`)).body;
      expect(a.headers.find(([n]) => n === 'Host')).toEqual(['Host', 'localhost:3000']);
    } finally {
      off();
    }
  });
});

function harEntry(url: string, status: number) {
  return {
    startedDateTime: new Date().toISOString(),
    time: 1,
    request: { method: 'POST', url, httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: 'application/json' }], queryString: [], cookies: [], headersSize: -1, bodySize: 2, postData: { mimeType: 'application/json', text: '{}' } },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}
