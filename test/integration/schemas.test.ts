import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CreatedToken } from '../../src/shared/access-schemas';
import { PUSH_ROUTE, tokenToWsProtocol, WS_PROTOCOL, type PushEvent } from '../../src/shared/contract';
import type { Collection } from '../../src/shared/contracts/collection';
import type { DriftDifference } from '../../src/shared/contracts/drift';
import type { SchemaDetail, SchemaSettings, SchemaSummary } from '../../src/shared/contracts/schema-api';
import type { Page, RequestDetail, RequestSummary } from '../../src/shared/request-schemas';
import type { Core } from '../../src/main/core/core';
import { KEY_FILE } from '../../src/main/core/secrets/secret-box';
import type { Headless } from '../../src/main/headless';
import { asLocal, startTestCore, startTestHeadless } from '../helpers/core';
import { json, request } from '../helpers/http';
import { pgAvailable, startPostgres, type PgServer } from '../helpers/postgres';
import { rest } from '../helpers/rest';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

/**
 * Webhook contracts end to end (issue 15), on a real headless server (SQLite file, receiver, HTTP
 * API, push socket): schemas learned from captured JSON bodies, drift flagged at capture time for
 * each kind of change once an event has enough samples, accepting a change, pinned schemas,
 * the drift filter and push event, rebuilding from a filter, generated types, roles.
 */

const OWNER = 'owner-token-for-schema-tests';
type Call = ReturnType<typeof rest>;

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.close();
});

interface Bench {
  server: Headless;
  api: Call;
  /** Every push event since start. */
  events: PushEvent[];
  /** Sends a capture to the receiver; resolves with its id once the answer came. */
  hook(body: unknown, options?: { path?: string; contentType?: string | null; raw?: string }): Promise<number>;
  /** Waits until the tracker has judged every capture answered so far. */
  settle(): Promise<void>;
  detail(id: number): Promise<RequestDetail>;
  schema(event: string, endpoint?: string): Promise<SchemaDetail>;
}

