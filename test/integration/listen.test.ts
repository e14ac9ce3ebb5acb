import http from 'node:http';
import { until } from '../helpers/until';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../src/shared/contract';
import type { CreatedToken } from '../../src/shared/access-schemas';
import type { Page } from '../../src/shared/request-schemas';
import type { SendRecord } from '../../src/shared/send-schemas';
import { startHeadless, type Headless } from '../../src/main/headless';
import { startTestHeadless } from '../helpers/core';
import { removeCliBundle } from '../helpers/cli-from-source';
import { rawExchange, request } from '../helpers/http';
import { startListen, type ListenProcess } from '../helpers/listen-process';
import { rest } from '../helpers/rest';
import { closedPort, startSink, type Received } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';

/**
 * `hookbench listen` end to end on loopback: a real headless server with named tokens, the real
 * CLI in child processes (killed, restarted), and a real local app (node:http sink).
 */

const OWNER = 'listen-owner-token-0123456789';

afterAll(removeCliBundle);

/** Servers this file starts itself (restarts need fixed ports), closed after each test. */
const servers: Headless[] = [];
afterEach(async () => {
  for (const s of servers.splice(0).reverse()) await s.close().catch(() => undefined);
});

async function teamServer(server?: Headless) {
  server ??= await startTestHeadless({ token: OWNER });
  const owner = rest(server);
  const token = async (name: string, role: 'viewer' | 'member') => {
    const created = await owner<CreatedToken>('POST', '/api/v2/tokens', { name, role });
    expect(created.status).toBe(200);
    return created.body.token;
  };
  return { server, owner, token, serverUrl: new URL(server.ready.uiUrl).origin, receiverUrl: server.ready.receiverUrl };
}

/** A connection per capture: a kept-alive one would hang up when the server restarts. */
const noKeepAlive = new http.Agent({ keepAlive: false });

/** Captures one request on the receiver; returns its id. */
async function capture(receiverUrl: string, path: string, body: string | Buffer = '{"n":1}', method = 'POST'): Promise<number> {
  const res = await request(receiverUrl + path, { method, body, headers: { 'Content-Type': 'application/json' }, agent: noKeepAlive });
  expect(res.status).toBe(200);
  return Number(res.headers['x-hookbench-request-id']);
}

const idOf = (r: Received) => Number(r.rawHeaders.find(([n]) => n === 'X-Hookbench-Request-Id')?.[1]);


function listen(serverUrl: string, token: string, forwardTo: string, stateDir: string, extra: string[] = []): Promise<ListenProcess> {
  // The token goes by environment, as a user should pass it (argv is visible to other users).
  return startListen(['--server', serverUrl, '--forward-to', forwardTo, '--state-dir', stateDir, '--json', ...extra], { HOOKBENCH_TOKEN: token });
}

/** Started, and its push socket is open: a capture from now on is live. */
async function live(l: ListenProcess): Promise<number> {
  const start = await l.waitFor('start');
  await l.waitFor('push', (e) => e.state === 'connected');
  return start.after;
}

