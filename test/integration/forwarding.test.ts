import { describe, expect, it } from 'vitest';
import type { ReplayResult } from '../../src/shared/contract';
import type { Page, RequestSummary } from '../../src/shared/request-schemas';
import type { SendRecord } from '../../src/shared/send-schemas';
import { startTestHeadless } from '../helpers/core';
import { rawExchange, request } from '../helpers/http';
import { rest } from '../helpers/rest';
import { closedPort, startSink } from '../helpers/sink';

/** Forwarding, proxy mode and replay against real local servers. */

async function sendsOf(api: ReturnType<typeof rest>, id: number, n = 1): Promise<SendRecord[]> {
  for (let i = 0; i < 100; i++) {
    const { body } = await api<Page<SendRecord>>('GET', `/api/v2/requests/${id}/sends`);
    if (body.items.length >= n) return body.items;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`request ${id} has fewer than ${n} sends`);
}

describe('forwarding', () => {
  it('forwards method, path suffix, query, headers (order and case) and exact bytes; Host rewritten, hop-by-hop dropped', async () => {
    const sink = await startSink((_r, res) => {
      res.writeHead(201, { 'X-App': 'yes' });
      res.end('created');
    });
    const server = await startTestHeadless();
    const api = rest(server);
    await api('PUT', '/api/v2/endpoints/app', { forwardUrl: `${sink.url}/webhooks` });
    const body = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const receiverPort = new URL(server.ready.receiverUrl).port;
    // Raw bytes so the exact header list (order, case, hop-by-hop) is under the test's control.
    const head = [
      'PATCH /app/events/1?x=1&y=%20 HTTP/1.1',
      `Host: 127.0.0.1:${receiverPort}`,
      'X-Second: b',
      'x-first: a',
      'Connection: close, X-Hop',
      'X-Hop: dropped',
      'Keep-Alive: timeout=5',
      'Content-Type: application/octet-stream',
      `Content-Length: ${body.length}`,
    ].join('\r\n');
    const answer = await rawExchange(Number(receiverPort), Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]), 500);
    expect(answer).toMatch(/^HTTP\/1.1 200/);

    const [got] = await sink.waitFor(1);
    expect(got!.method).toBe('PATCH');
    expect(got!.url).toBe('/webhooks/events/1?x=1&y=%20');
    expect(got!.body).toEqual(body);
    expect(got!.rawHeaders).toEqual([
      ['Host', new URL(sink.url).host],
      ['X-Second', 'b'],
      ['x-first', 'a'],
      ['Content-Type', 'application/octet-stream'],
      ['Content-Length', '256'],
      // This hop's own connection header (one connection per forward), not the provider's.
      ['Connection', 'close'],
    ]);

    const id = Number(/x-hookbench-request-id: (\d+)/i.exec(answer)![1]);
    const [send] = await sendsOf(api, id);
    expect(send).toMatchObject({ kind: 'forward', method: 'PATCH', url: `${sink.url}/webhooks/events/1?x=1&y=%20`, error: null });
    expect(send!.response).toMatchObject({ status: 201, truncated: false });
    expect(Buffer.from(send!.response!.bodyBase64, 'base64').toString()).toBe('created');
    expect(send!.response!.headers).toContainEqual(['X-App', 'yes']);
    expect(Buffer.from(send!.request.bodyBase64, 'base64')).toEqual(body);
  });

  it('proxy mode answers with the forward response and records it as the status answered', async () => {
    const sink = await startSink((_r, res) => {
      res.writeHead(418, { 'X-From-App': 'teapot', 'Content-Type': 'text/plain' });
      res.end('short and stout');
    });
    const server = await startTestHeadless();
    const api = rest(server);
    await api('PUT', '/api/v2/endpoints/px', { forwardUrl: sink.url, proxy: true });
    const res = await request(`${server.ready.receiverUrl}/px/hook`, { method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(418);
    expect(res.headers['x-from-app']).toBe('teapot');
    expect(res.body.toString()).toBe('short and stout');
    expect((await sink.waitFor(1))[0]!.url).toBe('/hook');
    const list = await api<Page<RequestSummary>>('GET', '/api/v2/requests');
    expect(list.body.items[0]).toMatchObject({ path: '/px/hook', status: 418 });
  });

  it('a down target is recorded as an error; the capture is kept (and proxy mode answers 502)', async () => {
    const port = await closedPort();
    const server = await startTestHeadless();
    const api = rest(server);
    await api('PUT', '/api/v2/endpoints/down', { forwardUrl: `http://127.0.0.1:${port}/x` });
    const res = await request(`${server.ready.receiverUrl}/down`, { method: 'POST', body: '{"keep":"me"}' });
    expect(res.status).toBe(200);
    const id = Number(res.headers['x-hookbench-request-id']);
    const [send] = await sendsOf(api, id);
    expect(send).toMatchObject({ kind: 'forward', response: null, error: { kind: 'refused' } });
    expect(send!.error!.message).toContain('connection refused');

    await api('PUT', '/api/v2/endpoints/down', { proxy: true });
    const proxied = await request(`${server.ready.receiverUrl}/down`, { method: 'POST', body: '{"keep":"me too"}' });
    expect(proxied.status).toBe(502);
    expect(JSON.parse(proxied.body.toString()).error).toContain('connection refused');
    const list = await api<Page<RequestSummary>>('GET', '/api/v2/requests');
    expect(list.body.items.map((r) => r.status)).toEqual([502, 200]);
  });
});

