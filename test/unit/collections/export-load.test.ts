import { describe, expect, it } from 'vitest';
import { exportCollection } from '../../../src/main/core/collections/export-collection';
import { loadCollection } from '../../../src/main/core/collections/load-collection';
import type { RequestsRepository } from '../../../src/main/core/store/repositories';
import { Collection } from '../../../src/shared/contracts/collection';
import { toHar } from '../../../src/shared/export/har';
import type { RequestDetail } from '../../../src/shared/request-schemas';

const BINARY = Buffer.from([0, 255, 13, 10, 128, 1]);

function capture(id: number, overrides: Partial<RequestDetail> = {}): RequestDetail {
  return {
    id,
    endpoint: 'stripe',
    method: 'POST',
    path: '/stripe/hook',
    query: id % 2 ? 'x=1&y=%20' : '',
    contentType: 'application/json',
    size: 2,
    truncated: false,
    event: id % 2 ? 'payment_intent.succeeded' : null,
    verification: null,
    status: 200,
    clientAddress: '127.0.0.1',
    viaTunnel: false,
    receivedAt: new Date(1_700_000_000_000 + id * 1000).toISOString(),
    drift: null,
    headers: [['Host', 'hooks.example'], ['Stripe-Signature', `t=1,v1=${id}`], ['stripe-signature', 'dup']],
    bodyBase64: Buffer.from(`{"n":${id}}`).toString('base64'),
    scheme: 'stripe',
    ...overrides,
  };
}

/** Only what an export reads; a filter is walked in pages of two so paging is exercised. */
function fakeRequests(details: RequestDetail[]): RequestsRepository {
  const byId = new Map(details.map((d) => [d.id, d]));
  const ordered = [...details].sort((a, b) => a.id - b.id);
  return {
    get: async (id: number) => byId.get(id) ?? null,
    listPositions: async (filter: { order?: string }, { after }: { after: { id: number } | null }) => {
      expect(filter.order).toBe('oldest');
      const rest = ordered.filter((d) => after === null || d.id > after.id);
      const page = rest.slice(0, 2);
      return { ids: page.map((d) => d.id), next: rest.length > 2 ? { id: page[1]!.id, receivedAt: 0 } : null };
    },
  } as unknown as RequestsRepository;
}

