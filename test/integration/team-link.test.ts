import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedToken } from '../../src/shared/access-schemas';
import { PUSH_ROUTE, WS_PROTOCOL, tokenToWsProtocol, type PushEvent } from '../../src/shared/contract';
import type { ErrorBody } from '../../src/shared/errors';
import type { Page } from '../../src/shared/request-schemas';
import type { SendRecord } from '../../src/shared/send-schemas';
import type { TeamLinkStatus, TeamLinkView } from '../../src/shared/team-link-schemas';
import type { Headless } from '../../src/main/headless';
import { forget, startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { rest } from '../helpers/rest';
import { closedPort, startSink, type Received } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

/**
 * The app's link to a team server, for real on loopback: a "team" headless server with a named
 * token, a "laptop" headless server whose core runs the link, and a node:http sink as the local app.
 */

const TEAM_OWNER = 'team-owner-token-0123456789';
const LAPTOP_OWNER = 'laptop-owner-token-0123456789';

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.terminate();
});

async function team() {
  const server = await startTestHeadless({ token: TEAM_OWNER });
  const owner = rest(server);
  const created = await owner<CreatedToken>('POST', '/api/v2/tokens', { name: 'alice', role: 'member' });
  expect(created.status).toBe(200);
  return { server, owner, token: created.body.token, url: new URL(server.ready.uiUrl).origin, receiverUrl: server.ready.receiverUrl };
}

/** A connection per capture, so a capture is never held by a kept-alive socket. */
const noKeepAlive = new http.Agent({ keepAlive: false });

async function capture(receiverUrl: string, p: string, body: string): Promise<number> {
  const res = await request(receiverUrl + p, { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, agent: noKeepAlive });
  expect(res.status).toBe(200);
  return Number(res.headers['x-hookbench-request-id']);
}

const idOf = (r: Received) => Number(r.rawHeaders.find(([n]) => n === 'X-Hookbench-Request-Id')?.[1]);


/** The laptop's push socket: every teamlink.status it carries. */
async function watchStatus(laptop: Headless): Promise<TeamLinkStatus[]> {
  const seen: TeamLinkStatus[] = [];
  const ws = new WebSocket(new URL(laptop.ready.uiUrl).origin.replace('http', 'ws') + PUSH_ROUTE, [WS_PROTOCOL, tokenToWsProtocol(laptop.ready.token)]);
  sockets.push(ws);
  ws.on('message', (data) => {
    const event = JSON.parse(String(data)) as PushEvent;
    if (event.event === 'teamlink.status') seen.push(event.payload);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return seen;
}

async function linkState(laptop: Headless): Promise<TeamLinkView> {
  const res = await rest(laptop)<TeamLinkView>('GET', '/api/v2/settings/team-link');
  expect(res.status).toBe(200);
  return res.body;
}

/** Every byte under `dir`, to look for a token in clear. */
function filesContain(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(needle)) hits.push(file);
  }
  return hits;
}

