import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgDatabase, type PgDatabase } from '../../../src/main/core/store/postgres/pg-database';
import { migrate } from '../../../src/main/core/store/postgres/migrate';
import { migrations } from '../../../src/main/core/store/postgres/migrations';
import { PgRequestsRepo } from '../../../src/main/core/store/postgres/requests-repo';
import { PgSendsRepo } from '../../../src/main/core/store/postgres/sends-repo';
import { FACET_SCAN_LIMIT, type NewRequest, type Position, type RequestsRepository, type SendsRepository } from '../../../src/main/core/store/repositories';
import { decodeCursor } from '../../../src/main/core/store/request-cursor';
import { INDEXED_BODY_BYTES } from '../../../src/main/core/store/search-text';
import { openDb } from '../../../src/main/core/store/sqlite/db';
import { FtsIndexRepo } from '../../../src/main/core/store/sqlite/fts-index-repo';
import { FtsIndexer } from '../../../src/main/core/store/sqlite/fts-indexer';
import { RequestsRepo } from '../../../src/main/core/store/sqlite/requests-repo';
import { SendsRepo } from '../../../src/main/core/store/sqlite/sends-repo';
import { RequestFilter, type RequestFilterInput } from '../../../src/shared/request-filter';
import { pgAvailable } from '../../helpers/postgres';
import { freshPgDatabase } from '../../helpers/stores';
import { tempDir } from '../../helpers/temp-dir';

/**
 * The requests repository's contract: one suite, run against both adapters (a real SQLite file
 * with its FTS5 index; a fresh PostgreSQL database with the shipped migrations). Whatever the core
 * may rely on is asserted here, so the two cannot drift apart.
 */

interface Harness {
  repo: RequestsRepository;
  sends: SendsRepository;
  /** Another instance on the same database (PostgreSQL only; SQLite has one process per file). */
  secondInstance?: () => RequestsRepository;
  /** The database itself, for what only a raw connection can set up (PostgreSQL only). */
  url?: string;
}

