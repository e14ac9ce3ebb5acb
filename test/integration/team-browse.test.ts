import http from 'node:http';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, CreatedToken } from '../../src/shared/access-schemas';
import { PUSH_ROUTE, WS_PROTOCOL, tokenToWsProtocol, type PushEvent, type ServerInfo } from '../../src/shared/contract';
import type { ErrorBody } from '../../src/shared/errors';
import type { Page, RequestSummary } from '../../src/shared/request-schemas';
import type { TeamLinkView } from '../../src/shared/team-link-schemas';
import type { Headless } from '../../src/main/headless';
import { registerIpc } from '../../src/main/transport/ipc';
import { createIpcClient } from '../../src/renderer/src/api/ipc-client';
import { buildBridge } from '../../src/shared/bridge';
import { until } from '../helpers/until';
import { startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { InMemoryIpc } from '../helpers/in-memory-ipc';
import { rest } from '../helpers/rest';

/**
 * Browsing a team server from this app, for real on loopback: a "team" headless server with a
 * named member token, a "laptop" headless server whose UI/API relays to it while `browse` is on.
 */

const TEAM_OWNER = 'team-owner-token-0123456789';
const LAPTOP_OWNER = 'laptop-owner-token-0123456789';

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.terminate();
});

const noKeepAlive = new http.Agent({ keepAlive: false });