describe('replay', () => {
  it('replays as captured to the forward target, and edited to any URL; both stored with the original', async () => {
    const sink = await startSink((r, res) => res.end(`echo ${r.body.length}`));
    const other = await startSink((_r, res) => {
      res.writeHead(202);
      res.end('accepted');
    });
    const server = await startTestHeadless();
    const api = rest(server);
    await api('PUT', '/api/v2/endpoints/rp', { forwardUrl: `${sink.url}/in` });
    const res = await request(`${server.ready.receiverUrl}/rp/a?q=1`, {
      method: 'POST',
      body: '{"amount":100}',
      headers: { 'Content-Type': 'application/json', 'X-Sig': 'abc' },
    });
    const id = Number(res.headers['x-hookbench-request-id']);
    await sendsOf(api, id, 1); // the automatic forward

    const again = await api<ReplayResult>('POST', `/api/v2/requests/${id}/replay`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 200, error: null });
    expect(Buffer.from(again.body.bodyBase64, 'base64').toString()).toBe('echo 14');
    expect(sink.received[1]).toMatchObject({ method: 'POST', url: '/in/a?q=1' });
    expect(sink.received[1]!.body.toString()).toBe('{"amount":100}');

    const edited = await api<ReplayResult>('POST', `/api/v2/requests/${id}/replay`, {
      url: `${other.url}/elsewhere`,
      method: 'put',
      headers: [['Content-Type', 'application/json'], ['X-Sig', 'edited'], ['Content-Length', '1']],
      body: '{"amount":250}',
    });
    expect(edited.body).toMatchObject({ status: 202 });
    const [got] = await other.waitFor(1);
    expect(got).toMatchObject({ method: 'PUT', url: '/elsewhere' });
    expect(got!.body.toString()).toBe('{"amount":250}');
    // Content-Length follows the edited body, Host the new target.
    expect(got!.rawHeaders).toEqual([
      ['Host', new URL(other.url).host],
      ['Content-Type', 'application/json'],
      ['X-Sig', 'edited'],
      ['Content-Length', '14'],
      ['Connection', 'close'],
    ]);

    const sends = await sendsOf(api, id, 3);
    expect(sends.map((s) => [s.kind, s.response?.status])).toEqual([
      ['replay', 202],
      ['replay', 200],
      ['forward', 200],
    ]);
  });

  it('explains what is missing', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    const res = await request(`${server.ready.receiverUrl}/plain`, { method: 'POST', body: '{}' });
    const id = Number(res.headers['x-hookbench-request-id']);
    const noTarget = await api<{ error: { message: string } }>('POST', `/api/v2/requests/${id}/replay`, {});
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.error.message).toContain('no forward target');
    expect((await api('POST', `/api/v2/requests/${id}/replay`, { url: 'ftp://x/y' })).status).toBe(400);
    expect((await api('POST', '/api/v2/requests/99999/replay', { url: 'http://127.0.0.1:1/' })).status).toBe(404);
    const port = await closedPort();
    const down = await api<ReplayResult>('POST', `/api/v2/requests/${id}/replay`, { url: `http://127.0.0.1:${port}/` });
    expect(down.body).toMatchObject({ status: null, error: { kind: 'refused' } });
  });
});