describe('exportCollection', () => {
  it('keeps requests exactly as captured, oldest first, each expecting a 2xx, and is a valid collection', async () => {
    const repo = fakeRequests([capture(3), capture(1), capture(2, { bodyBase64: BINARY.toString('base64') }), capture(5), capture(4)]);
    const collection = await exportCollection(repo, { filter: {} } as never, 'Stripe suite');
    expect(Collection.parse(collection)).toEqual(collection);
    expect(collection).toMatchObject({ format: 'hookbench-collection', version: 1, name: 'Stripe suite' });
    expect(collection.requests.map((r) => r.path)).toEqual(['/stripe/hook?x=1&y=%20', '/stripe/hook', '/stripe/hook?x=1&y=%20', '/stripe/hook', '/stripe/hook?x=1&y=%20']);
    expect(collection.requests[0]).toEqual({
      name: 'POST /stripe/hook?x=1&y=%20 payment_intent.succeeded (capture 1)',
      method: 'POST',
      path: '/stripe/hook?x=1&y=%20',
      headers: [['Host', 'hooks.example'], ['Stripe-Signature', 't=1,v1=1'], ['stripe-signature', 'dup']],
      bodyBase64: Buffer.from('{"n":1}').toString('base64'),
      event: 'payment_intent.succeeded',
      scheme: 'stripe',
      expect: { status: '2xx' },
    });
    expect(Buffer.from(collection.requests[1]!.bodyBase64, 'base64').equals(BINARY)).toBe(true);
  });

  it('takes a selection of ids in id order, skipping ids that are gone', async () => {
    const collection = await exportCollection(fakeRequests([capture(7), capture(9)]), { ids: [9, 8, 7] } as never, 'picked');
    expect(collection.requests.map((r) => r.name)).toEqual(['POST /stripe/hook?x=1&y=%20 payment_intent.succeeded (capture 7)', 'POST /stripe/hook?x=1&y=%20 payment_intent.succeeded (capture 9)']);
  });

  it('refuses a body cut at capture, and a selection over the limit, rather than a suite missing cases', async () => {
    await expect(exportCollection(fakeRequests([capture(1), capture(2, { truncated: true })]), { filter: {} } as never, 'x')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('request #2 was cut at capture'),
    });
    const many = Array.from({ length: 10_001 }, (_, i) => capture(i + 1));
    await expect(exportCollection(fakeRequests(many), { ids: many.map((d) => d.id) } as never, 'x')).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});

describe('loadCollection', () => {
  const base = { format: 'hookbench-collection', version: 1, name: 'n', createdAt: '2026-01-01T00:00:00.000Z' };

  it('reads a collection, filling in the default expectation', () => {
    const text = JSON.stringify({ ...base, paths: 'ignore', requests: [{ method: 'POST', path: '/a', headers: [['X', '1']], bodyBase64: '', expect: { status: 201, json: { ok: true } } }, { method: 'PUT', path: '/b', headers: [], bodyBase64: 'AA==' }] });
    const collection = loadCollection(text, 'file.json');
    expect(collection.paths).toBe('ignore');
    expect(collection.requests.map((r) => r.expect)).toEqual([{ status: 201, json: { ok: true } }, { status: '2xx' }]);
  });

  it('reads a Hookbench HAR and JSON export as the same requests, bodies byte-exact', () => {
    const captures = [capture(1), capture(2, { bodyBase64: BINARY.toString('base64'), contentType: 'application/octet-stream' })];
    const fromHar = loadCollection(JSON.stringify(toHar(captures, 'http://127.0.0.1:8989', '1.0.0')), 'export.har');
    const fromJson = loadCollection(JSON.stringify({ format: 'hookbench-requests', version: '1.0.0', exportedAt: base.createdAt, truncated: false, items: captures }), 'export.json');
    for (const collection of [fromHar, fromJson]) {
      expect(collection.requests.map((r) => [r.method, r.path, r.headers, r.bodyBase64, r.expect])).toEqual(
        captures.map((c) => ['POST', c.path + (c.query ? `?${c.query}` : ''), c.headers, c.bodyBase64, { status: '2xx' }]),
      );
      expect(collection.requests[0]!.event).toBe('payment_intent.succeeded');
    }
    expect(fromHar.name).toBe('export.har');
    expect(fromJson.requests[0]!.scheme).toBe('stripe');
    // A JSON export from another version (fields added or gone) still loads: only replay fields are read.
    const { drift: _drift, ...older } = capture(1);
    expect(loadCollection(JSON.stringify({ format: 'hookbench-requests', items: [older] }), 'old.json').requests).toHaveLength(1);
  });

  it('says what is wrong with a file it cannot use', () => {
    const bad = (text: string) => () => loadCollection(text, 'f');
    expect(bad('{nope')).toThrow(/^not JSON/);
    expect(bad('[1]')).toThrow(/neither a collection/);
    expect(bad(JSON.stringify({ ...base, version: 2, requests: [] }))).toThrow('collection format version 2: this Hookbench reads version 1');
    expect(bad(JSON.stringify({ ...base, requests: [{ method: 'POST', path: 'no-slash', headers: [], bodyBase64: '' }] }))).toThrow(/not a valid collection:[\s\S]*requests\[0\]\.path/);
    expect(bad(JSON.stringify({ ...base, requests: [{ method: 'POST', path: '/', headers: [], bodyBase64: '', expect: { status: '2XX' } }] }))).toThrow(/requests\[0\]\.expect\.status/);
    expect(bad(JSON.stringify({ log: { version: '1.1' } }))).toThrow(/not a valid HAR 1.2 file/);
    expect(bad(JSON.stringify(toHar([capture(1, { truncated: true })], 'http://x', '1')))).toThrow('HAR entry 1 was cut at capture');
    expect(bad(JSON.stringify({ format: 'hookbench-requests', items: [capture(4, { truncated: true })] }))).toThrow('request #4 was cut at capture');
  });
});