async function capture(receiverUrl: string, p: string): Promise<number> {
  const res = await request(receiverUrl + p, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' }, agent: noKeepAlive });
  expect(res.status).toBe(200);
  return Number(res.headers['x-hookbench-request-id']);
}


/** Every push event the laptop's socket carries. */
async function watch(server: Headless): Promise<PushEvent[]> {
  const seen: PushEvent[] = [];
  const ws = new WebSocket(new URL(server.ready.uiUrl).origin.replace('http', 'ws') + PUSH_ROUTE, [WS_PROTOCOL, tokenToWsProtocol(server.ready.token)]);
  sockets.push(ws);
  ws.on('message', (data) => seen.push(JSON.parse(String(data)) as PushEvent));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return seen;
}

const paths = (page: Page<RequestSummary>) => page.items.map((r) => r.path);

describe('browsing a team server from this app', () => {
  it('relays every call but the team link to the team server with its token (roles and audit there), relays its pushes, and goes back', async () => {
    const teamServer = await startTestHeadless({ token: TEAM_OWNER });
    const owner = rest(teamServer);
    const created = await owner<CreatedToken>('POST', '/api/v2/tokens', { name: 'alice', role: 'member' });
    expect(created.status).toBe(200);
    const teamToken = created.body.token;
    const teamUrl = new URL(teamServer.ready.uiUrl).origin;
    await capture(teamServer.ready.receiverUrl, '/team-capture');

    const laptop = await startTestHeadless({ token: LAPTOP_OWNER });
    const local = rest(laptop);
    await capture(laptop.ready.receiverUrl, '/laptop-capture');
    const events = await watch(laptop);

    const saved = await local<TeamLinkView>('PUT', '/api/v2/settings/team-link', { url: teamUrl, token: teamToken, forwardTo: 'http://127.0.0.1:9/unused', enabled: false, browse: true });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({ url: teamUrl, enabled: false, browse: true });
    expect(JSON.stringify(saved.body)).not.toContain(teamToken);
    await until(() => events.some((e) => e.event === 'backend.changed' && e.payload.remote?.url === teamUrl), 'backend.changed to the team server');

    // The team server's captures, not the laptop's.
    const listed = await local<Page<RequestSummary>>('GET', '/api/v2/requests');
    expect(listed.status).toBe(200);
    expect(paths(listed.body)).toEqual(['/team-capture']);

    // getInfo: the team server's, as the team token, marked remote, with who asks here.
    const info = await local<ServerInfo>('GET', '/api/v2/info');
    expect(info.body.receiverUrl).toBe(teamServer.ready.receiverUrl);
    expect(info.body.caller).toEqual({ name: 'alice', role: 'member' });
    expect(info.body.remote).toEqual({ url: teamUrl, localCaller: { name: 'owner', role: 'admin' } });
    expect(JSON.stringify(info.body)).not.toContain(teamToken);

    // A member mutation through the laptop lands on the team server, audited there as alice.
    const imported = await local<{ ids: number[] }>('POST', '/api/v2/requests/import', { curl: "curl -X POST http://example.test/from-laptop -d '{}'" });
    expect(imported.status).toBe(200);
    const onTeam = await owner<RequestSummary & { path: string }>('GET', `/api/v2/requests/${imported.body.ids[0]}`);
    expect(onTeam.body.path).toBe('/from-laptop');
    const audit = await owner<Page<AuditEntry>>('GET', '/api/v2/audit?method=importRequests');
    expect(audit.body.items[0]).toMatchObject({ actor: 'alice', actorRole: 'member', method: 'importRequests', outcome: 'ok' });

    // An admin-only method with a member token: the team server's 403 stays a 403.
    const forbidden = await local<ErrorBody>('GET', '/api/v2/tokens');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    expect(forbidden.body.error.message).toMatch(/team server/);
    // A 404 there stays a 404.
    expect((await local<ErrorBody>('GET', '/api/v2/requests/999999')).status).toBe(404);

    // A capture arriving at the team server reaches the laptop's push socket; the laptop's own does not.
    await capture(laptop.ready.receiverUrl, '/laptop-while-browsing');
    const teamId = await capture(teamServer.ready.receiverUrl, '/team-live');
    await until(() => events.some((e) => e.event === 'request.captured' && e.payload.id === teamId && e.payload.path === '/team-live'), 'the team capture pushed through the laptop');
    expect(events.some((e) => e.event === 'request.captured' && e.payload.path === '/laptop-while-browsing')).toBe(false);

    // The team link stays local: the laptop's settings, not the team server's.
    const link = await local<TeamLinkView>('GET', '/api/v2/settings/team-link');
    expect(link.body.settings).toMatchObject({ url: teamUrl, browse: true });
    expect((await owner<TeamLinkView>('GET', '/api/v2/settings/team-link')).body.settings).toBeNull();

    // Back to this machine: the laptop's own captures again, and its own info.
    const back = await local<TeamLinkView>('PUT', '/api/v2/settings/team-link', { url: teamUrl, forwardTo: 'http://127.0.0.1:9/unused', enabled: false, browse: false });
    expect(back.status).toBe(200);
    await until(() => events.some((e) => e.event === 'backend.changed' && e.payload.remote === null), 'backend.changed back to this app');
    expect(paths((await local<Page<RequestSummary>>('GET', '/api/v2/requests')).body)).toEqual(['/laptop-while-browsing', '/laptop-capture']);
    const ownInfo = await local<ServerInfo>('GET', '/api/v2/info');
    expect(ownInfo.body.remote).toBeUndefined();
    expect(ownInfo.body.receiverUrl).toBe(laptop.ready.receiverUrl);
    // The import happened on the team server: the laptop's own audit log has the link changes only.
    expect((await local<Page<AuditEntry>>('GET', '/api/v2/audit?method=importRequests')).body.items).toHaveLength(0);
    expect((await local<Page<AuditEntry>>('GET', '/api/v2/audit?method=putTeamLink')).body.items).toHaveLength(2);
  }, 60_000);

  it("gates local methods and relayed calls by this app's role: a viewer here cannot turn browsing on, nor borrow the team token's rights", async () => {
    const teamServer = await startTestHeadless({ token: TEAM_OWNER });
    const created = await rest(teamServer)<CreatedToken>('POST', '/api/v2/tokens', { name: 'alice', role: 'member' });
    const teamUrl = new URL(teamServer.ready.uiUrl).origin;
    const laptop = await startTestHeadless({ token: LAPTOP_OWNER });
    const viewer = await rest(laptop)<CreatedToken>('POST', '/api/v2/tokens', { name: 'bob', role: 'viewer' });
    const asViewer = rest({ ...laptop, ready: { ...laptop.ready, token: viewer.body.token } });

    const refused = await asViewer<ErrorBody>('PUT', '/api/v2/settings/team-link', { url: teamUrl, token: created.body.token, forwardTo: 'http://127.0.0.1:9/x', enabled: false, browse: true });
    expect(refused.status).toBe(403);

    expect((await rest(laptop)('PUT', '/api/v2/settings/team-link', { url: teamUrl, token: created.body.token, forwardTo: 'http://127.0.0.1:9/x', enabled: false, browse: true })).status).toBe(200);
    // The viewer reads the team server, but may not mutate it with alice's member token.
    expect((await asViewer('GET', '/api/v2/requests')).status).toBe(200);
    expect((await asViewer<ErrorBody>('POST', '/api/v2/requests/import', { curl: 'curl http://example.test/nope' })).status).toBe(403);
    expect((await rest(teamServer)<Page<AuditEntry>>('GET', '/api/v2/audit?method=importRequests')).body.items).toHaveLength(0);
  }, 60_000);

  it('the desktop path: over the IPC transport (real registerIpc, preload bridge and renderer client; the pipe in memory) the app browses the team server and gets its pushes', async () => {
    const teamServer = await startTestHeadless({ token: TEAM_OWNER });
    const created = await rest(teamServer)<CreatedToken>('POST', '/api/v2/tokens', { name: 'alice', role: 'member' });
    const teamUrl = new URL(teamServer.ready.uiUrl).origin;
    await capture(teamServer.ready.receiverUrl, '/team-capture');
    const desktop = await startTestHeadless({ token: LAPTOP_OWNER });
    await capture(desktop.ready.receiverUrl, '/desktop-capture');
    const ipc = new InMemoryIpc();
    const unregister = registerIpc(desktop.core.api, { ipcMain: ipc.main, targets: () => [ipc.window], isTrustedUrl: (url) => url.startsWith('app://hookbench/') });
    const client = createIpcClient(buildBridge(ipc.renderer));
    const events: PushEvent[] = [];
    client.onEvent((event) => events.push(event));
    try {
      await client.call('putTeamLink', { url: teamUrl, token: created.body.token, forwardTo: 'http://127.0.0.1:9/unused', enabled: false, browse: true });
      await until(() => events.some((e) => e.event === 'backend.changed' && e.payload.remote?.url === teamUrl), 'backend.changed over IPC');
      expect((await client.call('listRequests', {})).items.map((r) => r.path)).toEqual(['/team-capture']);
      expect((await client.call('getInfo', {})).remote).toEqual({ url: teamUrl, localCaller: { name: 'local', role: 'admin' } });
      await capture(teamServer.ready.receiverUrl, '/team-live');
      await until(() => events.some((e) => e.event === 'request.captured' && e.payload.path === '/team-live'), "the team server's capture pushed over IPC");

      await client.call('putTeamLink', { url: teamUrl, forwardTo: 'http://127.0.0.1:9/unused', enabled: false, browse: false });
      expect((await client.call('listRequests', {})).items.map((r) => r.path)).toEqual(['/desktop-capture']);
    } finally {
      client.close();
      unregister();
    }
  }, 60_000);
});
