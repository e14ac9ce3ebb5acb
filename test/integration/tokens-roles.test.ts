import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { AuditEntry, CreatedToken, TokenInfo } from '../../src/shared/access-schemas';
import { contract, fillRoute, methodNames, PUSH_ROUTE, tokenToWsProtocol, WS_PROTOCOL, type ServerInfo } from '../../src/shared/contract';
import { roleAllows, type Role } from '../../src/shared/roles';
import { removeCliBundle, runCli } from '../helpers/cli-from-source';
import { startTestHeadless } from '../helpers/core';
import { json } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

/**
 * Named tokens on a real headless server (real SQLite file, real HTTP and WebSocket on loopback):
 * the role matrix over every contract method, revocation (through the API and through the CLI in
 * another process on the same data folder), the audit log, hashed storage, and no token in any
 * error body or log line.
 */

const OWNER = 'owner-token-for-role-tests';
const ROLES: Role[] = ['viewer', 'member', 'admin'];
type ErrorBody = { error: { code: string; message: string } };

afterAll(removeCliBundle);

/** Everything written to this process's stdout/stderr during a test (the in-process server logs there). */
let output = '';
beforeEach(() => {
  output = '';
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return write(chunk, ...rest);
    }) as typeof stream.write);
  }
});
afterEach(() => vi.restoreAllMocks());

async function teamServer() {
  const dataDir = tempDir();
  const server = await startTestHeadless({ token: OWNER, dataDir });
  const origin = new URL(server.ready.uiUrl).origin;
  const as =
    (token: string) =>
    <T = unknown>(method: string, route: string, body?: unknown) =>
      json<T>(origin + route, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
  const owner = as(OWNER);
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const created = await owner<CreatedToken>('POST', '/api/v2/tokens', { name: `${role}-1`, role });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: `${role}-1`, role, revokedAt: null });
    expect(created.body.token).toMatch(/^hbk_[A-Za-z0-9_-]{43}$/);
    tokens[role] = created.body.token;
  }
  return { server, dataDir, origin, as, owner, tokens };
}

/** Opens the push socket with a token; rejects with the HTTP status it was refused with. */
function openPush(origin: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(origin.replace('http', 'ws') + PUSH_ROUTE, [WS_PROTOCOL, tokenToWsProtocol(token)]);
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/**
 * An input every mutation refuses as invalid, so a caller whose role suffices gets a 400 (or a
 * 404), never a side effect: the role is checked before the input is parsed, so a caller below the
 * method's role gets its 403 all the same. Path parameters get values no route accepts.
 */
const POISON: Record<string, unknown> = {
  id: 0, ids: 'x', filter: 'x', slug: 'Not A Slug', name: '', role: 'nobody', url: 'not a url', host: 'not a url', event: 5,
  targetId: 0, target: 0, har: 5, curl: 5, format: 'x', maxCount: 'x', maxBytes: 'x', secret: 5, secrets: 5, scheme: 5,
  body: 5, payload: 5, states: 'x', provider: 5, events: 5, limit: 0, cursor: '!',
};
const PATH_PARAMS: Record<string, string> = { id: '0', slug: 'Not A Slug', name: 'no-such-token' };

function poisonedCall(name: (typeof methodNames)[number]): { method: string; path: string; body?: unknown } {
  const { route } = contract[name];
  const params = Object.fromEntries([...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, key]) => [key!, PATH_PARAMS[key!] ?? 'x']));
  const { path: filled } = fillRoute(route.path, params);
  return route.method === 'GET' || route.method === 'DELETE' ? { method: route.method, path: filled } : { method: route.method, path: filled, body: POISON };
}

