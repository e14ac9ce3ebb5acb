import { afterEach, describe, expect, it } from 'vitest';
import { decodeCursor } from '../../src/main/core/store/request-cursor';
import { openStore } from '../../src/main/core/store/open-store';
import type { NewRequest, Position, Store } from '../../src/main/core/store/repositories';
import { RequestFilter, type RequestFilterInput } from '../../src/shared/request-filter';
import { startTestHeadless } from '../helpers/core';
import { json, request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

/** Every filter against a real SQLite file (migrations, indexes and FTS5 as shipped). */

const T0 = Date.parse('2026-11-20T12:00:00Z');
const MIN = 60_000;

function row(over: Partial<NewRequest>): NewRequest {
  return {
    endpoint: null,
    method: 'POST',
    path: '/hook',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from('{}'),
    size: 2,
    truncated: false,
    contentType: 'application/json',
    event: null,
    scheme: null,
    verification: null,
    status: 200,
    clientAddress: '127.0.0.1',
    viaTunnel: false,
    receivedAt: T0,
    ...over,
  };
}

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** A store with a small, varied inbox: ids 1..8 in time order. */
async function seeded(): Promise<Store> {
  const store = await openStore({ dataDir: tempDir() });
  stores.push(store);
  const rows = [
    row({ event: 'submission.created', status: 200, receivedAt: T0, path: '/feedbackpulse', body: Buffer.from('{"customer_name":"Ada Lovelace"}') }),
    row({ event: 'submission.created', status: 500, receivedAt: T0 + 1 * MIN, endpoint: 'stripe' }),
    row({ event: 'charge.succeeded', status: 201, receivedAt: T0 + 2 * MIN, endpoint: 'stripe', headers: [['Stripe-Signature', 't=1,v1=abc']] }),
    row({ event: 'feedback.create', status: 404, receivedAt: T0 + 3 * MIN, method: 'PUT', body: Buffer.from('{"text":"Great Tool"}') }),
    row({ event: null, status: 200, receivedAt: T0 + 4 * MIN, method: 'GET', path: '/health/check', body: Buffer.alloc(0) }),
    row({ event: 'charge.succeeded', status: 429, receivedAt: T0 + 5 * MIN, endpoint: 'stripe' }),
    row({ event: 'feedback.create', status: 200, receivedAt: T0 + 6 * MIN, body: Buffer.from([0xff, 0x00, 0xfe, 0x41]), contentType: 'application/octet-stream' }),
    row({ event: 'submission.created', status: 301, receivedAt: T0 + 7 * MIN, query: 'x=1' }),
  ];
  await Promise.all(rows.map((r) => store.requests.insert(r)));
  return store;
}

/** Follows cursors three rows at a time until the end. */
async function pageThrough(store: Store, filter: ReturnType<typeof RequestFilter.parse>): Promise<number[]> {
  const seen: number[] = [];
  let after: Position | null = null;
  for (;;) {
    const page = await store.requests.list(filter, { limit: 3, after });
    seen.push(...page.items.map((r) => r.id));
    if (!page.nextCursor) return seen;
    after = decodeCursor(page.nextCursor);
  }
}

async function ids(store: Store, input: RequestFilterInput, limit = 100): Promise<number[]> {
  return (await store.requests.list(RequestFilter.parse(input), { limit, after: null })).items.map((r) => r.id);
}

describe('request filters (real SQLite)', () => {
  it('no filter: everything, newest first; order=oldest reverses', async () => {
    const store = await seeded();
    expect(await ids(store, {})).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await ids(store, { order: 'oldest' })).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('event: one or several', async () => {
    const store = await seeded();
    expect(await ids(store, { event: 'charge.succeeded' })).toEqual([6, 3]);
    expect(await ids(store, { event: ['charge.succeeded', 'feedback.create'] })).toEqual([7, 6, 4, 3]);
    expect(await ids(store, { event: 'nope' })).toEqual([]);
  });

  it('status: exact codes, classes, and both mixed', async () => {
    const store = await seeded();
    expect(await ids(store, { status: '200' })).toEqual([7, 5, 1]);
    expect(await ids(store, { status: '2xx' })).toEqual([7, 5, 3, 1]);
    expect(await ids(store, { status: ['4xx', '5xx'] })).toEqual([6, 4, 2]);
    expect(await ids(store, { status: ['3xx', '404'] })).toEqual([8, 4]);
  });

  it('method and endpoint (the empty slug is the default inbox)', async () => {
    const store = await seeded();
    expect(await ids(store, { method: 'put' })).toEqual([4]);
    expect(await ids(store, { method: ['GET', 'PUT'] })).toEqual([5, 4]);
    expect(await ids(store, { endpoint: 'stripe' })).toEqual([6, 3, 2]);
    expect(await ids(store, { endpoint: '' })).toEqual([8, 7, 5, 4, 1]);
    expect(await ids(store, { endpoint: ['', 'stripe'] })).toHaveLength(8);
  });

  it('date range: from and to are inclusive, ISO or milliseconds', async () => {
    const store = await seeded();
    expect(await ids(store, { from: T0 + 5 * MIN })).toEqual([8, 7, 6]);
    expect(await ids(store, { to: new Date(T0 + MIN).toISOString() })).toEqual([2, 1]);
    expect(await ids(store, { from: T0 + 2 * MIN, to: T0 + 4 * MIN })).toEqual([5, 4, 3]);
  });

  it('full text over path, headers and text bodies: every word, as a prefix, case-insensitive', async () => {
    const store = await seeded();
    expect(await ids(store, { q: 'lovelace' })).toEqual([1]);
    expect(await ids(store, { q: 'great tool' })).toEqual([4]);
    expect(await ids(store, { q: 'gre' })).toEqual([4]);
    expect(await ids(store, { q: 'health' })).toEqual([5]);
    expect(await ids(store, { q: 'Stripe-Signature' })).toEqual([3]);
    expect(await ids(store, { q: 'great lovelace' })).toEqual([]);
    // FTS5 syntax in the input is searched for, never executed (nor an error).
    expect(await ids(store, { q: 'NEAR( "unbalanced * OR' })).toEqual([]);
    expect(await ids(store, { q: '   ' })).toHaveLength(8);
  });

  it('finds requests captured a moment ago (the index catches up before a search)', async () => {
    const store = await seeded();
    await store.requests.insert(row({ receivedAt: T0 + 8 * MIN, body: Buffer.from('{"fresh":"zebra"}') }));
    expect(await ids(store, { q: 'zebra' })).toEqual([9]);
  });

  it('combines every filter', async () => {
    const store = await seeded();
    expect(await ids(store, { event: ['submission.created', 'charge.succeeded'], status: '5xx', endpoint: 'stripe', from: T0, to: T0 + 10 * MIN })).toEqual([2]);
    expect(await ids(store, { event: 'feedback.create', method: 'PUT', q: 'tool', status: '404' })).toEqual([4]);
    expect(await ids(store, { endpoint: 'stripe', q: 'stripe-signature' })).toEqual([3]);
    expect(await ids(store, { from: T0 + MIN, q: 'lovelace' })).toEqual([]);
  });

  it('pages with a cursor through a filtered list, in both orders, without repeats or gaps', async () => {
    const store = await seeded();
    for (const order of ['newest', 'oldest'] as const) {
      const filter = RequestFilter.parse({ status: ['2xx', '3xx', '4xx', '5xx'], order });
      expect(await pageThrough(store, filter)).toEqual(order === 'newest' ? [8, 7, 6, 5, 4, 3, 2, 1] : [1, 2, 3, 4, 5, 6, 7, 8]);
      // Text search pages too (its own plan, driven by the full-text index). Request 3 is the one
      // without a Content-Type header.
      const text = RequestFilter.parse({ q: 'application', order });
      expect(await pageThrough(store, text)).toEqual(order === 'newest' ? [8, 7, 6, 5, 4, 2, 1] : [1, 2, 4, 5, 6, 7, 8]);
      // Text with a date range: the time index drives, the match set filters (third plan).
      const textInRange = RequestFilter.parse({ q: 'application', from: T0 + MIN, to: T0 + 6 * MIN, order });
      expect(await pageThrough(store, textInRange)).toEqual(order === 'newest' ? [7, 6, 5, 4, 2] : [2, 4, 5, 6, 7]);
    }
  });

  it('counts facets within the filter, each without its own dimension', async () => {
    const store = await seeded();
    const all = await store.requests.facets(RequestFilter.parse({}));
    expect(all.total).toBe(8);
    expect(all.capped).toBe(false);
    expect(all.events).toEqual([
      { value: 'submission.created', count: 3 },
      { value: 'charge.succeeded', count: 2 },
      { value: 'feedback.create', count: 2 },
      { value: null, count: 1 },
    ]);
    expect(all.statuses).toEqual([
      { value: '2xx', count: 4 },
      { value: '3xx', count: 1 },
      { value: '4xx', count: 2 },
      { value: '5xx', count: 1 },
    ].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)));
    // Picking an event narrows the other facets, but still shows every event's count.
    const picked = await store.requests.facets(RequestFilter.parse({ event: 'charge.succeeded' }));
    expect(picked.total).toBe(2);
    expect(picked.events.find((f) => f.value === 'submission.created')?.count).toBe(3);
    expect(picked.statuses).toEqual([
      { value: '2xx', count: 1 },
      { value: '4xx', count: 1 },
    ]);
    expect(picked.endpoints).toEqual([{ value: 'stripe', count: 2 }]);
  });
});

