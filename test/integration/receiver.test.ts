import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import { DB_FILE } from '../../src/main/core/store/sqlite/db';
import { openStore } from '../../src/main/core/store/open-store';
import { startTestCore } from '../helpers/core';
import { rawExchange, request } from '../helpers/http';
import { loadFromChild } from '../helpers/load';
import { tempDir } from '../helpers/temp-dir';

const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

async function post(core: Core, path: string, body: Buffer | string, headers: Record<string, string> = {}) {
  const res = await request(core.receiverUrl + path, { method: 'POST', body, headers });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
  return Number(res.headers['x-hookbench-request-id']);
}

describe('receiver + store (real SQLite file, real sockets)', () => {
  it('stores a binary body with all 256 byte values byte-exact', async () => {
    const core = await startTestCore();
    const sent = Buffer.concat([allBytes, Buffer.from(allBytes).reverse()]);
    const id = await post(core, '/bin', sent, { 'Content-Type': 'application/octet-stream' });
    const stored = (await core.store.requests.get(id))!;
    const body = Buffer.from(stored.bodyBase64, 'base64');
    expect(body.length).toBe(512);
    expect(body.equals(sent)).toBe(true);
    expect(stored.size).toBe(512);
    expect(stored.truncated).toBe(false);
  });

  it('keeps header order, case and duplicates exactly as sent', async () => {
    const core = await startTestCore();
    const port = new URL(core.receiverUrl).port;
    const body = '{"a":1}';
    const raw =
      `POST /hooks/order?b=2&a=1 HTTP/1.1\r\n` +
      `Host: 127.0.0.1:${port}\r\n` +
      `x-lower-first: 1\r\n` +
      `X-UPPER-SECOND: 2\r\n` +
      `X-MiXeD-ThIrD: 3\r\n` +
      `Set-Cookie: a=1\r\n` +
      `set-cookie: b=2\r\n` +
      `Content-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\n` +
      `Connection: close\r\n\r\n${body}`;
    const response = await rawExchange(Number(port), raw);
    expect(response).toMatch(/^HTTP\/1.1 200 OK/);
    const [summary] = (await core.store.requests.list({}, { limit: 1, after: null })).items;
    const stored = (await core.store.requests.get(summary!.id))!;
    expect(stored.headers).toEqual([
      ['Host', `127.0.0.1:${port}`],
      ['x-lower-first', '1'],
      ['X-UPPER-SECOND', '2'],
      ['X-MiXeD-ThIrD', '3'],
      ['Set-Cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
      ['Connection', 'close'],
    ]);
    expect(stored.path).toBe('/hooks/order');
    expect(stored.query).toBe('b=2&a=1');
  });

  it('captures 1,000 concurrent POSTs as 1,000 rows, sharing transactions (group commit)', async () => {
    const core = await startTestCore();
    // All 1,000 in flight at once, from another process (see helpers/load-client.cjs).
    const ids = await loadFromChild(core.receiverUrl, 1000, 1000, 1024);
    expect(new Set(ids).size).toBe(1000);
    expect((await core.store.requests.usage()).count).toBe(1000);
    const stats = core.store.requests.writeStats;
    expect(stats.items).toBe(1000);
    // Many requests were acknowledged by the same commit.
    expect(stats.batches).toBeLessThan(1000);
    expect(stats.largestBatch).toBeGreaterThan(1);
    // Every body is intact.
    const sample = (await core.store.requests.get(ids[537]!))!;
    expect(JSON.parse(Buffer.from(sample.bodyBase64, 'base64').toString()).i).toBe(537);
  });

  it('answers only after the row is committed (visible to another connection at once)', async () => {
    const core = await startTestCore();
    const id = await post(core, '/durable', 'hello');
    const dataDir = path.dirname(core.store.location);
    const other = new BetterSqlite3(path.join(dataDir, DB_FILE), { readonly: true });
    try {
      const row = other.prepare('SELECT body FROM requests WHERE id = ?').get(id) as { body: Buffer } | undefined;
      expect(row?.body.toString()).toBe('hello');
    } finally {
      other.close();
    }
  });

  it('stores a body over the cap truncated and flagged instead of refusing it', async () => {
    const core = await startTestCore({ receiver: { bodyCapBytes: 1024 } });
    const big = Buffer.alloc(5000, 0);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    const id = await post(core, '/big', big);
    const stored = (await core.store.requests.get(id))!;
    const body = Buffer.from(stored.bodyBase64, 'base64');
    expect(stored.truncated).toBe(true);
    expect(stored.size).toBe(5000);
    expect(body.length).toBe(1024);
    expect(body.equals(big.subarray(0, 1024))).toBe(true);
  });

  it('has a 10 MiB default cap: 10 MiB + 1 byte is kept as 10 MiB, flagged', async () => {
    const core = await startTestCore();
    const id = await post(core, '/huge', Buffer.alloc(10 * 1024 * 1024 + 1, 7));
    const stored = (await core.store.requests.get(id))!;
    expect(stored.truncated).toBe(true);
    expect(stored.size).toBe(10 * 1024 * 1024 + 1);
    expect(Buffer.from(stored.bodyBase64, 'base64').length).toBe(10 * 1024 * 1024);
  });

  it('keeps the data across a restart of the store', async () => {
    const dataDir = tempDir();
    const first = await Core.start({ dataDir, receiverHost: '127.0.0.1', receiverPort: 0, mode: 'headless' });
    const id = await post(first, '/persist?x=1', Buffer.from([0, 1, 2, 255]), { 'X-Keep': 'yes' });
    await first.close();
    const store = await openStore({ dataDir });
    try {
      const stored = (await store.requests.get(id))!;
      expect(Buffer.from(stored.bodyBase64, 'base64').equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
      expect(stored.headers).toContainEqual(['X-Keep', 'yes']);
      expect(stored.query).toBe('x=1');
    } finally {
      await store.close();
    }
  });

  it('derives each request\'s event at capture time, from provider headers, then the body', async () => {
    const core = await startTestCore();
    const github = await post(core, '/gh', '{"action":"opened"}', { 'X-GitHub-Event': 'issues', 'Content-Type': 'application/json' });
    const userback = await post(core, '/ub', '{"action":"create","type":"feedback","data":{}}', { 'Content-Type': 'application/json; charset=utf-8' });
    const none = await post(core, '/plain', 'hello', { 'Content-Type': 'text/plain' });
    expect((await core.store.requests.get(github))!.event).toBe('issues.opened');
    expect((await core.store.requests.get(userback))!.event).toBe('feedback.create');
    expect((await core.store.requests.get(none))!.event).toBeNull();
    // The list (what the inbox shows and filters on) carries it too.
    expect((await core.store.requests.list({}, { limit: 3, after: null })).items.map((r) => r.event)).toEqual([null, 'feedback.create', 'issues.opened']);
  });

  it('captures every method, including bodies on GET and DELETE', async () => {
    const core = await startTestCore();
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND']) {
      const res = await request(`${core.receiverUrl}/m/${method}`, { method, body: method === 'HEAD' ? undefined : `body-${method}` });
      expect(res.status).toBe(200);
    }
    const items = (await core.store.requests.list({}, { limit: 10, after: null })).items;
    expect(items.map((r) => r.method).reverse()).toEqual(['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND']);
    const del = (await core.store.requests.get(items.find((r) => r.method === 'DELETE')!.id))!;
    expect(Buffer.from(del.bodyBase64, 'base64').toString()).toBe('body-DELETE');
  });

  it('answers malformed and oversized-header requests explicitly and keeps running', async () => {
    const core = await startTestCore();
    const port = Number(new URL(core.receiverUrl).port);
    expect(await rawExchange(port, 'THIS IS NOT HTTP\r\n\r\n')).toMatch(/^HTTP\/1.1 400/);
    const hugeHeader = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(80 * 1024)}\r\n\r\n`;
    expect(await rawExchange(port, hugeHeader)).toMatch(/^HTTP\/1.1 431/);
    expect(core.receiver.stats.clientErrors).toBeGreaterThanOrEqual(2);
    await post(core, '/still-alive', 'ok');
  });

  it('times out a client that never finishes its headers, while others are served', async () => {
    const core = await startTestCore({ receiver: { headersTimeoutMs: 500, requestTimeoutMs: 1000 } });
    const port = Number(new URL(core.receiverUrl).port);
    const slow = rawExchange(port, 'POST /slow HTTP/1.1\r\nHost: x\r\nX-Partial: ', 5000);
    await post(core, '/fast', 'meanwhile');
    const answer = await slow;
    expect(answer).toMatch(/^HTTP\/1.1 408/);
    expect((await core.store.requests.usage()).count).toBe(1);
  });

  it('survives a client that aborts mid-body', async () => {
    const core = await startTestCore();
    const port = Number(new URL(core.receiverUrl).port);
    await rawExchange(port, 'POST /abort HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly-a-little', 200);
    await post(core, '/after-abort', 'fine');
    expect((await core.store.requests.usage()).count).toBe(1);
  });
});