describe('named tokens and roles', () => {
  it('every contract method answers 403 exactly to the roles below its own, for REST callers of each role', async () => {
    const { as, tokens } = await teamServer();
    const callers: [string, Role, string][] = [...ROLES.map((r) => [`${r}-1`, r, tokens[r]] as [string, Role, string]), ['owner', 'admin', OWNER]];
    const cases: string[] = [];
    for (const name of methodNames) {
      const { method, path: route, body } = poisonedCall(name);
      for (const [who, role, token] of callers) {
        const res = await as(token)<ErrorBody>(method, route, body);
        const allowed = roleAllows(role, contract[name].role);
        const label = `${name} (${contract[name].role}) as ${who} (${role}): ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        expect(res.status, label).not.toBe(401);
        if (allowed) expect(res.status, label).not.toBe(403);
        else {
          expect(res.status, label).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
          expect(res.body.error.message).toContain(contract[name].role);
        }
        expect(JSON.stringify(res.body), label).not.toContain(token);
        cases.push(label);
      }
    }
    expect(cases.length).toBe(methodNames.length * 4);
    // Every route class is covered: something each role may not do, and something it may.
    expect(methodNames.some((n) => contract[n].role === 'member' && contract[n].audit)).toBe(true);
    expect(contract.replayRequest.role).toBe('member');
    expect(contract.createToken.role).toBe('admin');

    // Refused mutations are audited too: one "forbidden" line per audited method above a viewer.
    const audit = await as(tokens.admin)<{ items: AuditEntry[] }>('GET', '/api/v2/audit?actor=viewer-1&limit=500');
    const refused = methodNames.filter((n) => contract[n].audit && !roleAllows('viewer', contract[n].role));
    expect(audit.body.items.map((e) => e.method).sort()).toEqual([...refused].sort());
    expect(new Set(audit.body.items.map((e) => `${e.actorRole} ${e.outcome}`))).toEqual(new Set(['viewer forbidden']));
    expect(output).not.toContain(tokens.viewer);
    expect(output).not.toContain(tokens.member);
  });

  it('getInfo names the caller and its role; a viewer cannot replay, a member cannot manage tokens', async () => {
    const { as, tokens, server } = await teamServer();
    for (const role of ROLES) {
      const info = await as(tokens[role])<ServerInfo>('GET', '/api/v2/info');
      expect(info.body.caller).toEqual({ name: `${role}-1`, role });
    }
    expect((await as(OWNER)<ServerInfo>('GET', '/api/v2/info')).body.caller).toEqual({ name: 'owner', role: 'admin' });

    const imported = await as(tokens.member)<{ ids: number[] }>('POST', '/api/v2/requests/import', { curl: `curl -X POST ${server.ready.receiverUrl}/hook -d '{"a":1}'` });
    expect(imported.status).toBe(200);
    const id = imported.body.ids[0]!;
    const replay = { url: `${server.ready.receiverUrl}/replayed` };
    expect((await as(tokens.viewer)<ErrorBody>('POST', `/api/v2/requests/${id}/replay`, replay)).status).toBe(403);
    expect((await as(tokens.member)('POST', `/api/v2/requests/${id}/replay`, replay)).status).toBe(200);
    expect((await as(tokens.member)<ErrorBody>('POST', '/api/v2/tokens', { name: 'sneaky', role: 'admin' })).status).toBe(403);
    expect((await as(tokens.member)<ErrorBody>('DELETE', '/api/v2/tokens/admin-1')).status).toBe(403);
    expect((await as(tokens.member)<ErrorBody>('GET', '/api/v2/tokens')).status).toBe(403);
    expect((await as(tokens.admin)<ErrorBody>('GET', '/api/v2/tokens')).status).toBe(200);
  });

  it('refuses a token revoked through the API from its next request on, and closes its open push socket', async () => {
    const { origin, as, owner, tokens } = await teamServer();
    const memberSocket = await openPush(origin, tokens.member);
    const viewerSocket = await openPush(origin, tokens.viewer);
    const memberClosed = closeOf(memberSocket);
    expect((await as(tokens.member)('GET', '/api/v2/requests')).status).toBe(200);

    const revoked = await owner<TokenInfo>('DELETE', '/api/v2/tokens/member-1');
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ name: 'member-1', role: 'member' });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(JSON.stringify(revoked.body)).not.toContain(tokens.member);

    const refused = await as(tokens.member)<ErrorBody>('GET', '/api/v2/requests');
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain(tokens.member);
    expect(await memberClosed).toEqual({ code: 1008, reason: 'token revoked' });
    await expect(openPush(origin, tokens.member)).rejects.toThrow('refused 401');
    // Only the revoked token's socket goes; the others' stay.
    expect(viewerSocket.readyState).toBe(WebSocket.OPEN);
    expect((await as(tokens.viewer)('GET', '/api/v2/requests')).status).toBe(200);
    viewerSocket.close();

    // Revoked twice: nothing left to revoke. A revoked name may be given out again, as a new token.
    expect((await owner<ErrorBody>('DELETE', '/api/v2/tokens/member-1')).status).toBe(404);
    const again = await owner<CreatedToken>('POST', '/api/v2/tokens', { name: 'member-1', role: 'viewer' });
    expect(again.status).toBe(200);
    expect(again.body.token).not.toBe(tokens.member);
    expect((await as(tokens.member)('GET', '/api/v2/requests')).status).toBe(401);
    expect((await as(again.body.token)<ServerInfo>('GET', '/api/v2/info')).body.caller).toEqual({ name: 'member-1', role: 'viewer' });
    // Names are unique among live tokens, and reserved names are refused.
    expect((await owner<ErrorBody>('POST', '/api/v2/tokens', { name: 'member-1', role: 'admin' })).status).toBe(400);
    expect((await owner<ErrorBody>('POST', '/api/v2/tokens', { name: 'owner', role: 'admin' })).status).toBe(400);
    const listed = await owner<{ items: TokenInfo[] }>('GET', '/api/v2/tokens?includeRevoked=true');
    expect(listed.body.items.map((t) => [t.name, t.role, t.revokedAt === null])).toEqual([
      ['admin-1', 'admin', true],
      ['member-1', 'member', false],
      ['member-1', 'viewer', true],
      ['viewer-1', 'viewer', true],
    ]);
    expect((await owner<{ items: TokenInfo[] }>('GET', '/api/v2/tokens')).body.items).toHaveLength(3);
  });

  it('sees tokens created and revoked by `hookbench token` in another process on the same data folder, at once', async () => {
    const { origin, as, owner, dataDir } = await teamServer();
    const created = await runCli(['token', 'create', 'ci-bot', '--role', 'member', '--data-dir', dataDir, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const { token } = JSON.parse(created.stdout) as CreatedToken;
    expect(token).toMatch(/^hbk_/);
    expect(created.stderr).not.toContain(token);
    const info = await as(token)<ServerInfo>('GET', '/api/v2/info');
    expect(info.status).toBe(200);
    expect(info.body.caller).toEqual({ name: 'ci-bot', role: 'member' });

    const socket = await openPush(origin, token);
    const closed = closeOf(socket);
    const revoked = await runCli(['token', 'revoke', 'ci-bot', '--data-dir', dataDir]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Revoked token "ci-bot" (member)');
    expect((await as(token)('GET', '/api/v2/info')).status).toBe(401);
    // The server polls for revocations made elsewhere (twice a second); no timing is asserted here.
    expect(await closed).toEqual({ code: 1008, reason: 'token revoked' });

    const list = await runCli(['token', 'list', '--all', '--json', '--data-dir', dataDir]);
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout) as (TokenInfo & Record<string, unknown>)[];
    expect(listed.find((t) => t.name === 'ci-bot')).toMatchObject({ role: 'member', revokedAt: expect.any(String) });
    expect(listed.every((t) => !('token' in t) && !('hash' in t))).toBe(true);
    const table = await runCli(['token', 'list', '--data-dir', dataDir]);
    expect(table.stdout).toMatch(/^NAME\s+ROLE\s+CREATED\s+LAST USED\s+REVOKED\n/);
    expect(table.stdout).not.toContain('ci-bot');

    // The plain form prints the token alone on stdout, for TOKEN=$(hookbench token create …).
    const plain = await runCli(['token', 'create', 'deploy', '--role', 'viewer', '--data-dir', dataDir]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^hbk_[A-Za-z0-9_-]{43}\n$/);
    expect(plain.stderr).toContain('shown only this once');
    expect((await as(plain.stdout.trim())<ServerInfo>('GET', '/api/v2/info')).body.caller).toEqual({ name: 'deploy', role: 'viewer' });

    // Refusals: exit 1 with a reason, exit 2 with the usage.
    const missing = await runCli(['token', 'revoke', 'nobody', '--data-dir', dataDir]);
    expect([missing.code, missing.stderr]).toEqual([1, 'hookbench token: there is no live token named "nobody"\n']);
    const taken = await runCli(['token', 'create', 'deploy', '--role', 'admin', '--data-dir', dataDir]);
    expect(taken.code).toBe(1);
    expect((await runCli(['token', 'create', 'x', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['token', 'create', 'x', '--role', 'root', '--data-dir', dataDir])).code).toBe(1);

    // The audit names the CLI as the actor of its changes.
    const audit = await owner<{ items: AuditEntry[] }>('GET', '/api/v2/audit?limit=500');
    const byCli = audit.body.items.filter((e) => e.actor.startsWith('cli'));
    expect(byCli.map((e) => [e.method, e.target, e.outcome])).toEqual([
      ['createToken', 'name=x role=root', 'invalid_input'],
      ['createToken', 'name=deploy role=admin', 'invalid_input'],
      ['revokeToken', 'name=nobody', 'not_found'],
      ['createToken', 'name=deploy role=viewer', 'ok'],
      ['revokeToken', 'name=ci-bot', 'ok'],
      ['createToken', 'name=ci-bot role=member', 'ok'],
    ]);
    expect(byCli.every((e) => e.actorRole === 'admin')).toBe(true);
  }, 180_000); // nine CLI processes on a loaded 2-core machine

  it('keeps only hashes: the plain token is in no file of the data folder', async () => {
    const { server, dataDir, tokens, as } = await teamServer();
    // Use each token once, so a last-used time is written too.
    for (const role of ROLES) expect((await as(tokens[role])('GET', '/api/v2/requests')).status).toBe(200);
    server.core.store.requests.flush();
    const files = fs.readdirSync(dataDir).map((f) => fs.readFileSync(path.join(dataDir, f)));
    const everything = Buffer.concat(files);
    for (const role of ROLES) {
      const token = tokens[role];
      expect(everything.includes(token), `${role} token in the data folder`).toBe(false);
      expect(everything.includes(token.slice(4)), `${role} token body in the data folder`).toBe(false);
      expect(everything.includes(createHash('sha256').update(token).digest('hex')), `${role} token hash stored`).toBe(true);
    }
  });

  it("audits each mutation with its actor's name and role, what it touched (no secrets), and the outcome", async () => {
    const { server, as, owner, tokens } = await teamServer();
    const admin = as(tokens.admin);
    const member = as(tokens.member);
    expect((await admin('PUT', '/api/v2/endpoints/shop', { name: 'Shop', secrets: ['whsec_do-not-log-me'] })).status).toBe(200);
    const imported = await member<{ ids: number[] }>('POST', '/api/v2/requests/import', { curl: `curl ${server.ready.receiverUrl}/shop -d 'x=1'` });
    const id = imported.body.ids[0]!;
    expect((await member('POST', `/api/v2/requests/${id}/replay`, { url: `${server.ready.receiverUrl}/shop/again?api_key=do-not-log-me` })).status).toBe(200);
    expect((await as(tokens.viewer)('POST', `/api/v2/requests/${id}/replay`, {})).status).toBe(403);
    expect((await admin('DELETE', `/api/v2/requests/${id}`)).status).toBe(200);
    expect((await admin('DELETE', `/api/v2/requests/${id}`)).status).toBe(404);
    expect((await owner('PUT', '/api/v2/settings/retention', { maxCount: 1000, maxBytes: null })).status).toBe(200);
    // Reads are not audited.
    expect((await member('GET', '/api/v2/requests')).status).toBe(200);

    const audit = await admin<{ items: AuditEntry[]; nextCursor: string | null }>('GET', '/api/v2/audit');
    expect(audit.status).toBe(200);
    const lines = audit.body.items.map((e) => [e.actor, e.actorRole, e.method, e.target, e.outcome]);
    const receiver = server.ready.receiverUrl;
    expect(lines).toEqual([
      ['owner', 'admin', 'putRetention', 'maxCount=1000', 'ok'],
      ['admin-1', 'admin', 'deleteRequest', `id=${id}`, 'not_found'],
      ['admin-1', 'admin', 'deleteRequest', `id=${id}`, 'ok'],
      ['viewer-1', 'viewer', 'replayRequest', `id=${id}`, 'forbidden'],
      ['member-1', 'member', 'replayRequest', `id=${id} url=${receiver}/shop/again`, 'ok'],
      ['member-1', 'member', 'importRequests', '', 'ok'],
      ['admin-1', 'admin', 'putEndpoint', 'slug=shop name=Shop', 'ok'],
      ['owner', 'admin', 'createToken', 'name=admin-1 role=admin', 'ok'],
      ['owner', 'admin', 'createToken', 'name=member-1 role=member', 'ok'],
      ['owner', 'admin', 'createToken', 'name=viewer-1 role=viewer', 'ok'],
    ]);
    expect(JSON.stringify(audit.body)).not.toContain('do-not-log-me');
    for (const e of audit.body.items) expect(Date.parse(e.at)).toBeGreaterThan(0);

    // Filters and paging.
    const byMember = await admin<{ items: AuditEntry[] }>('GET', '/api/v2/audit?actor=member-1');
    expect(byMember.body.items.map((e) => e.method)).toEqual(['replayRequest', 'importRequests']);
    const deletes = await admin<{ items: AuditEntry[] }>('GET', '/api/v2/audit?method=deleteRequest');
    expect(deletes.body.items).toHaveLength(2);
    const future = await admin<{ items: AuditEntry[] }>('GET', `/api/v2/audit?from=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(future.body.items).toEqual([]);
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: AuditEntry[]; nextCursor: string | null } } = await admin('GET', `/api/v2/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(audit.body.items.map((e) => e.id));
    expect((await admin<ErrorBody>('GET', '/api/v2/audit?cursor=abc')).status).toBe(400);
    // Only admins read it.
    expect((await member<ErrorBody>('GET', '/api/v2/audit')).status).toBe(403);
    expect((await as(tokens.viewer)<ErrorBody>('GET', '/api/v2/audit')).status).toBe(403);
  });

  it('never puts a presented token in an error body or a log line', async () => {
    const { origin, as, tokens, owner } = await teamServer();
    const wrong = 'hbk_' + 'A'.repeat(43);
    for (const token of [wrong, tokens.viewer + 'x', `${OWNER}-not`]) {
      const res = await as(token)<ErrorBody>('GET', '/api/v2/requests');
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toContain(token);
      await expect(openPush(origin, token)).rejects.toThrow('refused 401');
    }
    const forbidden = await as(tokens.viewer)<ErrorBody>('DELETE', '/api/v2/tokens/admin-1');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe('revokeToken needs the admin role; "viewer-1" is a viewer');
    expect((await owner('DELETE', '/api/v2/tokens/viewer-1')).status).toBe(200);
    expect((await as(tokens.viewer)('GET', '/api/v2/info')).status).toBe(401);
    for (const token of [wrong, OWNER, ...Object.values(tokens)]) expect(output).not.toContain(token);
  });
});