interface Adapter {
  name: 'sqlite' | 'postgres';
  available: boolean;
  /** Retention trims inside the capture transaction (SQLite); on PostgreSQL a singleton job does. */
  trimsOnInsert: boolean;
  open(): Promise<Harness>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sqlite: Adapter = {
  name: 'sqlite',
  available: true,
  trimsOnInsert: true,
  async open() {
    const db = openDb({ dataDir: tempDir() });
    const fts = new FtsIndexer(new FtsIndexRepo(db));
    cleanups.push(() => {
      fts.stop();
      db.close();
    });
    return { repo: new RequestsRepo(db, fts), sends: new SendsRepo(db) };
  },
};

const postgres: Adapter = {
  name: 'postgres',
  available: pgAvailable(),
  trimsOnInsert: false,
  async open() {
    const url = await freshPgDatabase();
    const pool = (): PgDatabase => {
      const db = createPgDatabase(url);
      cleanups.push(() => db.pool.end());
      return db;
    };
    const db = pool();
    await migrate(db, migrations);
    return { repo: new PgRequestsRepo(db), sends: new PgSendsRepo(db), secondInstance: () => new PgRequestsRepo(pool()), url };
  },
};

const T0 = Date.parse('2026-11-20T12:00:00Z');
const MIN = 60_000;

function row(over: Partial<NewRequest> = {}): NewRequest {
  const body = over.body ?? Buffer.from('{}');
  return {
    endpoint: null,
    method: 'POST',
    path: '/hook',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body,
    size: body.length,
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

/** Inserts in one event-loop turn (one group commit); returns the ids in order. */
async function insertAll(repo: RequestsRepository, rows: NewRequest[]): Promise<number[]> {
  return (await Promise.all(rows.map((r) => repo.insert(r)))).map((r) => r.summary.id);
}

const filterOf = (input: RequestFilterInput) => RequestFilter.parse(input);

/** Every page of a filter through the list's cursor. */
async function walkList(repo: RequestsRepository, input: RequestFilterInput, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let after: Position | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await repo.list(filterOf(input), { limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((r) => r.id));
    if (page.nextCursor === null) return ids;
    after = decodeCursor(page.nextCursor);
  }
  throw new Error('paging did not end');
}

async function walkPositions(repo: RequestsRepository, input: RequestFilterInput, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let after: Position | null = null;
  for (;;) {
    const page = await repo.listPositions(filterOf(input), { limit, after });
    ids.push(...page.ids);
    if (page.next === null) return ids;
    after = page.next;
  }
}

const search = async (repo: RequestsRepository, q: string, more: RequestFilterInput = {}) =>
  (await repo.list(filterOf({ ...more, q, order: 'oldest' }), { limit: 100, after: null })).items.map((r) => r.id);

const bytesOf = (r: NewRequest) => r.body.length + Buffer.byteLength(JSON.stringify(r.headers));

describe.each([sqlite, postgres])('requests repository: $name', (adapter) => {
  const test = it.skipIf(!adapter.available);

  describe('insert and get', () => {
    test('stores bodies byte for byte: binary, invalid UTF-8, NUL bytes, 1 MB', async () => {
      const { repo } = await adapter.open();
      const bodies = [
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]),
        Buffer.from('a\u0000b\u0000\u0000c'),
        Buffer.alloc(0),
        randomBytes(1024 * 1024),
      ];
      const ids = await insertAll(repo, bodies.map((body) => row({ body })));
      for (const [i, id] of ids.entries()) {
        const detail = await repo.get(id);
        expect(Buffer.from(detail!.bodyBase64, 'base64').equals(bodies[i]!)).toBe(true);
      }
    });

    test('keeps every field, headers in order with repeats, and answers the summary it stored', async () => {
      const { repo } = await adapter.open();
      const request = row({
        endpoint: 'gh',
        method: 'PATCH',
        path: '/hooks/gh/ü',
        query: 'a=1&a=2',
        headers: [['X-Multi', 'one'], ['x-multi', 'two'], ['X-Unicode', 'naïve ✓'], ['Empty', '']],
        truncated: true,
        size: 11 * 1024 * 1024,
        contentType: null,
        event: 'push',
        scheme: 'github',
        verification: 'invalid',
        status: 418,
        clientAddress: '203.0.113.9',
        viaTunnel: true,
        receivedAt: T0 + 123,
      });
      const { summary, trimmed } = await repo.insert(request);
      expect(trimmed).toEqual([]);
      const detail = await repo.get(summary.id);
      expect(detail).toEqual({ ...summary, headers: request.headers, bodyBase64: request.body.toString('base64'), scheme: 'github' });
      expect(summary).toMatchObject({
        endpoint: 'gh', method: 'PATCH', path: '/hooks/gh/ü', query: 'a=1&a=2', size: 11 * 1024 * 1024, truncated: true, contentType: null,
        event: 'push', verification: 'invalid', status: 418, clientAddress: '203.0.113.9', viaTunnel: true, receivedAt: new Date(T0 + 123).toISOString(),
      });
      expect(await repo.get(summary.id + 1000)).toBeNull();
    });

    test('group commit: inserts queued in one turn commit as one batch, ids in order', async () => {
      const { repo } = await adapter.open();
      const before = { ...repo.writeStats };
      const ids = await insertAll(repo, Array.from({ length: 60 }, (_, i) => row({ path: `/n/${i}` })));
      expect(repo.writeStats.batches - before.batches).toBe(1);
      expect(repo.writeStats.items - before.items).toBe(60);
      expect(repo.writeStats.largestBatch).toBeGreaterThanOrEqual(60);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(60);
      expect((await repo.get(ids[59]!))!.path).toBe('/n/59');
    });

    test('a burst of large bodies (40 MiB in one turn) commits as one batch, exactly', async () => {
      const { repo } = await adapter.open();
      const bodies = Array.from({ length: 5 }, (_, i) => Buffer.alloc(8 * 1024 * 1024, i + 1));
      const before = repo.writeStats.batches;
      const ids = await insertAll(repo, bodies.map((body) => row({ body })));
      expect(repo.writeStats.batches - before).toBe(1);
      for (const [i, id] of ids.entries()) expect(Buffer.from((await repo.get(id))!.bodyBase64, 'base64').equals(bodies[i]!)).toBe(true);
      expect((await repo.usage()).bytes).toBe(5 * bytesOf(row({ body: bodies[0]! })));
    });

    test('flush() commits what is queued', async () => {
      const { repo } = await adapter.open();
      const pending = repo.insert(row());
      await repo.flush();
      expect((await repo.usage()).count).toBe(1);
      expect((await pending).summary.id).toBeGreaterThan(0);
    });

    test('NUL in text fields never fails a capture or its batch-mates (PostgreSQL stores U+FFFD for it)', async () => {
      const { repo } = await adapter.open();
      const nul = row({ path: '/a\u0000b', query: 'x=\u0000', event: 'ev\u0000nt', clientAddress: 'import\u0000', contentType: 'text/\u0000' });
      const [mate, id] = await insertAll(repo, [row({ path: '/mate' }), nul]);
      expect((await repo.get(mate!))!.path).toBe('/mate');
      const stored = adapter.name === 'sqlite' ? (s: string) => s : (s: string) => s.replaceAll('\u0000', '\ufffd');
      const detail = await repo.get(id!);
      expect(detail).toMatchObject({ path: stored('/a\u0000b'), query: stored('x=\u0000'), event: stored('ev\u0000nt'), contentType: stored('text/\u0000') });
      expect(await search(repo, '', { event: 'ev\u0000nt' })).toEqual([id]);
      expect((await repo.since(0, 'x\u0000', 10, 1 << 20)).items).toEqual([]);
    });

    test('setStatus changes the stored answer', async () => {
      const { repo } = await adapter.open();
      const [id] = await insertAll(repo, [row({ status: 202 })]);
      await repo.setStatus(id!, 504);
      expect((await repo.get(id!))!.status).toBe(504);
    });
  });

  describe('filters', () => {
    const seed: NewRequest[] = [
      row({ endpoint: null, method: 'POST', event: 'push', status: 200, verification: null, receivedAt: T0 + 1 * MIN }),
      row({ endpoint: 'gh', method: 'POST', event: 'push', status: 201, verification: 'valid', receivedAt: T0 + 2 * MIN }),
      row({ endpoint: 'gh', method: 'GET', event: 'ping', status: 404, verification: 'invalid', receivedAt: T0 + 3 * MIN }),
      row({ endpoint: 'stripe', method: 'PUT', event: 'invoice.paid', status: 500, verification: 'unsigned', receivedAt: T0 + 4 * MIN }),
      row({ endpoint: null, method: 'DELETE', event: null, status: 302, verification: null, receivedAt: T0 + 5 * MIN }),
      row({ endpoint: 'stripe', method: 'POST', event: 'invoice.paid', status: 200, verification: 'valid', receivedAt: T0 + 6 * MIN }),
      row({ endpoint: 'gh', method: 'POST', event: 'push', status: 503, verification: 'valid', receivedAt: T0 + 7 * MIN }),
      row({ endpoint: null, method: 'GET', event: 'ping', status: 404, verification: null, receivedAt: T0 + 8 * MIN }),
    ];

    /** What the filter should select, decided in JS. */
    function expected(ids: number[], input: RequestFilterInput): number[] {
      const f = filterOf(input);
      const chosen = seed
        .map((r, i) => ({ ...r, id: ids[i]! }))
        .filter(
          (r) =>
            (!f.event?.length || f.event.includes(r.event ?? '\u0000none')) &&
            (!f.status?.length || f.status.some((s) => (s.endsWith('xx') ? Math.floor(r.status / 100) === Number(s[0]) : r.status === Number(s)))) &&
            (!f.method?.length || f.method.includes(r.method)) &&
            (!f.verification?.length || (r.verification !== null && f.verification.includes(r.verification))) &&
            (!f.endpoint?.length || f.endpoint.includes(r.endpoint ?? '')) &&
            (f.from === undefined || r.receivedAt >= f.from) &&
            (f.to === undefined || r.receivedAt <= f.to),
        )
        .sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id)
        .map((r) => r.id);
      return f.order === 'newest' ? chosen.reverse() : chosen;
    }

    const cases: RequestFilterInput[] = [
      {},
      { event: 'push' },
      { event: ['push', 'ping'] },
      { status: '404' },
      { status: '2xx' },
      { status: ['404', '5xx'] },
      { status: ['200', '201'] },
      { method: 'get' },
      { method: ['PUT', 'DELETE'] },
      { verification: 'valid' },
      { verification: ['invalid', 'unsigned'] },
      { endpoint: '' },
      { endpoint: 'gh' },
      { endpoint: ['', 'stripe'] },
      { endpoint: 'nope' },
      { from: T0 + 3 * MIN },
      { to: T0 + 3 * MIN },
      { from: new Date(T0 + 2 * MIN).toISOString(), to: T0 + 6 * MIN },
      { event: 'push', endpoint: 'gh', status: '2xx' },
      { method: 'POST', verification: 'valid', from: T0 + 3 * MIN },
      { endpoint: ['', 'gh'], status: '4xx', method: 'GET' },
      { event: 'invoice.paid', order: 'oldest' },
      { status: '5xx', order: 'oldest' },
    ];

    test('each dimension and combinations select what the filter says, in both orders', async () => {
      const { repo } = await adapter.open();
      const ids = await insertAll(repo, seed);
      for (const input of cases) {
        for (const order of ['newest', 'oldest'] as const) {
          const want = expected(ids, { ...input, order });
          const page = await repo.list(filterOf({ ...input, order }), { limit: 100, after: null });
          expect(page.items.map((r) => r.id), JSON.stringify({ ...input, order })).toEqual(want);
          expect(page.nextCursor).toBeNull();
          const positions = await repo.listPositions(filterOf({ ...input, order }), { limit: 100, after: null });
          expect(positions.ids).toEqual(want);
        }
      }
    });

    test('facets count each dimension with its own selection left out', async () => {
      const { repo } = await adapter.open();
      const ids = await insertAll(repo, seed);
      const all = await repo.facets(filterOf({}));
      expect(all.total).toBe(8);
      expect(all.capped).toBe(false);
      expect(all.scanned).toBe(FACET_SCAN_LIMIT);
      expect(all.events).toEqual([
        { value: 'push', count: 3 },
        { value: 'invoice.paid', count: 2 },
        { value: 'ping', count: 2 },
        { value: null, count: 1 },
      ]);
      expect(all.statuses).toEqual([
        { value: '2xx', count: 3 },
        { value: '4xx', count: 2 },
        { value: '5xx', count: 2 },
        { value: '3xx', count: 1 },
      ]);
      expect(all.methods).toEqual([
        { value: 'POST', count: 4 },
        { value: 'GET', count: 2 },
        { value: 'DELETE', count: 1 },
        { value: 'PUT', count: 1 },
      ]);
      expect(all.endpoints).toEqual([
        { value: 'gh', count: 3 },
        { value: null, count: 3 },
        { value: 'stripe', count: 2 },
      ]);
      expect(all.verifications).toEqual([
        { value: null, count: 3 },
        { value: 'valid', count: 3 },
        { value: 'invalid', count: 1 },
        { value: 'unsigned', count: 1 },
      ]);

      const narrowed = await repo.facets(filterOf({ event: 'push', endpoint: 'gh' }));
      expect(narrowed.total).toBe(expected(ids, { event: 'push', endpoint: 'gh' }).length);
      // Events: within endpoint gh only, every event still counted.
      expect(narrowed.events).toEqual([
        { value: 'push', count: 2 },
        { value: 'ping', count: 1 },
      ]);
      // Endpoints: within event push only, every endpoint still counted.
      expect(narrowed.endpoints).toEqual([
        { value: 'gh', count: 2 },
        { value: null, count: 1 },
      ]);
      expect(narrowed.statuses).toEqual([
        { value: '2xx', count: 1 },
        { value: '5xx', count: 1 },
      ]);
      const byStatus = await repo.facets(filterOf({ status: '4xx', method: 'GET', verification: 'invalid' }));
      expect(byStatus.total).toBe(1);
      expect(byStatus.statuses).toEqual([{ value: '4xx', count: 1 }]);
      expect(byStatus.methods).toEqual([{ value: 'GET', count: 1 }]);
      // Verdicts: within 4xx GETs only, the unchecked one counted too.
      expect(byStatus.verifications).toEqual([
        { value: 'invalid', count: 1 },
        { value: null, count: 1 },
      ]);
    });

    test('facets stop at FACET_SCAN_LIMIT and say so', async () => {
      const { repo } = await adapter.open();
      await insertAll(repo, Array.from({ length: FACET_SCAN_LIMIT + 5 }, (_, i) => row({ event: i % 2 ? 'odd' : 'even', receivedAt: T0 + i })));
      const facets = await repo.facets(filterOf({}));
      expect(facets).toMatchObject({ total: FACET_SCAN_LIMIT, scanned: FACET_SCAN_LIMIT, capped: true });
      expect(facets.events.reduce((sum, e) => sum + e.count, 0)).toBe(FACET_SCAN_LIMIT);
      const narrow = await repo.facets(filterOf({ event: 'odd' }));
      expect(narrow).toMatchObject({ total: (FACET_SCAN_LIMIT + 4) / 2, capped: false });
      // The left-out dimension is capped too.
      expect(narrow.events.reduce((sum, e) => sum + e.count, 0)).toBe(FACET_SCAN_LIMIT);
    });
  });

  describe('keyset paging', () => {
    test('pages through equal times in both orders, every row once, lists and positions alike', async () => {
      const { repo } = await adapter.open();
      // Inserted out of time order, four rows per millisecond: ids and times disagree.
      const times = Array.from({ length: 27 }, (_, i) => T0 + Math.floor(i / 4));
      const shuffled = times.map((t, i) => ({ t, k: (i * 11) % 27 })).sort((a, b) => a.k - b.k);
      const ids = await insertAll(repo, shuffled.map(({ t }) => row({ receivedAt: t })));
      const rows = shuffled.map(({ t }, i) => ({ t, id: ids[i]! }));
      const oldest = [...rows].sort((a, b) => a.t - b.t || a.id - b.id).map((r) => r.id);
      const newest = [...oldest].reverse();
      for (const limit of [1, 4, 5, 26, 27, 100]) {
        expect(await walkList(repo, { order: 'newest' }, limit)).toEqual(newest);
        expect(await walkList(repo, { order: 'oldest' }, limit)).toEqual(oldest);
        expect(await walkPositions(repo, { order: 'newest' }, limit)).toEqual(newest);
        expect(await walkPositions(repo, { order: 'oldest' }, limit)).toEqual(oldest);
      }
      // With a filter too.
      const even = rows.filter((_, i) => i % 2 === 0).map((r) => r.id);
      await repo.delete(rows.filter((_, i) => i % 2 === 1).map((r) => r.id));
      expect(await walkList(repo, { order: 'oldest', method: 'POST' }, 3)).toEqual(oldest.filter((id) => even.includes(id)));
    });
  });

  describe('full text', () => {
    const docs = {
      fox: row({ path: '/hooks/alpha', body: Buffer.from('The Quick Brown Fox jumps'), headers: [['Content-Type', 'text/plain']] }),
      links: row({ body: Buffer.from('{"email":"ada@example.com","docs":"https://docs.example.org/api-v2/hooks?x=1","note":"well-known"}') }),
      accents: row({ body: Buffer.from('Café CRÈME naïve') }),
      header: row({ headers: [['X-Trace', 'zebra123']], event: 'traced' }),
      binary: row({ body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(' binaryword ')]) }),
      large: row({ body: Buffer.concat([Buffer.from('startword '), Buffer.alloc(INDEXED_BODY_BYTES, 0x20), Buffer.from(' pastlimit')]), status: 500 }),
    };
    type Doc = keyof typeof docs;

    async function seedDocs(repo: RequestsRepository): Promise<Record<Doc, number>> {
      const names = Object.keys(docs) as Doc[];
      const ids = await insertAll(repo, names.map((name, i) => ({ ...docs[name], receivedAt: T0 + i })));
      return Object.fromEntries(names.map((name, i) => [name, ids[i]!])) as Record<Doc, number>;
    }

    test('every word as a prefix, all words required, case and diacritics ignored', async () => {
      const { repo } = await adapter.open();
      const id = await seedDocs(repo);
      expect(await search(repo, 'qui')).toEqual([id.fox]);
      expect(await search(repo, 'quick brown')).toEqual([id.fox]);
      expect(await search(repo, 'bro qu')).toEqual([id.fox]);
      expect(await search(repo, 'quick zebra')).toEqual([]);
      expect(await search(repo, 'QUICK')).toEqual([id.fox]);
      expect(await search(repo, 'alpha')).toEqual([id.fox]); // the path
      expect(await search(repo, 'cafe')).toEqual([id.accents]);
      expect(await search(repo, 'CRÈME naive')).toEqual([id.accents]);
      expect(await search(repo, 'creme')).toEqual([id.accents]);
      expect(await search(repo, 'zebra')).toEqual([id.header]); // a header value
      expect(await search(repo, 'x-trace')).toEqual([id.header]); // a header name
      expect(await search(repo, 'uick')).toEqual([]); // prefixes, not substrings
    });

    test('words inside emails, URLs and hyphenated text are found', async () => {
      const { repo } = await adapter.open();
      const id = await seedDocs(repo);
      for (const q of ['ada', 'example', 'example.com', 'ada@example.com', 'docs', 'api', 'v2', 'known', 'well-known', 'hooks']) {
        expect(await search(repo, q), q).toContain(id.links);
      }
    });

    test('operators, quotes and NUL are searched for, never executed or an error', async () => {
      const { repo } = await adapter.open();
      const id = await seedDocs(repo);
      expect(await search(repo, '"quick" (brown)')).toEqual([id.fox]);
      expect(await search(repo, 'quick* -brown')).toEqual([id.fox]);
      expect(await search(repo, "quick' & !brown:* | <->")).toEqual([id.fox]);
      expect(await search(repo, 'quick\u0000brown')).toEqual([id.fox]);
      expect(await search(repo, 'NEAR(quick brown)')).toEqual([]); // 'near' is a word to find
      expect(await search(repo, 'quick AND brown')).toEqual([]); // so is 'and'
      expect(await search(repo, 'quick OR zebra')).toEqual([]);
      for (const q of ['"', '""', '*', '***', '(', ')', "'", '\\', '&', ':*', '-', '\u0000', '"quick']) {
        const found = await search(repo, q);
        expect(Array.isArray(found), q).toBe(true);
      }
      expect(await search(repo, '"* -- &')).toEqual([]);
      // Blank text is no condition at all.
      expect(await search(repo, '   ')).toHaveLength(Object.keys(docs).length);
    });

    test('binary bodies are not indexed; a body is indexed to INDEXED_BODY_BYTES', async () => {
      const { repo } = await adapter.open();
      const id = await seedDocs(repo);
      expect(await search(repo, 'binaryword')).toEqual([]);
      expect(await search(repo, 'startword')).toEqual([id.large]);
      expect(await search(repo, 'pastlimit')).toEqual([]);
    });

    test('a body with a great many distinct words is stored and found by its start', async () => {
      const { repo } = await adapter.open();
      const words = Array.from({ length: 150_000 }, (_, i) => `w${i.toString(36).padStart(6, '0')}`);
      const [id] = await insertAll(repo, [row({ body: Buffer.from(`firstword ${words.join(' ')}`) })]);
      expect(await search(repo, 'firstword')).toEqual([id]);
      expect(await search(repo, 'w00000')).toEqual([id]);
    });

    test('text combines with the other filters and pages with the cursor', async () => {
      const { repo } = await adapter.open();
      const id = await seedDocs(repo);
      expect(await search(repo, 'zebra', { event: 'traced' })).toEqual([id.header]);
      expect(await search(repo, 'zebra', { event: 'other' })).toEqual([]);
      expect(await search(repo, 'startword', { status: '5xx' })).toEqual([id.large]);
      expect(await search(repo, 'startword', { status: '2xx' })).toEqual([]);
      expect(await search(repo, 'quick', { from: T0 + 1 })).toEqual([]);
      const many = await insertAll(repo, Array.from({ length: 7 }, (_, i) => row({ body: Buffer.from(`pager ${i}`), receivedAt: T0 + 100 + i })));
      expect(await walkList(repo, { q: 'pager', order: 'newest' }, 2)).toEqual([...many].reverse());
      expect(await walkList(repo, { q: 'pager', order: 'oldest' }, 3)).toEqual(many);
      expect(await walkPositions(repo, { q: 'pager', order: 'oldest' }, 3)).toEqual(many);
      const facets = await repo.facets(filterOf({ q: 'pager' }));
      expect(facets.total).toBe(7);
    });

    test('deleted requests leave the search', async () => {
      const { repo } = await adapter.open();
      const id = await seedDocs(repo);
      await search(repo, 'quick'); // SQLite: the index has caught up before the delete
      await repo.delete([id.fox]);
      expect(await search(repo, 'quick')).toEqual([]);
    });
  });

  describe('catch-up feed', () => {
    test('since() returns captures in order from a position, filtered, imports left out', async () => {
      const { repo } = await adapter.open();
      expect(await repo.latestPosition()).toBe(0);
      expect(await repo.since(0, null, 10, 1 << 20)).toEqual({ items: [], more: false });
      const ids = await insertAll(repo, [
        row({ path: '/a', endpoint: 'gh' }),
        row({ path: '/import', clientAddress: 'import' }),
        row({ path: '/b' }),
        row({ path: '/import-through-tunnel', clientAddress: 'import', viaTunnel: true }),
        row({ path: '/c', endpoint: 'gh' }),
      ]);
      const all = await repo.since(0, null, 10, 1 << 20);
      expect(all.more).toBe(false);
      expect(all.items.map((i) => i.request.path)).toEqual(['/a', '/b', '/import-through-tunnel', '/c']);
      expect(all.items.map((i) => i.request.id)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
      const positions = all.items.map((i) => i.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(4);
      expect(all.items[0]!.request).toEqual(await repo.get(ids[0]!));

      const latest = await repo.latestPosition();
      expect(latest).toBeGreaterThanOrEqual(positions[3]!);
      expect((await repo.since(latest, null, 10, 1 << 20)).items).toEqual([]);
      expect((await repo.since(positions[1]!, null, 10, 1 << 20)).items.map((i) => i.request.path)).toEqual(['/import-through-tunnel', '/c']);
      expect((await repo.since(0, 'gh', 10, 1 << 20)).items.map((i) => i.request.path)).toEqual(['/a', '/c']);
      expect((await repo.since(positions[0]!, 'gh', 10, 1 << 20)).items.map((i) => i.request.path)).toEqual(['/c']);

      const [later] = await insertAll(repo, [row({ path: '/d' })]);
      const next = await repo.since(latest, null, 10, 1 << 20);
      expect(next.items.map((i) => i.request.id)).toEqual([later]);
      expect(next.items[0]!.position).toBeGreaterThan(latest);
    });

    test('pages stop at the limit or the byte budget, with at least one row', async () => {
      const { repo } = await adapter.open();
      // 100-byte bodies + '[]' headers: 102 bytes a row.
      await insertAll(repo, Array.from({ length: 5 }, (_, i) => row({ path: `/${i}`, headers: [], body: Buffer.alloc(100, 0x61) })));
      const paths = async (after: number, limit: number, maxBytes: number) => {
        const page = await repo.since(after, null, limit, maxBytes);
        return { paths: page.items.map((i) => i.request.path), more: page.more, last: page.items.at(-1)?.position ?? after };
      };
      expect(await paths(0, 2, 1 << 20)).toMatchObject({ paths: ['/0', '/1'], more: true });
      expect(await paths(0, 10, 250)).toMatchObject({ paths: ['/0', '/1'], more: true });
      expect(await paths(0, 10, 204)).toMatchObject({ paths: ['/0', '/1'], more: true });
      expect(await paths(0, 10, 10)).toMatchObject({ paths: ['/0'], more: true });
      expect(await paths(0, 5, 1 << 20)).toMatchObject({ paths: ['/0', '/1', '/2', '/3', '/4'], more: false });
      // Walking with a tiny budget still gets everything, one at a time.
      const seen: string[] = [];
      let after = 0;
      for (let i = 0; i < 10; i++) {
        const page = await paths(after, 10, 1);
        seen.push(...page.paths);
        after = page.last;
        if (!page.more) break;
      }
      expect(seen).toEqual(['/0', '/1', '/2', '/3', '/4']);
    });
  });

  describe('deleting and usage', () => {
    test('usage counts rows and the bytes of bodies and headers (UTF-8)', async () => {
      const { repo } = await adapter.open();
      const rows = [
        row({ body: Buffer.alloc(1000) }),
        row({ headers: [['X-Name', 'Zoë ✓']], body: Buffer.from('héllo') }),
        row({ headers: [], body: Buffer.alloc(0) }),
      ];
      const ids = await insertAll(repo, rows);
      expect(await repo.usage()).toEqual({ count: 3, bytes: rows.reduce((sum, r) => sum + bytesOf(r), 0) });
      expect(await repo.delete([ids[1]!, 999_999, ids[1]!])).toEqual([ids[1]]);
      expect(await repo.usage()).toEqual({ count: 2, bytes: bytesOf(rows[0]!) + bytesOf(rows[2]!) });
      expect(await repo.get(ids[1]!)).toBeNull();
      expect(await repo.delete([ids[2]!, ids[0]!])).toEqual([ids[2], ids[0]]);
      expect(await repo.usage()).toEqual({ count: 0, bytes: 0 });
      expect(await repo.delete([])).toEqual([]);
    });

    test('deleteMatching deletes exactly the matches, in chunks, and returns their ids', async () => {
      const { repo } = await adapter.open();
      const kept = await insertAll(repo, [row({ endpoint: 'keep', receivedAt: T0 }), row({ endpoint: null, receivedAt: T0 + 1 })]);
      const gone = await insertAll(repo, Array.from({ length: 4_100 }, (_, i) => row({ endpoint: 'gh', receivedAt: T0 + 2 + i, body: Buffer.alloc(10) })));
      const deleted = await repo.deleteMatching(filterOf({ endpoint: 'gh' }));
      expect([...deleted].sort((a, b) => a - b)).toEqual(gone);
      expect(await repo.usage()).toEqual({ count: 2, bytes: 2 * bytesOf(row()) });
      expect(await repo.deleteMatching(filterOf({ endpoint: 'gh' }))).toEqual([]);
      expect(await repo.deleteMatching(filterOf({ endpoint: '' }))).toEqual([kept[1]]);
      expect((await repo.list(filterOf({}), { limit: 10, after: null })).items.map((r) => r.id)).toEqual([kept[0]]);
    });

    test('sends are recorded per request and go with it', async () => {
      const { repo, sends } = await adapter.open();
      const [id] = await insertAll(repo, [row()]);
      const sent = { url: 'http://127.0.0.1:1/x', method: 'POST', headers: [['A', 'b']] as [string, string][], body: Buffer.from([0, 1, 255]), timeoutMs: 1000 };
      const forward = await sends.record(id!, 'forward', sent, { ok: true, status: 201, headers: [['X', 'y']], body: Buffer.from('ok'), truncated: true, durationMs: 12 }, T0);
      const replay = await sends.record(id!, 'replay', sent, { ok: false, error: { kind: 'refused', message: 'no' }, durationMs: 3 }, T0 + 1, 'ada');
      expect(forward).toMatchObject({ requestId: id, kind: 'forward', by: null, response: { status: 201, headers: [['X', 'y']], bodyBase64: 'b2s=', truncated: true }, error: null, durationMs: 12 });
      expect(forward.request).toEqual({ headers: [['A', 'b']], bodyBase64: Buffer.from([0, 1, 255]).toString('base64') });
      expect(replay).toMatchObject({ kind: 'replay', by: 'ada', response: null, error: { kind: 'refused', message: 'no' }, startedAt: new Date(T0 + 1).toISOString() });
      expect(await sends.list(id!)).toEqual([replay, forward]);
      expect(await sends.list(id!, 1)).toEqual([replay]);
      await repo.delete([id!]);
      expect(await sends.list(id!)).toEqual([]);
    });
  });

  describe('retention', () => {
    test('applyRetention drops the oldest until the count holds', async () => {
      const { repo } = await adapter.open();
      const ids = await insertAll(repo, Array.from({ length: 10 }, (_, i) => row({ receivedAt: T0 + i })));
      expect(await repo.applyRetention({ maxCount: 6, maxBytes: null })).toEqual(ids.slice(0, 4));
      expect((await repo.usage()).count).toBe(6);
      expect(await repo.applyRetention({ maxCount: 6, maxBytes: null })).toEqual([]);
      expect(await repo.applyRetention({ maxCount: null, maxBytes: null })).toEqual([]);
      expect(await repo.applyRetention({ maxCount: 0, maxBytes: null })).toEqual(ids.slice(4));
      expect(await repo.usage()).toEqual({ count: 0, bytes: 0 });
    });

    test('applyRetention drops the oldest until the bytes hold', async () => {
      const { repo } = await adapter.open();
      const rows = Array.from({ length: 10 }, () => row({ headers: [], body: Buffer.alloc(1000) })); // 1002 bytes each
      const ids = await insertAll(repo, rows);
      expect(await repo.applyRetention({ maxCount: null, maxBytes: 3500 })).toEqual(ids.slice(0, 7));
      expect(await repo.usage()).toEqual({ count: 3, bytes: 3006 });
      // Both limits: whichever needs more goes.
      expect(await repo.applyRetention({ maxCount: 2, maxBytes: 3006 })).toEqual([ids[7]]);
    });

    test('previewRetention counts what applyRetention would delete, and deletes nothing', async () => {
      const { repo } = await adapter.open();
      const rows = Array.from({ length: 10 }, () => row({ headers: [], body: Buffer.alloc(1000) })); // 1002 bytes each
      await insertAll(repo, rows);
      const cases = [
        { maxCount: null, maxBytes: null },
        { maxCount: 10, maxBytes: null },
        { maxCount: 6, maxBytes: null },
        { maxCount: 1, maxBytes: null },
        { maxCount: null, maxBytes: 3500 },
        { maxCount: null, maxBytes: 1024 },
        { maxCount: 2, maxBytes: 5010 },
        { maxCount: 8, maxBytes: 3006 },
      ];
      const previews = [];
      for (const retention of cases) previews.push(await repo.previewRetention(retention));
      expect(previews).toEqual([0, 0, 4, 9, 7, 9, 8, 7]);
      expect(await repo.usage()).toEqual({ count: 10, bytes: 10_020 });
      // The preview is what the real trim then deletes.
      expect((await repo.applyRetention({ maxCount: null, maxBytes: 3500 })).length).toBe(7);
      expect(await repo.previewRetention({ maxCount: null, maxBytes: 3500 })).toBe(0);
    });

    test('previewRetention by size reads past one page of the oldest rows', async () => {
      const { repo } = await adapter.open();
      // More rows than one chunk (2,000), each 4 bytes: `{}` as body, `[]` as headers.
      await insertAll(repo, Array.from({ length: 2_500 }, () => row({ headers: [], body: Buffer.from('{}') })));
      expect(await repo.previewRetention({ maxCount: null, maxBytes: 1024 })).toBe(2_500 - 256);
      expect((await repo.usage()).count).toBe(2_500);
    });

    test('captures are trimmed in their own commit (SQLite) or left to the retention job (PostgreSQL)', async () => {
      const { repo } = await adapter.open();
      const first = await insertAll(repo, Array.from({ length: 3 }, (_, i) => row({ receivedAt: T0 + i })));
      expect(await repo.applyRetention({ maxCount: 3, maxBytes: null })).toEqual([]);
      const results = await Promise.all([repo.insert(row()), repo.insert(row())]);
      if (adapter.trimsOnInsert) {
        // The batch's trimmed ids go with its first capture only.
        expect(results.map((r) => r.trimmed)).toEqual([first.slice(0, 2), []]);
        expect((await repo.usage()).count).toBe(3);
      } else {
        expect(results.map((r) => r.trimmed)).toEqual([[], []]);
        expect((await repo.usage()).count).toBe(5);
      }
    });
  });

  describe.skipIf(adapter.name !== 'postgres' || !adapter.available)('several instances on one database', () => {
    test('a row committed after a later id is still in the feed (positions follow commits, not ids)', async () => {
      const { repo, url, secondInstance } = await adapter.open();
      const other = secondInstance!();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      cleanups.push(() => client.end());
      // An instance takes an id and is slow to commit…
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO requests (method, path, headers, body, size, status, received_at, search)
         VALUES ('POST', '/slow', '[]', '\\x00', 1, 200, $1, array_to_tsvector('{slow}'::text[])) RETURNING id`,
        [T0],
      );
      const slowId = Number(rows[0]!.id);
      // …while another commits a later id, which a reader sees first.
      const [fastId] = await insertAll(other, [row({ path: '/fast' })]);
      expect(fastId).toBeGreaterThan(slowId);
      const first = await repo.since(0, null, 10, 1 << 20);
      expect(first.items.map((i) => i.request.id)).toEqual([fastId]);
      await client.query('COMMIT');
      const second = await repo.since(first.items[0]!.position, null, 10, 1 << 20);
      expect(second.items.map((i) => i.request.id)).toEqual([slowId]);
      expect(await repo.usage()).toMatchObject({ count: 1 }); // the raw insert did not count itself
    });

    test('two instances capturing at once: the feed has every capture once, gap-free, and a polling reader misses none', async () => {
      const { repo, secondInstance, url } = await adapter.open();
      // Capture transactions linger a random 0-20 ms between taking their ids and committing, so
      // later ids often commit first (a reader walking ids would skip rows here).
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`CREATE FUNCTION linger() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(random() * 0.02); RETURN NULL; END $$;
        CREATE TRIGGER linger AFTER INSERT ON requests FOR EACH STATEMENT EXECUTE FUNCTION linger();`);
      await client.end();
      const instances = [secondInstance!(), secondInstance!()];
      const written: number[] = [];
      let writing = true;
      const writers = instances.map(async (instance, n) => {
        for (let round = 0; round < 30; round++) {
          const burst = Array.from({ length: 1 + ((round * 7 + n) % 15) }, (_, i) => row({ path: `/${n}/${round}/${i}`, receivedAt: T0 + round }));
          written.push(...(await insertAll(instance, burst)));
        }
      });
      const done = Promise.all(writers).finally(() => (writing = false));

      // A reader polls with small pages while both write.
      const read: number[] = [];
      const positions: number[] = [];
      let after = 0;
      const poll = async () => {
        for (;;) {
          const page = await repo.since(after, null, 7, 1 << 20);
          read.push(...page.items.map((i) => i.request.id));
          positions.push(...page.items.map((i) => i.position));
          if (page.items.length > 0) after = page.items.at(-1)!.position;
          if (!page.more) return;
        }
      };
      while (writing) await poll();
      await done;
      await poll();

      expect(written.length).toBeGreaterThan(200);
      expect([...read].sort((a, b) => a - b)).toEqual([...written].sort((a, b) => a - b));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);

      // From the start, another instance reads the same feed: every capture once, positions 1..N.
      const feed: { id: number; position: number }[] = [];
      let from = 0;
      for (;;) {
        const page = await instances[0]!.since(from, null, 50, 1 << 20);
        feed.push(...page.items.map((i) => ({ id: i.request.id, position: i.position })));
        if (page.items.length > 0) from = page.items.at(-1)!.position;
        if (!page.more) break;
      }
      expect(feed.map((f) => f.id)).toEqual(read);
      expect(feed.map((f) => f.position)).toEqual(Array.from({ length: written.length }, (_, i) => i + 1));
      expect(await instances[1]!.latestPosition()).toBe(written.length);
      expect((await repo.usage()).count).toBe(written.length);
    });
  });
});