describe('filters over the REST API', () => {
  it('parses repeated query parameters, status classes, ISO dates and text', async () => {
    const server = await startTestHeadless({ token: 'filters-token-123' });
    const send = (path: string, body: string, headers: Record<string, string>) =>
      request(server.ready.receiverUrl + path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
    await send('/a', '{"event":"alpha"}', {});
    await send('/b', '{"event":"beta","note":"needle"}', {});
    await send('/c', '{"event":"gamma"}', { 'X-GitHub-Event': 'push' });
    const origin = new URL(server.ready.uiUrl).origin;
    const get = <T>(query: string) => json<T>(`${origin}/api/v2/requests${query}`, { headers: { Authorization: 'Bearer filters-token-123' } });

    const two = await get<{ items: { path: string }[] }>('?event=alpha&event=push');
    expect(two.body.items.map((r) => r.path)).toEqual(['/c', '/a']);
    const text = await get<{ items: { path: string }[] }>('?q=needle&status=2xx&from=2020-01-01T00:00:00Z');
    expect(text.body.items.map((r) => r.path)).toEqual(['/b']);
    const bad = await get<{ error: { code: string; message: string } }>('?status=teapot');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status/);
    const facets = await get<{ events: { value: string; count: number }[]; total: number }>('/facets?method=POST');
    expect(facets.status).toBe(200);
    expect(facets.body.total).toBe(3);
    expect(facets.body.events.map((e) => e.value).sort()).toEqual(['alpha', 'beta', 'push']);
  });
});