describe('hookbench listen', () => {
  it('forwards a live capture byte-exact (method, path after the slug, query, header order, binary body) and the server records it as a listen send by the caller', async () => {
    const { server, owner, token, serverUrl, receiverUrl } = await teamServer();
    await owner('PUT', '/api/v2/endpoints/stripe', {});
    const alice = await token('alice', 'member');
    const sink = await startSink((_r, res) => {
      res.writeHead(202, { 'X-App': 'yes' });
      res.end('taken');
    });
    const l = await listen(serverUrl, alice, `${sink.url}/webhooks`, tempDir(), ['--endpoint', 'stripe']);
    await live(l);

    const body = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)); // not UTF-8
    const port = Number(new URL(receiverUrl).port);
    const head = [
      'PATCH /stripe/events/1?x=1&y=%20 HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'X-Second: b',
      'x-first: a',
      'Connection: close, X-Hop',
      'X-Hop: dropped',
      'Content-Type: application/octet-stream',
      'x-dup: 1',
      'X-Dup: 2',
      `Content-Length: ${body.length}`,
    ].join('\r\n');
    const answer = await rawExchange(port, Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]), 500);
    const id = Number(/x-hookbench-request-id: (\d+)/i.exec(answer)![1]);

    const [got] = await sink.waitFor(1, 20_000);
    expect(got!.method).toBe('PATCH');
    expect(got!.url).toBe('/webhooks/events/1?x=1&y=%20');
    expect(got!.body).toEqual(body);
    expect(got!.rawHeaders).toEqual([
      ['Host', new URL(sink.url).host],
      ['X-Second', 'b'],
      ['x-first', 'a'],
      ['Content-Type', 'application/octet-stream'],
      ['x-dup', '1'],
      ['X-Dup', '2'],
      ['Content-Length', '256'],
      ['X-Hookbench-Request-Id', String(id)],
      ['Connection', 'close'],
    ]);

    const line = await l.waitFor('forward', (e) => e.id === id);
    expect(line).toMatchObject({ method: 'PATCH', path: '/stripe/events/1?x=1&y=%20', url: `${sink.url}/webhooks/events/1?x=1&y=%20`, status: 202, attempts: 1, recorded: true });
    expect(line.ms).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);

    const sends = await owner<Page<SendRecord>>('GET', `/api/v2/requests/${id}/sends`);
    expect(sends.body.items).toHaveLength(1);
    const [send] = sends.body.items;
    expect(send).toMatchObject({ kind: 'listen', by: 'alice', method: 'PATCH', url: `${sink.url}/webhooks/events/1?x=1&y=%20`, error: null });
    expect(send!.response).toMatchObject({ status: 202, truncated: false });
    expect(send!.response!.headers).toContainEqual(['X-App', 'yes']);
    expect(Buffer.from(send!.response!.bodyBase64, 'base64').toString()).toBe('taken');
    expect(Buffer.from(send!.request.bodyBase64, 'base64')).toEqual(body);
    expect(send!.request.headers).toContainEqual(['X-Hookbench-Request-Id', String(id)]);
    // Replays say who sent them too.
    const asAlice = rest({ ...server, ready: { ...server.ready, token: alice } });
    const replay = await asAlice<{ sendId: number }>('POST', `/api/v2/requests/${id}/replay`, { url: `${sink.url}/again` });
    expect(replay.status).toBe(200);
    const after = await owner<Page<SendRecord>>('GET', `/api/v2/requests/${id}/sends`);
    expect(after.body.items.map((s) => [s.kind, s.by])).toEqual([
      ['replay', 'alice'],
      ['listen', 'alice'],
    ]);

    expect(l.stdout() + l.stderr()).not.toContain(alice);
    expect(await l.stop('SIGINT')).toBe(0);
  });

  it('--endpoint forwards only that endpoint; without it every capture goes (the default inbox with its whole path); human output lines', async () => {
    const { owner, token, serverUrl, receiverUrl } = await teamServer();
    await owner('PUT', '/api/v2/endpoints/a', {});
    await owner('PUT', '/api/v2/endpoints/b', {});
    const bob = await token('bob', 'member');
    const sinkA = await startSink();
    const sinkAll = await startSink();
    const onlyA = await listen(serverUrl, bob, `${sinkA.url}/hooks`, tempDir(), ['--endpoint', 'a']);
    const all = await startListen(['--server', serverUrl, '--token', bob, '--forward-to', `${sinkAll.url}/all`, '--state-dir', tempDir()]);
    await live(onlyA);
    await until(() => all.stderr().includes('connected: live'), 'the human listener to connect');

    const x = await capture(receiverUrl, '/a/x?q=1');
    const y = await capture(receiverUrl, '/b/y');
    const hello = await capture(receiverUrl, '/hello');
    const z = await capture(receiverUrl, '/a/z');

    await sinkAll.waitFor(4, 20_000);
    expect(sinkAll.received.map((r) => [idOf(r), r.url])).toEqual([
      [x, '/all/x?q=1'],
      [y, '/all/y'],
      [hello, '/all/hello'],
      [z, '/all/z'],
    ]);
    // In order: had b's or the inbox's capture gone to A, it would sit before z.
    await sinkA.waitFor(2, 20_000);
    expect(sinkA.received.map((r) => [idOf(r), r.url])).toEqual([
      [x, '/hooks/x?q=1'],
      [z, '/hooks/z'],
    ]);

    await until(() => all.stdout().split('\n').filter(Boolean).length >= 4, 'four output lines');
    const lines = all.stdout().trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  #${x}  POST /a/x\\?q=1  → 200  \\d+ ms$`));
    expect(lines[2]).toMatch(new RegExp(`#${hello}  POST /hello  → 200`));
    expect(all.stderr()).toContain('listening: every capture of');
    expect(all.stdout() + all.stderr()).not.toContain(bob);
  });

  it('a first run starts from now; the default --from missed resumes after the cursor; --from now skips the backlog', async () => {
    const { token, serverUrl, receiverUrl } = await teamServer();
    const carol = await token('carol', 'member');
    const sink = await startSink();
    const stateDir = tempDir();
    const before = await capture(receiverUrl, '/backlog');

    const first = await listen(serverUrl, carol, sink.url, stateDir);
    expect(await live(first)).toBe(before);
    expect((await first.waitFor('start')).resumed).toBe(false);
    const c2 = await capture(receiverUrl, '/two');
    await first.waitFor('forward', (e) => e.id === c2);
    expect(await first.stop('SIGTERM')).toBe(0);

    const c3 = await capture(receiverUrl, '/three');
    const c4 = await capture(receiverUrl, '/four');
    const second = await listen(serverUrl, carol, sink.url, stateDir);
    const start = await second.waitFor('start');
    expect(start).toMatchObject({ resumed: true, after: c2 });
    await second.waitFor('forward', (e) => e.id === c4);
    expect(await second.stop('SIGTERM')).toBe(0);

    const skipped = await capture(receiverUrl, '/skipped');
    const third = await listen(serverUrl, carol, sink.url, stateDir, ['--from', 'now']);
    expect(await live(third)).toBe(skipped);
    const c6 = await capture(receiverUrl, '/six');
    await third.waitFor('forward', (e) => e.id === c6);

    expect(sink.received.map(idOf)).toEqual([c2, c3, c4, c6]);
  });

  it('killed (SIGKILL) while 50 captures arrive, then started again: all 50 arrive, in order, once each; killed mid-catch-up: only the one in flight may repeat', async () => {
    const { token, serverUrl, receiverUrl } = await teamServer();
    const dave = await token('dave', 'member');
    // A little slow, as apps are: the kill below lands in the middle of a catch-up.
    const sink = await startSink((_r, res) => setTimeout(() => res.end('ok'), 10));
    const stateDir = tempDir();
    const first = await listen(serverUrl, dave, `${sink.url}/in`, stateDir);
    await live(first);
    const c0 = await capture(receiverUrl, '/zero');
    await first.waitFor('forward', (e) => e.id === c0);
    expect(await first.stop('SIGKILL')).toBe(null);

    const missed: number[] = [];
    for (let i = 0; i < 50; i++) missed.push(await capture(receiverUrl, `/missed/${i}`, JSON.stringify({ i })));

    const second = await listen(serverUrl, dave, `${sink.url}/in`, stateDir);
    expect((await second.waitFor('start')).after).toBe(c0);
    await sink.waitFor(51, 60_000);
    await second.waitFor('forward', (e) => e.id === missed[49]!, 60_000);
    expect(sink.received.map(idOf)).toEqual([c0, ...missed]);
    expect(sink.received.slice(1).map((r) => JSON.parse(r.body.toString()) as { i: number })).toEqual(missed.map((_, i) => ({ i })));
    expect(sink.received[50]!.url).toBe('/in/missed/49');
    expect(await second.stop('SIGTERM')).toBe(0);

    // Killed in the middle of a catch-up: the one in flight may come twice, nothing is skipped.
    const more: number[] = [];
    for (let i = 0; i < 50; i++) more.push(await capture(receiverUrl, `/more/${i}`));
    const third = await listen(serverUrl, dave, `${sink.url}/in`, stateDir);
    await sink.waitFor(51 + 20, 60_000);
    expect(await third.stop('SIGKILL')).toBe(null);
    await listen(serverUrl, dave, `${sink.url}/in`, stateDir);
    await until(() => sink.received.some((r) => idOf(r) === more[49]), 'the last capture', 60_000);
    const seq = sink.received.slice(51).map(idOf);
    expect([...new Set(seq)]).toEqual(more);
    expect(seq.length - more.length).toBeLessThanOrEqual(1);
    expect(seq.every((id, i) => i === 0 || id >= seq[i - 1]!)).toBe(true);
  }, 120_000);

  it('resumes by itself when the server restarts on the same data dir and ports', async () => {
    const dataDir = tempDir();
    const boot = (receiverPort = 0, uiPort = 0) => startHeadless({ dataDir, receiverPort, uiPort, host: '127.0.0.1', token: OWNER, staticDir: null });
    let server = await boot();
    servers.push(server);
    const { token, serverUrl, receiverUrl } = await teamServer(server);
    const erin = await token('erin', 'member');
    const sink = await startSink();
    const l = await listen(serverUrl, erin, sink.url, tempDir());
    await live(l);
    const c1 = await capture(receiverUrl, '/before');
    await l.waitFor('forward', (e) => e.id === c1);

    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await l.waitFor('push', (e) => e.state === 'disconnected');
    server = await boot(Number(new URL(receiverUrl).port), Number(new URL(serverUrl).port));
    servers.push(server);
    // Captured before the listener noticed the server is back: found by the catch-up on reconnect.
    const c2 = await capture(receiverUrl, '/after/1');
    const c3 = await capture(receiverUrl, '/after/2');

    await sink.waitFor(3, 60_000);
    expect(sink.received.map(idOf)).toEqual([c1, c2, c3]);
    // And live again.
    await until(() => l.events.filter((e) => e.type === 'push' && e.state === 'connected').length >= 2, 'a reconnect', 60_000);
    const c4 = await capture(receiverUrl, '/live-again');
    await sink.waitFor(4, 30_000);
    expect(sink.received.map(idOf)).toEqual([c1, c2, c3, c4]);
  }, 120_000);

  it('a local app that is down: captures wait in order, the same one is retried with backoff, all are forwarded once it is up; a 500 counts as its answer', async () => {
    const { owner, token, serverUrl, receiverUrl } = await teamServer();
    const fay = await token('fay', 'member');
    const port = await closedPort();
    const l = await listen(serverUrl, fay, `http://127.0.0.1:${port}/app`, tempDir());
    await live(l);
    const ids = [await capture(receiverUrl, '/one'), await capture(receiverUrl, '/two'), await capture(receiverUrl, '/three')];

    await l.waitFor('retry', (e) => e.id === ids[0] && e.attempt >= 2);
    const retries = l.events.filter((e) => e.type === 'retry');
    // Head of line: the first waits, and the later ones wait behind it.
    expect(new Set(retries.map((e) => e.type === 'retry' && e.id))).toEqual(new Set([ids[0]]));
    const firstRetry = retries[0]!;
    expect(firstRetry).toMatchObject({ method: 'POST', path: '/one', error: { kind: 'refused' } });
    expect(l.events.some((e) => e.type === 'forward')).toBe(false);

    // The app comes up on the same port; it fails the second webhook with a 500.
    const sink = await startSink((r, res) => {
      res.statusCode = idOf(r) === ids[1] ? 500 : 200;
      res.end();
    }, port);
    await sink.waitFor(3, 60_000);
    await l.waitFor('forward', (e) => e.id === ids[2], 30_000);
    expect(sink.received.map(idOf)).toEqual(ids);
    const forwards = l.events.filter((e) => e.type === 'forward');
    expect(forwards.map((e) => e.type === 'forward' && [e.id, e.status])).toEqual([
      [ids[0], 200],
      [ids[1], 500],
      [ids[2], 200],
    ]);
    expect(forwards[0]).toMatchObject({ attempts: expect.any(Number) as number });
    expect((forwards[0] as { attempts: number }).attempts).toBeGreaterThanOrEqual(3);

    // One send per capture: the app's answer (500 included), not the attempts that got none.
    const sends = await owner<Page<SendRecord>>('GET', `/api/v2/requests/${ids[1]}/sends`);
    expect(sends.body.items).toHaveLength(1);
    expect(sends.body.items[0]).toMatchObject({ kind: 'listen', by: 'fay', response: { status: 500 } });
  }, 90_000);

  it('with a viewer token it forwards, records nothing, and says so once', async () => {
    const { owner, token, serverUrl, receiverUrl } = await teamServer();
    const viewer = await token('gus', 'viewer');
    const sink = await startSink();
    const l = await listen(serverUrl, viewer, sink.url, tempDir());
    await live(l);
    const a = await capture(receiverUrl, '/a');
    const b = await capture(receiverUrl, '/b');
    await l.waitFor('forward', (e) => e.id === b);
    expect(l.events.filter((e) => e.type === 'forward').map((e) => e.type === 'forward' && [e.id, e.recorded])).toEqual([
      [a, false],
      [b, false],
    ]);
    expect(l.events.filter((e) => e.type === 'warning')).toHaveLength(1);
    expect((await owner<Page<SendRecord>>('GET', `/api/v2/requests/${a}/sends`)).body.items).toEqual([]);
  });

  it('refuses to start without what it needs, and stops with an error on a token the server refuses', async () => {
    const { serverUrl } = await teamServer();
    const missing = await startListen(['--server', serverUrl, '--forward-to', 'http://127.0.0.1:1/x'], { HOOKBENCH_TOKEN: '' });
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toContain('--token');
    const badFrom = await startListen(['--server', serverUrl, '--token', 'x', '--forward-to', 'http://127.0.0.1:1/x', '--from', 'yesterday']);
    expect(await badFrom.exited).toBe(2);
    const wrong = await listen(serverUrl, 'not-a-token-of-this-server', 'http://127.0.0.1:1/x', tempDir());
    expect(await wrong.exited).toBe(1);
    expect(wrong.stdout() + wrong.stderr()).toContain('refused the token');
    expect(wrong.stdout() + wrong.stderr()).not.toContain('not-a-token-of-this-server');
  });
});

