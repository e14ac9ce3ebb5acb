import { describe, expect, it } from 'vitest';
import type { JsonExport, RetentionState } from '../../src/shared/contract';
import type { Endpoint } from '../../src/shared/endpoint-schemas';
import { Har, harEntryBody } from '../../src/shared/export/har';
import type { Page, RequestDetail, RequestSummary } from '../../src/shared/request-schemas';
import { forget, startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { rest } from '../helpers/rest';
import { tempDir } from '../helpers/temp-dir';

/** Endpoints, deletion, retention and export over real sockets and a real SQLite file. */

async function post(receiverUrl: string, path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return request(receiverUrl + path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe('endpoints', () => {
  it('routes by slug, answers with the configured response, and survives a restart', async () => {
    const dataDir = tempDir();
    const server = await startTestHeadless({ dataDir });
    const api = rest(server);
    const put = await api<Endpoint>('PUT', '/api/v2/endpoints/stripe', {
      name: 'Stripe test',
      response: { status: 202, headers: [['X-Reply', 'yes'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']], body: 'accepted' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ slug: 'stripe', name: 'Stripe test', response: { status: 202, body: 'accepted', delayMs: 0 } });

    const hit = await post(server.ready.receiverUrl, '/stripe/webhooks?x=1', '{"type":"charge.succeeded"}');
    expect(hit.status).toBe(202);
    expect(hit.body.toString()).toBe('accepted');
    expect(hit.headers['x-reply']).toBe('yes');
    expect(hit.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    const unknown = await post(server.ready.receiverUrl, '/nobody/here', '{}');
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body.toString())).toEqual({ ok: true });

    const list = await api<Page<RequestSummary>>('GET', '/api/v2/requests?endpoint=stripe');
    expect(list.body.items.map((r) => [r.endpoint, r.path, r.status])).toEqual([['stripe', '/stripe/webhooks', 202]]);
    const inbox = await api<Page<RequestSummary>>('GET', '/api/v2/requests?endpoint=');
    expect(inbox.body.items.map((r) => r.path)).toEqual(['/nobody/here']);

    // Rename keeps the slug (and so the URL a provider was given).
    await api('PUT', '/api/v2/endpoints/stripe', { name: 'Stripe live' });
    await server.close();
    forget(server);
    const again = await startTestHeadless({ dataDir });
    const eps = await rest(again)<Page<Endpoint>>('GET', '/api/v2/endpoints');
    expect(eps.body.items).toMatchObject([{ slug: 'stripe', name: 'Stripe live', response: { status: 202 } }]);
    const after = await post(again.ready.receiverUrl, '/stripe', '{}');
    expect(after.status).toBe(202);
  });

  it('delays the answer, after the row is committed, and refuses delays over 30 s', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    expect((await api('PUT', '/api/v2/endpoints/slow', { response: { delayMs: 30_001 } })).status).toBe(400);
    await api('PUT', '/api/v2/endpoints/slow', { response: { delayMs: 400 } });
    const started = Date.now();
    const pending = post(server.ready.receiverUrl, '/slow', '{"n":1}');
    // The capture is visible before the answer goes out.
    await new Promise((r) => setTimeout(r, 150));
    const seen = await api<Page<RequestSummary>>('GET', '/api/v2/requests?endpoint=slow');
    expect(seen.body.items).toHaveLength(1);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('rejects bad slugs and deletes endpoints, keeping or clearing their requests', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    expect((await api('PUT', '/api/v2/endpoints/Bad%20Slug', {})).status).toBe(400);
    await api('PUT', '/api/v2/endpoints/a', {});
    await api('PUT', '/api/v2/endpoints/b', {});
    for (const p of ['/a/1', '/a/2', '/b/1', '/x']) await post(server.ready.receiverUrl, p, '{}');
    expect(await api('DELETE', '/api/v2/endpoints/a')).toEqual({ status: 200, body: { deleted: true, requestsDeleted: 0 } });
    expect(await api('DELETE', '/api/v2/endpoints/b?clear=true')).toEqual({ status: 200, body: { deleted: true, requestsDeleted: 1 } });
    expect((await api('DELETE', '/api/v2/endpoints/b')).status).toBe(404);
    const left = await api<Page<RequestSummary>>('GET', '/api/v2/requests');
    expect(left.body.items.map((r) => r.path)).toEqual(['/x', '/a/2', '/a/1']);
    // A deleted endpoint's slug now lands in the default inbox.
    await post(server.ready.receiverUrl, '/a/3', '{}');
    const last = await api<Page<RequestSummary>>('GET', '/api/v2/requests?limit=1');
    expect(last.body.items[0]).toMatchObject({ path: '/a/3', endpoint: null });
  });
});

describe('deleting requests', () => {
  it('deletes one, a selection, and an endpoint; search forgets them', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    await api('PUT', '/api/v2/endpoints/gh', {});
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await post(server.ready.receiverUrl, i < 3 ? `/gh/${i}` : `/in/${i}`, `{"word":"needle${i}"}`);
      ids.push(Number(res.headers['x-hookbench-request-id']));
    }
    // Index everything before deleting, so deletion has to remove index entries too.
    expect((await api<Page<RequestSummary>>('GET', '/api/v2/requests?q=needle0')).body.items).toHaveLength(1);
    expect(await api('DELETE', `/api/v2/requests/${ids[0]}`)).toEqual({ status: 200, body: { deleted: 1 } });
    expect((await api('DELETE', `/api/v2/requests/${ids[0]}`)).status).toBe(404);
    expect((await api<Page<RequestSummary>>('GET', '/api/v2/requests?q=needle0')).body.items).toHaveLength(0);
    expect(await api('POST', '/api/v2/requests/delete', { ids: [ids[3], ids[4], 999999] })).toEqual({ status: 200, body: { deleted: 2 } });
    expect(await api('POST', '/api/v2/requests/delete', { filter: { endpoint: ['gh'] } })).toEqual({ status: 200, body: { deleted: 2 } });
    expect((await api('POST', '/api/v2/requests/delete', {})).status).toBe(400);
    const left = await api<Page<RequestSummary>>('GET', '/api/v2/requests');
    expect(left.body.items.map((r) => r.id)).toEqual([ids[5]]);
    expect((await api<RetentionState>('GET', '/api/v2/settings/retention')).body.usage.count).toBe(1);
  });
});

describe('retention', () => {
  it('drops the oldest past max count and max size, never refusing a new request', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    for (let i = 0; i < 10; i++) await post(server.ready.receiverUrl, `/r/${i}`, `{"i":${i}}`);
    const set = await api<RetentionState>('PUT', '/api/v2/settings/retention', { maxCount: 4, maxBytes: null });
    expect(set.body).toMatchObject({ maxCount: 4, maxBytes: null, usage: { count: 4 } });
    for (let i = 10; i < 13; i++) expect((await post(server.ready.receiverUrl, `/r/${i}`, `{"i":${i}}`)).status).toBe(200);
    const kept = await api<Page<RequestSummary>>('GET', '/api/v2/requests?order=oldest');
    expect(kept.body.items.map((r) => r.path)).toEqual(['/r/9', '/r/10', '/r/11', '/r/12']);

    // By size: 20 KiB of 4 KiB bodies keeps the newest that fit.
    await api('PUT', '/api/v2/settings/retention', { maxCount: null, maxBytes: 20 * 1024 });
    const big = 'x'.repeat(4096);
    for (let i = 0; i < 8; i++) expect((await post(server.ready.receiverUrl, `/big/${i}`, big)).status).toBe(200);
    const state = (await api<RetentionState>('GET', '/api/v2/settings/retention')).body;
    expect(state.usage.bytes).toBeLessThanOrEqual(20 * 1024);
    const paths = (await api<Page<RequestSummary>>('GET', '/api/v2/requests')).body.items.map((r) => r.path);
    expect(paths[0]).toBe('/big/7');
    expect(paths.length).toBe(state.usage.count);
    expect(paths.length).toBeGreaterThanOrEqual(4);
  });
});

describe('export', () => {
  it('exports a selection and a filter result as HAR 1.2 and JSON with exact bodies', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    const binary = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x80]);
    const a = await post(server.ready.receiverUrl, '/pay?x=1&y=2', '{"type":"invoice.paid"}', { 'X-Custom': 'Kept' });
    const b = await post(server.ready.receiverUrl, '/bin', binary, { 'Content-Type': 'application/octet-stream' });
    await post(server.ready.receiverUrl, '/other', '{"type":"other"}');
    const idA = Number(a.headers['x-hookbench-request-id']);
    const idB = Number(b.headers['x-hookbench-request-id']);

    const har = await api<Har>('POST', '/api/v2/requests/export', { format: 'har', ids: [idB, idA] });
    expect(har.status).toBe(200);
    const parsed = Har.parse(har.body);
    expect(parsed.log.version).toBe('1.2');
    expect(parsed.log.entries.map((e) => e.request.url)).toEqual([
      `${server.ready.receiverUrl}/pay?x=1&y=2`,
      `${server.ready.receiverUrl}/bin`,
    ]);
    const [ea, eb] = parsed.log.entries;
    expect(ea!.request.queryString).toEqual([{ name: 'x', value: '1' }, { name: 'y', value: '2' }]);
    expect(ea!.request.headers).toContainEqual({ name: 'X-Custom', value: 'Kept' });
    expect(Buffer.from(harEntryBody(ea!)).toString()).toBe('{"type":"invoice.paid"}');
    expect(eb!.request.postData?.encoding).toBe('base64');
    expect(Buffer.from(harEntryBody(eb!))).toEqual(binary);
    expect(ea!._hookbench).toMatchObject({ id: idA, event: 'invoice.paid' });

    const byFilter = await api<JsonExport>('POST', '/api/v2/requests/export', { format: 'json', filter: { event: ['other', 'invoice.paid'] } });
    expect(byFilter.body).toMatchObject({ format: 'hookbench-requests', truncated: false });
    expect(byFilter.body.items.map((r: RequestDetail) => r.path)).toEqual(['/pay', '/other']);
  });
});
