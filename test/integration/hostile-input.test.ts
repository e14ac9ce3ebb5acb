import http from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract, methodNames } from '../../src/shared/contract';
import type { Headless } from '../../src/main/headless';
import { startTestHeadless } from '../helpers/core';
import { rawExchange, request } from '../helpers/http';
import { rest } from '../helpers/rest';

/**
 * Hostile input on both ports. The rules: every request a client got a 2xx for is stored, every
 * stored request's client gets its own answer (before any error on the same connection), malformed
 * input gets a clear 4xx, and nothing produces a 500 or a crash.
 */

/** Generous: the machine is shared; a test waits for the server to close, not for a timer. */
const SOCKET_IDLE_MS = 15_000;

/** Raw bytes in, everything until the server closes out (a long idle wait: the machine may be loaded). */
const rawBytes = (port: number, payload: string | Buffer, halfClose = false) => rawExchange(port, payload, SOCKET_IDLE_MS, halfClose);

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Splits a byte stream into the HTTP/1.x responses it holds (every answer here has a Content-Length). */
function parseResponses(stream: string, headRequests = 0): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = stream;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) throw new Error(`incomplete response head: ${JSON.stringify(rest.slice(0, 200))}`);
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine!);
    if (!match) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
    const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = out.length < headRequests ? 0 : Number(headers.get('content-length') ?? 0);
    out.push({ status: Number(match[1]), headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return out;
}

function receiverPort(server: Headless): number {
  return Number(new URL(server.ready.receiverUrl).port);
}

/** Asserts the receiver's core rule on one connection's answers; returns the stored ids. */
async function expectStoredAnsweredFirst(server: Headless, responses: RawResponse[]): Promise<number[]> {
  const stored = (await server.core.store.requests.list({}, { limit: 100, after: null })).items.map((r) => r.id);
  const firstError = responses.findIndex((r) => r.status >= 400);
  const answered = responses.slice(0, firstError === -1 ? undefined : firstError);
  // Everything before the first error is a stored request's own 200, with its id.
  for (const r of answered) expect(r.status).toBe(200);
  const ids = answered.map((r) => Number(r.headers.get('x-hookbench-request-id')));
  expect(ids.sort()).toEqual([...stored].sort());
  // Nothing after an error (the connection is closed).
  if (firstError !== -1) expect(responses.length).toBe(firstError + 1);
  return ids;
}

describe('receiver: a stored request is always answered with its own response first', () => {
  const cases: [string, string, number][] = [
    ['Content-Length smaller than the body', 'POST /short HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello world, the rest is garbage', 1],
    ['a valid request pipelined before a malformed one', 'POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiTHIS IS NOT HTTP\r\n\r\n', 1],
    [
      'two valid requests pipelined before a malformed one',
      'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\naPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nb get / HTTP/1.1\r\n\r\n',
      2,
    ],
    [
      'a chunked HTTP/1.0 request followed by another',
      'POST /chunked HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nPOST /second HTTP/1.0\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi',
      1,
    ],
  ];

  it.each(cases)('%s', async (_name, payload, storedCount) => {
    const server = await startTestHeadless();
    const responses = parseResponses(await rawBytes(receiverPort(server), payload));
    expect(responses[0]?.status).toBe(200);
    const ids = await expectStoredAnsweredFirst(server, responses);
    expect(ids).toHaveLength(storedCount);
    for (const id of ids) expect((await server.core.store.requests.get(id))).not.toBeNull();
  });

  it('answers a client that half-closes its side right after sending', async () => {
    const server = await startTestHeadless();
    expect((await rest(server)('PUT', '/api/v2/endpoints/later', { response: { delayMs: 200 } })).status).toBe(200);
    for (const path of ['/now', '/later/x']) {
      const payload = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi`;
      const responses = parseResponses(await rawBytes(receiverPort(server), payload, true));
      expect(responses.map((r) => r.status), path).toEqual([200]);
    }
    expect((await server.core.store.requests.usage()).count).toBe(2);
  });

  it('waits for an endpoint\'s configured delay before the error', async () => {
    const server = await startTestHeadless();
    const api = rest(server);
    expect((await api('PUT', '/api/v2/endpoints/slow', { response: { status: 202, delayMs: 300 } })).status).toBe(200);
    const payload = 'POST /slow/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiNOT HTTP AT ALL\r\n\r\n';
    const responses = parseResponses(await rawBytes(receiverPort(server), payload));
    expect(responses.map((r) => r.status)).toEqual([202, 400]);
    const id = Number(responses[0]!.headers.get('x-hookbench-request-id'));
    expect((await server.core.store.requests.get(id))?.path).toBe('/slow/x');
  });
});

/** A request head with `count` headers `X-H-<i>: v<i>` and the given total head size at least. */
function manyHeaders(count: number, path = '/many'): string {
  const lines = Array.from({ length: count }, (_, i) => `X-H-${i}: v${i}\r\n`).join('');
  return `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n${lines}\r\n`;
}

describe('receiver: headers are stored byte-exact or refused with 431', () => {
  it('stores all 3,000 headers of a 46 KB head', async () => {
    const server = await startTestHeadless();
    const head = manyHeaders(3000);
    expect(head.length).toBeGreaterThan(45_000);
    expect(head.length).toBeLessThan(64 * 1024);
    const [res] = parseResponses(await rawBytes(receiverPort(server), head));
    expect(res?.status).toBe(200);
    const stored = (await server.core.store.requests.get(Number(res!.headers.get('x-hookbench-request-id'))))!;
    expect(stored.headers).toHaveLength(3003);
    expect(stored.headers.at(-1)).toEqual(['X-H-2999', 'v2999']);
  });

  it('refuses 5,000 headers (78 KB, over the 64 KiB head limit) with 431 and stores nothing', async () => {
    const server = await startTestHeadless();
    const head = manyHeaders(5000);
    expect(head.length).toBeGreaterThan(64 * 1024);
    const responses = parseResponses(await rawBytes(receiverPort(server), head));
    expect(responses.map((r) => r.status)).toEqual([431]);
    expect((await server.core.store.requests.usage()).count).toBe(0);
  });

  it('draws the line at exactly 64 KiB of request line and headers', async () => {
    const server = await startTestHeadless();
    const port = receiverPort(server);
    const base = 'POST /edge HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: \r\n\r\n';
    const fits = base.replace('X-Pad: ', `X-Pad: ${'p'.repeat(64 * 1024 - base.length)}`);
    expect(fits.length).toBe(64 * 1024);
    const [ok] = parseResponses(await rawBytes(port, fits));
    expect(ok?.status).toBe(200);
    const over = base.replace('X-Pad: ', `X-Pad: ${'p'.repeat(64 * 1024 - base.length + 1)}`);
    const [refused] = parseResponses(await rawBytes(port, over));
    expect(refused?.status).toBe(431);
    expect((await server.core.store.requests.usage()).count).toBe(1);
  });
});

describe('receiver: methods', () => {
  it.each(http.METHODS)('captures %s', async (method) => {
    const server = await startTestHeadless();
    // CONNECT takes an authority as its target; every other method a path.
    const target = method === 'CONNECT' ? 'example.com:443' : `/methods/${method}`;
    const payload = `${method} ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
    const responses = parseResponses(await rawBytes(receiverPort(server), payload), method === 'HEAD' ? 1 : 0);
    expect(responses.map((r) => r.status)).toEqual([200]);
    const stored = (await server.core.store.requests.get(Number(responses[0]!.headers.get('x-hookbench-request-id'))))!;
    expect(stored.method).toBe(method);
    expect(stored.path).toBe(target);
  });

  it('captures a WebSocket upgrade request as a plain request (no upgrade happens)', async () => {
    const server = await startTestHeadless();
    const payload = 'GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    const responses = parseResponses(await rawBytes(receiverPort(server), payload, true));
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect((await server.core.store.requests.get(Number(responses[0]!.headers.get('x-hookbench-request-id'))))?.path).toBe('/ws');
  });

  it.each(['get', 'Post', 'FOO', 'BREW', 'DESCRIBE', 'PRI', 'G-E-T', 'GET\u00e9'])('refuses the method %s with 400', async (method) => {
    const server = await startTestHeadless();
    const payload = `${method} /refused HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
    const responses = parseResponses(await rawBytes(receiverPort(server), payload));
    expect(responses.map((r) => r.status)).toEqual([400]);
    expect((await server.core.store.requests.usage()).count).toBe(0);
  });
});

describe('endpoint responses never turn a capture into a 500', () => {
  const badHeaders: [string, string][] = [
    ['X-Split\r\nInjected', 'v'],
    ['X-Ok', 'a\r\nInjected: yes'],
    ['X-Ok', 'line\nfeed'],
    ['X-Ok', 'carriage\rreturn'],
    ['X-Ok', 'nul\u0000'],
    ['Has Space', 'v'],
    ['X:Colon', 'v'],
    ['', 'empty name'],
    ['X-Ünicode', 'v'],
    ['X-Ok', 'euro €'],
    ['(x)', 'v'],
  ];

  it.each(badHeaders)('refuses the response header %j: %j at save', async (name, value) => {
    const server = await startTestHeadless();
    const res = await rest(server)<{ error: { code: string; message: string } }>('PUT', '/api/v2/endpoints/bad', {
      response: { headers: [[name, value]] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.message).toMatch(/header/i);
  });

  it.each([100, 101, 103, 199, 600, 1000, 0, -1, 200.5])('refuses the status %s at save', async (status) => {
    const server = await startTestHeadless();
    const res = await rest(server)('PUT', '/api/v2/endpoints/bad', { response: { status } });
    expect(res.status).toBe(400);
  });

  it.each([204, 205, 304, 418, 599])('answers a capture with the configured status %s (and stores it)', async (status) => {
    const server = await startTestHeadless();
    expect((await rest(server)('PUT', '/api/v2/endpoints/st', { response: { status, body: 'some body' } })).status).toBe(200);
    const res = await request(`${server.ready.receiverUrl}/st/x`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(status);
    expect((await server.core.store.requests.get(Number(res.headers['x-hookbench-request-id'])))?.status).toBe(status);
  });

  it('answers a stored capture sanely when a response saved before this check cannot be written', async () => {
    const server = await startTestHeadless();
    // As an older version could have saved it: straight into the store, past the API's checks.
    const bad = { status: 201, headers: [['X-Bad\r\nName', 'v']] as [string, string][], body: 'custom', delayMs: 0 };
    server.core.store.endpoints.save({ slug: 'legacy', name: 'legacy', response: bad, forwardUrl: null, proxy: false, scheme: null, customScheme: null, createdAt: new Date().toISOString() });
    // Any endpoint change reloads the receiver's routes from the store.
    expect((await rest(server)('PUT', '/api/v2/endpoints/other', {})).status).toBe(200);
    const res = await request(`${server.ready.receiverUrl}/legacy/x`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(201);
    const id = Number(res.headers['x-hookbench-request-id']);
    expect((await server.core.store.requests.get(id))?.path).toBe('/legacy/x');
  });
});

/** The API's non-GET routes with their path parameters filled in. */
const bodyRoutes = methodNames
  .map((name) => contract[name].route)
  .filter((route) => route.method === 'POST' || route.method === 'PUT')
  .map((route) => [`${route.method} ${route.path}`, route.method, route.path.replace(':id', '1').replace(':slug', 'hostile')] as const);

function apiCall(server: Headless, method: string, path: string, body: string | undefined, contentType?: string) {
  const origin = new URL(server.ready.uiUrl).origin;
  const headers: Record<string, string> = { Authorization: `Bearer ${server.ready.token}` };
  if (contentType) headers['Content-Type'] = contentType;
  return request(origin + path, { method, headers, body });
}

function errorOf(body: Buffer): { code: string; message: string } {
  const parsed = JSON.parse(body.toString('utf8')) as { error: { code: string; message: string } };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(typeof parsed.error.code).toBe('string');
  expect(typeof parsed.error.message).toBe('string');
  return parsed.error;
}

describe('API bodies', () => {
  it.each(bodyRoutes)('%s: a non-JSON content type gets 415', async (_name, method, path) => {
    const server = await startTestHeadless();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
      const res = await apiCall(server, method, path, '{"url":"http://127.0.0.1:1/"}', type);
      expect(res.status, type).toBe(415);
      expect(errorOf(res.body).code).toBe('unsupported_media_type');
    }
  });

  it.each(bodyRoutes)('%s: a JSON body that is not an object gets 400', async (_name, method, path) => {
    const server = await startTestHeadless();
    for (const body of ['[]', '[{"url":"x"}]', '1', '"text"', 'true', 'null', '{not json']) {
      const res = await apiCall(server, method, path, body, 'application/json');
      expect(res.status, body).toBe(400);
      expect(errorOf(res.body).code).toBe('invalid_input');
    }
  });

  it.each(bodyRoutes)('%s: no body at all never gets a 5xx', async (_name, method, path) => {
    const server = await startTestHeadless();
    const res = await apiCall(server, method, path, undefined);
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) errorOf(res.body);
  });

  it('takes a JSON body with a charset, and a route without input accepts no body', async () => {
    const server = await startTestHeadless();
    const put = await apiCall(server, 'PUT', '/api/v2/endpoints/cs', '{"name":"Charset"}', 'application/json; charset=utf-8');
    expect(put.status).toBe(200);
    const stop = await apiCall(server, 'POST', '/api/v2/tunnel/stop', undefined);
    expect(stop.status).toBe(200);
  });
});

/** Strings that break naive query builders, parsers and FTS syntax. */
const HOSTILE_STRINGS = [
  '\u0000', 'a\u0000b', '\u0000*', '"', '""', '"a', 'a"b', "'", "a'b", '*', 'a*', '*a', '"*"', 'NEAR(', 'NEAR(a b)', 'NEAR(a b, 5)',
  '^', '^a', '-', '-a', 'a-b', ':', 'a:b', 'path:x', '{path headers}:x', '(', ')', '()', 'AND', 'OR', 'NOT', 'a OR', 'a AND NOT b',
  '+', '.', ',', ';', '\\', '%', '%00', '_', '\u0001\u0002\u001f', '\u007f', '\t\r\n', ' ', '', '😀', '\ud800', '\udfff', 'é', '\u202e',
  'x'.repeat(500), 'x '.repeat(250), '9'.repeat(400), '-1', '0', '-0', '1e400', '1e-400', 'NaN', 'Infinity', '-Infinity', '0x10',
  '2026-13-45', '2026-02-30T25:61:00Z', 'not-a-date', '9999999999999999999999', '-9999999999999999999999', '4xx', '5xx', '1xx', '999',
  '404', 'error', 'newest', 'oldest', 'valid', '__proto__', 'constructor', 'null', 'undefined', '[]', '{}', 'true',
];

/** Words made of the characters parsers treat specially, densely mixed. */
const SPECIAL_PIECES = ['\u0000', '"', "'", '*', '^', '-', ':', '(', ')', ' ', '\t', '\n', 'NEAR', 'AND', 'a', 'é', '😀', '\ud800', '%', '\\'];
const specialString = fc.array(fc.constantFrom(...SPECIAL_PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: specialString },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);

/**
 * Values each parameter accepts: mixed in with hostile ones so that a run usually gets past
 * validation of the other parameters and reaches the query itself.
 */
const VALID_VALUES: Record<string, string[]> = {
  status: ['200', '2xx', '4xx', '404', 'error'],
  method: ['GET', 'post'],
  verification: ['valid', 'unsigned'],
  endpoint: ['ep', ''],
  from: ['2020-01-01T00:00:00Z', '0'],
  to: ['2100-01-01T00:00:00.000Z', String(4102444800000)],
  order: ['newest', 'oldest'],
  limit: ['1', '500'],
  target: ['1'],
  state: ['pending', 'dead'],
};

/**
 * One parameter hostile (once, or repeated: an array where a scalar is expected), any others with
 * accepted values, so that a run usually gets past validation and reaches the query itself.
 */
function hostileAmongValid<T>(params: readonly string[], hostile: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T | string>> {
  return fc.tuple(fc.constantFrom(...params), hostile, fc.subarray([...params]), fc.nat()).map(([field, value, others, seed]) => {
    const values: Record<string, T | string> = {};
    for (const other of others) {
      const valid = VALID_VALUES[other];
      if (valid) values[other] = valid[seed % valid.length]!;
    }
    values[field] = value;
    return values;
  });
}

const queryValue = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: fc.array(hostileString, { minLength: 2, maxLength: 3 }) });

function toQuery(values: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) search.append(key, v);
  return search.toString();
}

/** A JSON value of any shape where a filter field is expected. */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, null, true, {}, [[]], { $gt: 1 }) },
);

const FILTER_FIELDS = ['event', 'status', 'method', 'verification', 'endpoint', 'from', 'to', 'q', 'order'] as const;
const DELIVERY_FIELDS = ['event', 'status', 'target', 'from', 'to', 'limit', 'cursor'] as const;

const getRoutes: [string, string, readonly string[]][] = [
  ['listRequests', '/api/v2/requests', [...FILTER_FIELDS, 'limit', 'cursor']],
  ['getRequestFacets', '/api/v2/requests/facets', FILTER_FIELDS],
  ['listDeliveries', '/api/v2/webhooks/deliveries', [...DELIVERY_FIELDS, 'state']],
  ['listDeliveryLogs', '/api/v2/webhooks/logs', DELIVERY_FIELDS],
  ['listFailedDeliveries', '/api/v2/webhooks/failed', DELIVERY_FIELDS],
];

/** A headless server with a few captures, so text and filters have rows to match. */
async function seededServer(): Promise<Headless> {
  const server = await startTestHeadless();
  for (const [path, body] of [['/gh', '{"action":"opened","text":"alpha beta"}'], ['/plain', 'near quote " star * caret ^'], ['/ep/x', 'a\u0000b nul']]) {
    await request(server.ready.receiverUrl + path!, { method: 'POST', body, headers: { 'Content-Type': 'text/plain', 'X-GitHub-Event': 'issues' } });
  }
  return server;
}

function expectNo5xx(res: { status: number; body: Buffer }, what: string): void {
  expect(res.status, `${what} → ${res.body.toString('utf8').slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) errorOf(res.body);
}

const FUZZ_RUNS = 200;

describe('filters: no value produces a 5xx', () => {
  it.each(['list', 'facets', 'export', 'delete'])('the full-text NUL case (q=a\\0b) on %s', async (what) => {
    const server = await seededServer();
    const api = rest(server);
    const res =
      what === 'list'
        ? await api('GET', '/api/v2/requests?q=a%00b')
        : what === 'facets'
          ? await api('GET', '/api/v2/requests/facets?q=a%00b')
          : await api('POST', `/api/v2/requests/${what}`, { format: 'json', filter: { q: 'a\u0000b' } });
    expect(res.status).toBe(200);
  });

  it.each(HOSTILE_STRINGS.map((q) => [JSON.stringify(q).slice(0, 40), q]))('q=%s answers 200 on list and facets', async (_label, q) => {
    const server = await seededServer();
    const api = rest(server);
    const query = new URLSearchParams({ q }).toString();
    const list = await api('GET', `/api/v2/requests?${query}`);
    expect(list.status, JSON.stringify(list.body)).toBe(q.length > 500 ? 400 : 200);
    const facets = await api('GET', `/api/v2/requests/facets?${query}`);
    expect(facets.status).toBe(list.status);
  });

  it.each(getRoutes)('%s (fuzzed query string)', async (name, path, params) => {
    const server = await seededServer();
    const origin = new URL(server.ready.uiUrl).origin;
    await fc.assert(
      fc.asyncProperty(hostileAmongValid(params, queryValue), async (values) => {
        const url = `${path}?${toQuery(values)}`;
        const res = await request(origin + url, { headers: { Authorization: `Bearer ${server.ready.token}` } });
        expectNo5xx(res, `${name} ${url}`);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);

  it.each([
    ['exportRequests', '/api/v2/requests/export'],
    ['deleteRequests', '/api/v2/requests/delete'],
  ])('%s (fuzzed JSON filter)', async (name, path) => {
    const server = await seededServer();
    const filter = hostileAmongValid(FILTER_FIELDS, hostileJson);
    await fc.assert(
      fc.asyncProperty(filter, fc.constantFrom('json', 'har'), async (f, format) => {
        const res = await apiCall(server, 'POST', path, JSON.stringify({ format, filter: f }), 'application/json');
        expectNo5xx(res, `${name} ${JSON.stringify(f)}`);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);

  it.each(['/api/v2/requests/', '/api/v2/requests/', '/api/v2/webhooks/deliveries/'].map((p, i) => [p, i === 1 ? 'DELETE' : 'GET']))(
    '%s:id with a hostile id (%s)',
    async (prefix, method) => {
      const server = await seededServer();
      for (const id of ['0', '-1', '1.5', '1e400', '9'.repeat(30), '9007199254740993', 'abc', '%00', '0x1', ' 1', '']) {
        const res = await apiCall(server, method, prefix + encodeURIComponent(id), undefined);
        expectNo5xx(res, `${method} ${prefix}${id}`);
      }
    },
  );
});