describe('team link (the app forwarding from a team server)', () => {
  it('refuses a bad token with a 400 that names the problem, and an unreachable server, before saving anything', async () => {
    const t = await team();
    const laptop = await startTestHeadless({ token: LAPTOP_OWNER });
    const sink = await startSink();
    const bad = 'hbk_this-is-not-a-real-token-at-all-000000000';
    const refused = await rest(laptop)<ErrorBody>('PUT', '/api/v2/settings/team-link', { url: t.url, token: bad, forwardTo: sink.url, enabled: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/refused this token/);
    expect(JSON.stringify(refused.body)).not.toContain(bad);

    const down = await rest(laptop)<ErrorBody>('PUT', '/api/v2/settings/team-link', { url: 'http://127.0.0.1:9', token: t.token, forwardTo: sink.url, enabled: true });
    expect(down.status).toBe(400);
    expect(down.body.error.message).toMatch(/cannot reach the team server/);
    expect(JSON.stringify(down.body)).not.toContain(t.token);

    const view = await linkState(laptop);
    expect(view.settings).toBeNull();
    expect(view.status.state).toBe('off');
  });

  it('forwards byte-exact and in order, records the sends on the team server, pushes its status, never returns or stores the token in clear, resumes after a restart with the missed captures first, and stops on delete', async () => {
    const t = await team();
    await t.owner('PUT', '/api/v2/endpoints/stripe', {});
    const dataDir = tempDir();
    let laptop = await startTestHeadless({ token: LAPTOP_OWNER, dataDir });
    const statuses = await watchStatus(laptop);
    const sink = await startSink((_r, res) => {
      res.writeHead(201);
      res.end('got it');
    });

    const saved = await rest(laptop)<TeamLinkView>('PUT', '/api/v2/settings/team-link', {
      url: `${t.url}/?token=${t.token}`, // a pasted UI URL: only its origin is kept
      token: t.token,
      forwardTo: `${sink.url}/webhooks`,
      endpoint: 'stripe',
      enabled: true,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({ url: t.url, forwardTo: `${sink.url}/webhooks`, endpoint: 'stripe', enabled: true, tokenHint: `…${t.token.slice(-4)}` });
    expect(JSON.stringify(saved.body)).not.toContain(t.token);
    await until(async () => (await linkState(laptop)).status.state === 'live', 'the link to be live');
    await until(() => statuses.some((s) => s.state === 'live' && s.url === t.url), 'a live status push');

    // Live: byte-exact, in order; another endpoint's capture is not ours.
    const bodies = ['{"n":1}', '{"n":2,"ü":"✓"}', '{"n":3}'];
    const ids: number[] = [];
    for (const [i, body] of bodies.entries()) {
      ids.push(await capture(t.receiverUrl, `/stripe/events/${i}?q=${i}`, body));
      if (i === 0) await capture(t.receiverUrl, '/other/x', 'not ours');
    }
    const got = await sink.waitFor(3, 30_000);
    expect(got.map(idOf)).toEqual(ids);
    expect(got.map((r) => r.body.toString())).toEqual(bodies);
    expect(got.map((r) => r.url)).toEqual(['/webhooks/events/0?q=0', '/webhooks/events/1?q=1', '/webhooks/events/2?q=2']);
    expect(got.every((r) => r.method === 'POST')).toBe(true);

    // Recorded on the team server as listen sends by the token's name.
    await until(async () => (await t.owner<Page<SendRecord>>('GET', `/api/v2/requests/${ids[2]}/sends`)).body.items.length === 1, 'the send to be recorded');
    const sends = await t.owner<Page<SendRecord>>('GET', `/api/v2/requests/${ids[0]}/sends`);
    expect(sends.body.items[0]).toMatchObject({ kind: 'listen', by: 'alice', response: { status: 201 } });

    // Status pushed with the last forwards; the token appears nowhere the laptop answers or keeps.
    await until(() => statuses.some((s) => s.forwarded === 3), 'a status push with three forwards');
    const pushed = statuses.find((s) => s.forwarded === 3)!;
    expect(pushed.lastForwards.map((f) => f.id)).toEqual([...ids].reverse());
    expect(pushed.lastForwards[0]).toMatchObject({ method: 'POST', path: '/stripe/events/2?q=2', status: 201 });
    const view = await linkState(laptop);
    expect(JSON.stringify(view)).not.toContain(t.token);
    expect(JSON.stringify(statuses)).not.toContain(t.token);
    expect(filesContain(dataDir, t.token)).toEqual([]);

    // The laptop stops; captures arrive meanwhile; it starts again on the same data and resumes by itself.
    forget(laptop);
    await laptop.close();
    expect(filesContain(dataDir, t.token)).toEqual([]);
    const missed = [await capture(t.receiverUrl, '/stripe/missed/1', '{"m":1}'), await capture(t.receiverUrl, '/stripe/missed/2', '{"m":2}')];
    laptop = await startTestHeadless({ token: LAPTOP_OWNER, dataDir });
    await sink.waitFor(5, 30_000);
    const live = await capture(t.receiverUrl, '/stripe/after', '{"l":1}');
    await sink.waitFor(6, 30_000);
    expect(sink.received.slice(3).map(idOf)).toEqual([...missed, live]);
    expect(sink.received[3]!.body.toString()).toBe('{"m":1}');
    await until(async () => (await linkState(laptop)).status.state === 'live', 'the resumed link to be live');

    // Delete: forwarding stops, the settings and the token are gone.
    const deleted = await rest(laptop)<TeamLinkView>('DELETE', '/api/v2/settings/team-link');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ settings: null, status: { state: 'off' } });
    await capture(t.receiverUrl, '/stripe/after-delete', '{"d":1}');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sink.received).toHaveLength(6);
    const audit = await rest(laptop)<{ items: { method: string; target: string }[] }>('GET', '/api/v2/audit?limit=50');
    expect(audit.body.items.map((e) => e.method)).toEqual(expect.arrayContaining(['putTeamLink', 'deleteTeamLink']));
    expect(JSON.stringify(audit.body)).not.toContain(t.token);
  });

  it('says when the local app is down and catches up once it is back; stops with the reason when the team revokes the token', async () => {
    const t = await team();
    const laptop = await startTestHeadless({ token: LAPTOP_OWNER });
    const port = await closedPort();
    const saved = await rest(laptop)('PUT', '/api/v2/settings/team-link', { url: t.url, token: t.token, forwardTo: `http://127.0.0.1:${port}/in`, enabled: true });
    expect(saved.status).toBe(200);
    await until(async () => (await linkState(laptop)).status.state === 'live', 'the link to be live');

    const ids = [await capture(t.receiverUrl, '/a', '{"a":1}'), await capture(t.receiverUrl, '/b', '{"b":2}')];
    await until(async () => (await linkState(laptop)).status.state === 'app-down', 'the app-down state');
    expect((await linkState(laptop)).status.lastError).toMatch(/the local app did not answer #\d+ \(connection refused/);

    const sink = await startSink(undefined, port);
    await sink.waitFor(2, 60_000);
    expect(sink.received.map(idOf)).toEqual(ids);
    await until(async () => {
      const { status } = await linkState(laptop);
      return status.state === 'live' && status.forwarded === 2;
    }, 'live again with both forwarded', 60_000);

    expect((await t.owner('DELETE', '/api/v2/tokens/alice')).status).toBe(200);
    await capture(t.receiverUrl, '/c', '{"c":3}'); // a push the revoked token may no longer fetch
    await until(async () => (await linkState(laptop)).status.state === 'error', 'the error state', 60_000);
    const { status } = await linkState(laptop);
    expect(status.lastError).toMatch(/refused the token/);
    expect(JSON.stringify(status)).not.toContain(t.token);
  });
});