describe('the catch-up feed (listCapturesSince)', () => {
  it('pages oldest first by id within a byte budget, filters by endpoint, leaves imports out, and limit=0 gives the newest id', async () => {
    const { owner, receiverUrl } = await teamServer();
    await owner('PUT', '/api/v2/endpoints/big', {});
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const ids = [await capture(receiverUrl, '/big/1', big), await capture(receiverUrl, '/big/2', big), await capture(receiverUrl, '/big/3', big)];
    const other = await capture(receiverUrl, '/elsewhere');
    const imported = await owner<{ ids: number[] }>('POST', '/api/v2/requests/import', { curl: `curl -X POST ${receiverUrl}/big/imported -d x` });
    expect(imported.status).toBe(200);

    type Feed = MethodOutput<'listCapturesSince'>;
    const page1 = await owner<Feed>('GET', '/api/v2/requests/since?after=0&endpoint=big');
    // Three 3 MiB bodies pass the 8 MiB budget: two now, the third on the next page.
    expect(page1.body.items.map((r) => r.id)).toEqual(ids.slice(0, 2));
    // On SQLite a capture's feed position is its id.
    expect(page1.body.positions).toEqual(ids.slice(0, 2));
    expect(page1.body.nextCursor).toBe(String(ids[1]));
    expect(Buffer.from(page1.body.items[0]!.bodyBase64, 'base64').equals(big)).toBe(true);
    const page2 = await owner<Feed>('GET', `/api/v2/requests/since?after=${ids[1]}&endpoint=big`);
    expect(page2.body.items.map((r) => r.id)).toEqual([ids[2]]);
    expect(page2.body.nextCursor).toBe(null);

    const all = await owner<Feed>('GET', `/api/v2/requests/since?after=${ids[2]}`);
    expect(all.body.items.map((r) => r.id)).toEqual([other]);
    expect(all.body.latestId).toBe(imported.body.ids[0]);
    const latest = await owner<Feed>('GET', '/api/v2/requests/since?limit=0');
    expect(latest.body).toEqual({ items: [], positions: [], nextCursor: null, latestId: imported.body.ids[0] });
  });
});