async function start(minSamples = 5): Promise<Bench> {
  const server = await startTestHeadless({ token: OWNER });
  const api = rest(server);
  const events: PushEvent[] = [];
  const ws = new WebSocket(new URL(server.ready.uiUrl).origin.replace('http', 'ws') + PUSH_ROUTE, [WS_PROTOCOL, tokenToWsProtocol(OWNER)]);
  sockets.push(ws);
  ws.on('message', (data) => events.push(JSON.parse(String(data)) as PushEvent));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  expect((await api('PUT', '/api/v2/schema-settings', { minSamples })).status).toBe(200);
  return {
    server,
    api,
    events,
    async hook(body, { path = '/hook', contentType = 'application/json', raw } = {}) {
      const res = await request(server.ready.receiverUrl + path, {
        method: 'POST',
        body: raw ?? JSON.stringify(body),
        headers: contentType === null ? {} : { 'Content-Type': contentType },
      });
      expect(res.status).toBe(200);
      return Number(res.headers['x-hookbench-request-id']);
    },
    settle: () => server.core.schemaTracker.flush(),
    async detail(id) {
      const res = await api<RequestDetail>('GET', `/api/v2/requests/${id}`);
      expect(res.status).toBe(200);
      return res.body;
    },
    async schema(event, endpoint) {
      const res = await api<SchemaDetail>('GET', `/api/v2/schemas/${encodeURIComponent(event)}${endpoint === undefined ? '' : `?endpoint=${endpoint}`}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    },
  };
}

/** An order as the provider sends it, with its variations: optional, nullable, union, enum, nested arrays. */
function order(i: number, over: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return {
    type: 'order.created',
    id: i % 2 === 0 ? i : `ord_${i}`, // integer or string
    created: `2026-11-20T12:00:0${i % 10}Z`,
    status: i % 3 === 0 ? 'pending' : 'paid', // enum
    data: {
      customer: { name: `Ada ${i}`, email: i % 4 === 0 ? null : `ada${i}@example.com` }, // nullable
      ...(i % 2 === 0 ? { note: 'leave at the door' } : {}), // optional
      items: [
        { sku: `sku-${i}`, qty: 1 + (i % 3), tags: [['a', 'b'], []] }, // nested arrays
        { sku: 'sku-x', qty: 2, tags: [] },
      ],
      ...data,
    },
    ...over,
  };
}

const driftOf = async (bench: Bench, id: number) => (await bench.detail(id)).drift;
const kinds = (drift: DriftDifference[] | null) => (drift ?? []).map((d) => `${d.kind} ${d.path}`);
const listIds = async (api: Call, query: string) => (await api<Page<RequestSummary>>('GET', `/api/v2/requests?${query}`)).body.items.map((r) => r.id);

describe('schemas learned from captures', () => {
  it('learns one schema per event from mixed JSON bodies (optional, nullable, union, enum, nested arrays), and nothing from others', async () => {
    const bench = await start(5);
    const bodies = Array.from({ length: 12 }, (_, i) => order(i));
    for (const body of bodies) await bench.hook(body);
    // Not learned: a form, a truncated-free XML body, text, and JSON without an event name.
    await bench.hook(null, { raw: 'type=order.created&x=1', contentType: 'application/x-www-form-urlencoded' });
    await bench.hook(null, { raw: '<order type="order.created"/>', contentType: 'application/xml' });
    await bench.hook(null, { raw: '{"type": "order.created", "broken": ', contentType: 'application/json' });
    await bench.hook({ nothing: 'named' });
    // No content type, but JSON: learned.
    await bench.hook(order(12), { contentType: null });
    await bench.settle();

    const list = await bench.api<Page<SchemaSummary>>('GET', '/api/v2/schemas');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { event: 'order.created', endpoint: null, samples: 13, firstSeen: expect.any(String), lastSeen: expect.any(String), pinned: false, drifted: 0 },
    ]);
    const schema = await bench.schema('order.created');
    expect(schema.jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const field = (path: string) => schema.fields.find((f) => f.path === path);
    expect(field('id')).toMatchObject({ types: expect.arrayContaining(['integer', 'string']), required: true, present: 13, of: 13 });
    expect(field('status')).toMatchObject({ enum: ['paid', 'pending'], required: true });
    expect(field('data.note')).toMatchObject({ required: false, present: 7, of: 13 });
    expect(field('data.customer.email')).toMatchObject({ types: expect.arrayContaining(['string', 'null']), required: true });
    expect(field('data.items[].sku')).toMatchObject({ types: ['string'], required: true });
    expect(field('data.items[].tags[][]')).toMatchObject({ types: ['string'] });
    expect(field('data.items')?.introducedBy).toBeGreaterThan(0);
    // The learned schema is a valid 2020-12 schema that accepts every body it learned from.
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema.jsonSchema);
    for (const body of [...bodies, order(12)]) expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(bench.events.filter((e) => e.event === 'request.drift')).toEqual([]);
  });

  it('flags each kind of drift at capture time once the event has minSamples samples, never before; with push, filter and counts', async () => {
    const bench = await start(5);
    // Still learning: a new field in the 4th sample is learned, not flagged.
    for (const i of [1, 3, 4]) await bench.hook(order(i));
    const early = await bench.hook(order(10, { extra: true }));
    await bench.hook(order(13));
    await bench.settle();
    expect(await driftOf(bench, early)).toBeNull();
    expect((await bench.schema('order.created')).samples).toBe(5);
    for (let i = 0; i < 10; i++) await bench.hook(order(i + 20));
    await bench.settle();

    const fine = await bench.hook(order(31));
    const newField = await bench.hook(order(32, {}, { gift: { wrap: true } }));
    const { data: _data, ...noData } = order(33);
    const missing = await bench.hook(noData);
    const typeChanged = await bench.hook(order(34, {}, { items: [{ sku: 'sku-1', qty: '2', tags: [] }] }));
    const newEnum = await bench.hook(order(35, { status: 'refunded' }));
    await bench.settle();

    expect(await driftOf(bench, fine)).toBeNull();
    expect(await driftOf(bench, newField)).toEqual([{ kind: 'new_field', path: 'data.gift', expected: null, actual: 'object' }]);
    expect(await driftOf(bench, missing)).toEqual([{ kind: 'missing_field', path: 'data', expected: 'object', actual: null }]);
    expect(await driftOf(bench, typeChanged)).toEqual([{ kind: 'type_changed', path: 'data.items[].qty', expected: 'integer', actual: 'string' }]);
    expect(await driftOf(bench, newEnum)).toEqual([{ kind: 'new_enum_value', path: 'status', expected: '"paid" | "pending"', actual: '"refunded"' }]);

    // Flagged bodies are not learned: the same change keeps being flagged.
    const again = await bench.hook(order(36, {}, { gift: { wrap: false } }));
    await bench.settle();
    expect(kinds(await driftOf(bench, again))).toEqual(['new_field data.gift']);

    const flagged = [newField, missing, typeChanged, newEnum, again];
    const pushed = bench.events.filter((e): e is Extract<PushEvent, { event: 'request.drift' }> => e.event === 'request.drift');
    expect(pushed.map((e) => e.payload.id)).toEqual(flagged);
    expect(pushed[0]!.payload.differences).toEqual([{ kind: 'new_field', path: 'data.gift', expected: null, actual: 'object' }]);
    // The inbox: summaries carry their drift; the filter both ways.
    const page = await bench.api<Page<RequestSummary>>('GET', '/api/v2/requests?drift=true');
    expect(page.body.items.map((r) => r.id)).toEqual([...flagged].reverse());
    expect(page.body.items.every((r) => r.drift !== null && r.drift.length > 0)).toBe(true);
    const unflagged = await listIds(bench.api, 'drift=false&limit=500');
    expect(unflagged).toContain(fine);
    expect(unflagged.some((id) => flagged.includes(id))).toBe(false);
    expect((await bench.schema('order.created')).drifted).toBe(5);
    expect((await bench.api<Page<SchemaSummary>>('GET', '/api/v2/schemas')).body.items[0]).toMatchObject({ drifted: 5, samples: 16 });
  });

  it('accepting a flagged capture makes its change the norm: it and the captures with only that change are cleared, later ones are not flagged', async () => {
    const bench = await start(3);
    for (let i = 0; i < 6; i++) await bench.hook(order(i));
    await bench.settle();
    const first = await bench.hook(order(10, {}, { gift: true }));
    const second = await bench.hook(order(11, {}, { gift: false }));
    const both = await bench.hook(order(12, { status: 'refunded' }, { gift: true }));
    await bench.settle();
    expect(kinds(await driftOf(bench, both))).toEqual(['new_field data.gift', 'new_enum_value status']);

    const notFlagged = await bench.api<{ error: { code: string } }>('POST', '/api/v2/schemas/accept', { requestId: (await listIds(bench.api, 'drift=false'))[0] });
    expect(notFlagged.status).toBe(400);
    expect((await bench.api('POST', '/api/v2/schemas/accept', { requestId: 99_999 })).status).toBe(404);

    bench.events.length = 0;
    const accepted = await bench.api<SchemaDetail>('POST', '/api/v2/schemas/accept', { requestId: first });
    expect(accepted.status).toBe(200);
    expect(accepted.body.fields.find((f) => f.path === 'data.gift')).toMatchObject({ required: false, introducedBy: first });
    expect(await driftOf(bench, first)).toBeNull();
    expect(await driftOf(bench, second)).toBeNull();
    // Still flagged, for what is left.
    expect(kinds(await driftOf(bench, both))).toEqual(['new_enum_value status']);
    const pushed = bench.events.filter((e) => e.event === 'request.drift').map((e) => e.payload);
    expect(pushed).toEqual(
      expect.arrayContaining([
        { id: first, differences: null },
        { id: second, differences: null },
        { id: both, differences: [{ kind: 'new_enum_value', path: 'status', expected: '"paid" | "pending"', actual: '"refunded"' }] },
      ]),
    );
    expect(accepted.body.drifted).toBe(1);

    const later = await bench.hook(order(13, {}, { gift: true }));
    await bench.settle();
    expect(await driftOf(bench, later)).toBeNull();
  });

  it('a pinned schema (hand-written, before any capture) validates captures from the first one; unpinning goes back to the learned one', async () => {
    const bench = await start(50);
    const pinned = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://example.com/invoice.paid.json',
      type: 'object',
      required: ['type', 'amount', 'currency'],
      additionalProperties: false,
      properties: {
        type: { const: 'invoice.paid' },
        amount: { type: 'integer', minimum: 0 },
        currency: { enum: ['eur', 'usd'] },
        lines: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
      },
    };
    const bad = await bench.api<{ error: { code: string; message: string } }>('PUT', '/api/v2/schemas/pin', { event: 'invoice.paid', jsonSchema: { type: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/not a usable JSON Schema/);
    const pin = await bench.api<SchemaDetail>('PUT', '/api/v2/schemas/pin', { event: 'invoice.paid', jsonSchema: pinned });
    expect(pin.status).toBe(200);
    expect(pin.body).toMatchObject({ event: 'invoice.paid', endpoint: null, pinned: true, samples: 0, jsonSchema: pinned });

    const ok = await bench.hook({ type: 'invoice.paid', amount: 10, currency: 'eur', lines: [{ sku: 'a' }] });
    const off = await bench.hook({ type: 'invoice.paid', amount: '10', currency: 'gbp', lines: [{ sku: 'a' }, { qty: 1 }], memo: 'x' });
    const negative = await bench.hook({ type: 'invoice.paid', amount: -1, currency: 'usd' });
    await bench.settle();
    expect(await driftOf(bench, ok)).toBeNull();
    expect(await driftOf(bench, off)).toEqual([
      { kind: 'type_changed', path: 'amount', expected: 'integer', actual: 'string' },
      { kind: 'new_enum_value', path: 'currency', expected: '"eur" | "usd"', actual: '"gbp"' },
      { kind: 'missing_field', path: 'lines[].sku', expected: 'string', actual: null },
      { kind: 'new_field', path: 'memo', expected: null, actual: 'string' },
    ]);
    expect(await driftOf(bench, negative)).toEqual([{ kind: 'type_changed', path: 'amount', expected: 'must be >= 0', actual: '-1' }]);
    // The learned shape kept learning beside the pin.
    const shown = await bench.schema('invoice.paid');
    expect(shown).toMatchObject({ pinned: true, samples: 3, drifted: 2, jsonSchema: pinned });
    expect(shown.fields.map((f) => f.path)).toContain('memo');

    const unpinned = await bench.api<SchemaDetail>('PUT', '/api/v2/schemas/pin', { event: 'invoice.paid', jsonSchema: null });
    expect(unpinned.status).toBe(200);
    expect(unpinned.body.pinned).toBe(false);
    expect(unpinned.body.jsonSchema.title).toBe('invoice.paid');
    // Judged again against the learned schema, which has fewer samples than the threshold: no longer flagged.
    expect(await driftOf(bench, off)).toBeNull();
    expect(unpinned.body.drifted).toBe(0);
    expect((await bench.api('PUT', '/api/v2/schemas/pin', { event: 'never.seen', jsonSchema: null })).status).toBe(404);
  });

  it('rebuilds one schema from a filter (its event and endpoint only), and from every capture of it', async () => {
    const bench = await start(4);
    for (let i = 0; i < 6; i++) await bench.hook(order(i));
    await bench.hook({ type: 'other.event', x: 1 });
    await bench.settle();
    const boundary = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const drifted = await bench.hook(order(7, {}, { gift: 'yes' }));
    for (let i = 0; i < 3; i++) await bench.hook(order(i + 8));
    await bench.settle();
    expect(await driftOf(bench, drifted)).not.toBeNull();
    expect((await bench.schema('order.created')).samples).toBe(9);

    const older = await bench.api<SchemaDetail>('POST', '/api/v2/schemas/rebuild', { event: 'order.created', filter: { to: boundary } });
    expect(older.status).toBe(200);
    expect(older.body.samples).toBe(6);
    expect(older.body.fields.some((f) => f.path === 'x')).toBe(false);
    expect(await driftOf(bench, drifted)).not.toBeNull();

    const all = await bench.api<SchemaDetail>('POST', '/api/v2/schemas/rebuild', { event: 'order.created' });
    expect(all.body.samples).toBe(10);
    expect(all.body.fields.find((f) => f.path === 'data.gift')).toMatchObject({ present: 1, introducedBy: drifted });
    // Learned now, so judged again it fits.
    expect(await driftOf(bench, drifted)).toBeNull();
    expect(all.body.drifted).toBe(0);
    expect((await bench.api('POST', '/api/v2/schemas/rebuild', { event: 'order.created', filter: { from: Date.now() + 60_000 } })).status).toBe(404);
    expect((await bench.api('POST', '/api/v2/schemas/rebuild', { event: 'nothing.here' })).status).toBe(404);
  });

  it('per endpoint: listSchemas and getSchema with ?endpoint=; generateTypes returns TypeScript and zod', async () => {
    const bench = await start(5);
    expect((await bench.api('PUT', '/api/v2/endpoints/shop', { name: 'Shop' })).status).toBe(200);
    await bench.hook(order(1), { path: '/shop/hook' });
    await bench.hook(order(2), { path: '/shop/hook' });
    await bench.hook(order(3));
    await bench.hook({ type: 'order.cancelled', id: 3, reason: 'changed mind' });
    // Shopify's topics have a slash: the event is one path segment, encoded.
    await bench.hook({ type: 'orders/create', id: 4 });
    await bench.settle();
    expect((await bench.schema('orders/create')).fields.map((f) => f.path)).toEqual(['type', 'id']);

    const all = await bench.api<Page<SchemaSummary>>('GET', '/api/v2/schemas');
    expect(all.body.items.map((s) => [s.event, s.endpoint, s.samples])).toEqual([
      ['order.cancelled', null, 1],
      ['order.created', null, 1],
      ['order.created', 'shop', 2],
      ['orders/create', null, 1],
    ]);
    const shop = await bench.api<Page<SchemaSummary>>('GET', '/api/v2/schemas?endpoint=shop');
    expect(shop.body.items.map((s) => [s.event, s.samples])).toEqual([['order.created', 2]]);
    const inbox = await bench.api<Page<SchemaSummary>>('GET', '/api/v2/schemas?endpoint=');
    expect(inbox.body.items.map((s) => s.event)).toEqual(['order.cancelled', 'order.created', 'orders/create']);
    expect((await bench.schema('order.created', 'shop')).samples).toBe(2);
    expect((await bench.schema('order.created')).samples).toBe(1);
    expect((await bench.api('GET', '/api/v2/schemas/order.cancelled?endpoint=shop')).status).toBe(404);

    const ts = await bench.api<{ language: string; filename: string; code: string }>('POST', '/api/v2/schemas/types', {
      events: ['order.created', 'order.cancelled'],
      language: 'typescript',
    });
    expect(ts.status).toBe(200);
    expect(ts.body).toMatchObject({ language: 'typescript', filename: 'webhook-events.ts' });
    expect(ts.body.code).toMatch(/export (type|interface) /);
    expect(ts.body.code).toContain('"order.cancelled"');
    const zod = await bench.api<{ language: string; filename: string; code: string }>('POST', '/api/v2/schemas/types', { events: ['order.created'], endpoint: 'shop', language: 'zod' });
    expect(zod.status).toBe(200);
    expect(zod.body.filename).toBe('order-created.zod.ts');
    expect(zod.body.code).toContain("import { z } from 'zod'");
    expect(zod.body.code).toContain('export const OrderCreated = z.');
    expect((await bench.api('POST', '/api/v2/schemas/types', { events: ['nope'], language: 'zod' })).status).toBe(404);
  });

  it('roles: viewers read schemas, settings and types; members rebuild and accept; admins pin and change settings', async () => {
    const bench = await start(2);
    for (let i = 0; i < 3; i++) await bench.hook(order(i));
    const flagged = await bench.hook(order(5, {}, { gift: 1 }));
    await bench.settle();
    const origin = new URL(bench.server.ready.uiUrl).origin;
    const as = (token: string) => (method: string, path: string, body?: unknown) =>
      json(origin + path, { method, headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const tokens: Record<string, string> = {};
    for (const role of ['viewer', 'member', 'admin']) tokens[role] = (await bench.api<CreatedToken>('POST', '/api/v2/tokens', { name: `${role}-1`, role })).body.token;
    const viewer = as(tokens.viewer!);
    const member = as(tokens.member!);
    const admin = as(tokens.admin!);
    const pin = { event: 'order.created', jsonSchema: { type: 'object' } };

    for (const [method, path, body] of [
      ['GET', '/api/v2/schemas'],
      ['GET', '/api/v2/schemas/order.created'],
      ['GET', '/api/v2/schema-settings'],
      ['POST', '/api/v2/schemas/types', { events: ['order.created'], language: 'typescript' }],
      ['POST', '/api/v2/collections/export', { ids: [flagged] }],
    ] as const) {
      expect((await viewer(method, path, body)).status, path).toBe(200);
    }
    for (const [method, path, body] of [
      ['POST', '/api/v2/schemas/rebuild', { event: 'order.created' }],
      ['POST', '/api/v2/schemas/accept', { requestId: flagged }],
      ['PUT', '/api/v2/schemas/pin', pin],
      ['PUT', '/api/v2/schema-settings', { minSamples: 3 }],
    ] as const) {
      expect((await viewer(method, path, body)).status, path).toBe(403);
    }
    expect((await member('POST', '/api/v2/schemas/accept', { requestId: flagged })).status).toBe(200);
    expect((await member('POST', '/api/v2/schemas/rebuild', { event: 'order.created' })).status).toBe(200);
    expect((await member('PUT', '/api/v2/schemas/pin', pin)).status).toBe(403);
    expect((await member('PUT', '/api/v2/schema-settings', { minSamples: 3 })).status).toBe(403);
    expect((await admin('PUT', '/api/v2/schemas/pin', pin)).status).toBe(200);
    const settings = await admin('PUT', '/api/v2/schema-settings', { minSamples: 3 });
    expect(settings).toEqual({ status: 200, body: { minSamples: 3 } });
    expect((await viewer('GET', '/api/v2/schema-settings')).body).toEqual({ minSamples: 3 } satisfies SchemaSettings);
    expect((await admin('PUT', '/api/v2/schema-settings', { minSamples: 0 })).status).toBe(400);
    const collection = (await viewer('POST', '/api/v2/collections/export', { ids: [flagged] })).body as Collection;
    expect(collection).toMatchObject({ format: 'hookbench-collection', version: 1, requests: [{ method: 'POST', path: '/hook' }] });
  });

  it('HOOKBENCH_SCHEMA_TRACKING=off learns and flags nothing (the benchmark compares ingest with it off)', async () => {
    process.env.HOOKBENCH_SCHEMA_TRACKING = 'off';
    let bench: Bench;
    try {
      bench = await start(1);
    } finally {
      delete process.env.HOOKBENCH_SCHEMA_TRACKING;
    }
    for (let i = 0; i < 3; i++) await bench.hook(order(i));
    await bench.settle();
    expect((await bench.api<Page<SchemaSummary>>('GET', '/api/v2/schemas')).body.items).toEqual([]);
    expect(bench.server.core.schemaTracker.stats.queued).toBe(0);
  });
});

describe('several instances on one PostgreSQL database', () => {
  let pg: PgServer | undefined;
  afterAll(async () => {
    await pg?.stop();
  });

  it.skipIf(!pgAvailable())('learn one schema together (no sample lost), and drift flagged on one is pushed to the other', async () => {
    pg = await startPostgres();
    const databaseUrl = await pg.createDatabase();
    const dirA = tempDir();
    const a = await startTestCore({ dataDir: dirA, databaseUrl });
    const dirB = tempDir();
    fs.copyFileSync(path.join(dirA, KEY_FILE), path.join(dirB, KEY_FILE));
    const b = await startTestCore({ dataDir: dirB, databaseUrl });
    // Nothing judged while both learn (arrival order is anyone's guess), judged after.
    await asLocal(a.api).call('putSchemaSettings', { minSamples: 1000 });
    const onB: PushEvent[] = [];
    b.api.push.subscribe((event) => onB.push(event));
    const send = async (core: Core, body: unknown) => {
      const res = await request(core.receiverUrl + '/hook', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      return Number(res.headers['x-hookbench-request-id']);
    };
    // Both instances capture the same event at once: their trackers update one row.
    await Promise.all(Array.from({ length: 40 }, (_, i) => send(i % 2 ? a : b, order(i))));
    await Promise.all([a.schemaTracker.flush(), b.schemaTracker.flush()]);
    expect(await asLocal(b.api).call('getSchema', { event: 'order.created' })).toMatchObject({ samples: 40, drifted: 0 });
    await asLocal(b.api).call('putSchemaSettings', { minSamples: 10 });

    const drifted = await send(a, order(41, {}, { gift: true }));
    await a.schemaTracker.flush();
    await until(() => onB.some((e) => e.event === 'request.drift' && e.payload.id === drifted), 'B hears of the drift', 10_000);
    const [listed] = (await asLocal(b.api).call('listRequests', { drift: true })).items;
    expect(listed).toMatchObject({ id: drifted, drift: [{ kind: 'new_field', path: 'data.gift' }] });
    expect((await asLocal(b.api).call('getSchema', { event: 'order.created' })).drifted).toBe(1);
  }, 60_000);
});
