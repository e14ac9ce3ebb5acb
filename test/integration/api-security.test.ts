import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PUSH_ROUTE, tokenToWsProtocol, WS_PROTOCOL, type PushEvent } from '../../src/shared/contract';
import { startTestHeadless } from '../helpers/core';
import { json, request } from '../helpers/http';

const TOKEN = 'secret-token-for-tests';
const auth = { Authorization: `Bearer ${TOKEN}` };

function uiOrigin(uiUrl: string) {
  return new URL(uiUrl).origin;
}

/** Opens the push socket; resolves with the socket, or rejects with the HTTP status it was refused with. */
function openPush(origin: string, protocols: string[], headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(origin.replace('http', 'ws') + PUSH_ROUTE, protocols, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('headless API security', () => {
  it('binds the API to 127.0.0.1 and requires the bearer token on every API route', async () => {
    const server = await startTestHeadless({ token: TOKEN });
    const origin = uiOrigin(server.ready.uiUrl);
    expect(new URL(origin).hostname).toBe('127.0.0.1');
    for (const path of ['/api/v2/requests', '/api/v2/requests/1', '/api/v2/info', '/api/v2/nope']) {
      const res = await json<{ error: { code: string } }>(origin + path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    const wrong = await json(origin + '/api/v2/requests', { headers: { Authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    const ok = await json<{ items: unknown[] }>(origin + '/api/v2/requests', { headers: auth });
    expect(ok.status).toBe(200);
    expect(ok.body.items).toEqual([]);
  });

  it('refuses a foreign Origin or Host with 403, even with the token (CSRF, DNS rebinding)', async () => {
    const server = await startTestHeadless({ token: TOKEN });
    const origin = uiOrigin(server.ready.uiUrl);
    const port = new URL(origin).port;
    const foreignOrigin = await json<{ error: { code: string } }>(origin + '/api/v2/requests', {
      headers: { ...auth, Origin: 'https://evil.example' },
    });
    expect(foreignOrigin.status).toBe(403);
    expect(foreignOrigin.body.error.code).toBe('forbidden');
    const rebinding = await json(origin + '/api/v2/requests', { headers: { ...auth, Host: `evil.example:${port}` } });
    expect(rebinding.status).toBe(403);
    const otherPort = await json(origin + '/api/v2/requests', { headers: { ...auth, Host: `127.0.0.1:1` } });
    expect(otherPort.status).toBe(403);
    // The static UI is guarded by the Host check too.
    expect((await request(origin + '/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    // Its own origin, and the localhost spelling of it, are fine.
    expect((await json(origin + '/api/v2/requests', { headers: { ...auth, Origin: origin } })).status).toBe(200);
    expect((await json(origin + '/api/v2/requests', { headers: { ...auth, Host: `localhost:${port}` } })).status).toBe(200);
  });

  it('believes no X-Forwarded-* header without --behind-proxy: not for Host, not for the failed-authentication limit', async () => {
    const server = await startTestHeadless({ token: TOKEN });
    const origin = uiOrigin(server.ready.uiUrl);
    const port = new URL(origin).port;
    const forwardedHost = await json(origin + '/api/v2/requests', { headers: { ...auth, Host: 'evil.example', 'X-Forwarded-Host': `127.0.0.1:${port}` } });
    expect(forwardedHost.status).toBe(403);
    for (let i = 0; i < 10; i++) {
      const res = await json(origin + '/api/v2/requests', { headers: { Authorization: 'Bearer wrong-token-guess', 'X-Forwarded-For': `198.51.100.${i}` } });
      expect(res.status).toBe(401);
    }
    const limited = await request(origin + '/api/v2/requests', { headers: { ...auth, 'X-Forwarded-For': '198.51.100.200' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Plain http on loopback: no HSTS (it would pin 127.0.0.1 to https in the browser).
    expect(limited.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends no CORS headers and security headers on every response', async () => {
    const server = await startTestHeadless({ token: TOKEN });
    const res = await request(uiOrigin(server.ready.uiUrl) + '/api/v2/requests', { headers: auth });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers errors as JSON {error: {code, message}} without stack traces', async () => {
    const server = await startTestHeadless({ token: TOKEN });
    const origin = uiOrigin(server.ready.uiUrl);
    const missing = await json<{ error: { code: string; message: string } }>(origin + '/api/v2/requests/999', { headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'not_found', message: 'request 999 does not exist' });
    const invalid = await json<{ error: { code: string; message: string } }>(origin + '/api/v2/requests/abc', { headers: auth });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_input');
    const badLimit = await json<{ error: { code: string } }>(origin + '/api/v2/requests?limit=0', { headers: auth });
    expect(badLimit.status).toBe(400);
    const badCursor = await json<{ error: { message: string } }>(origin + '/api/v2/requests?cursor=zzz', { headers: auth });
    expect(badCursor.status).toBe(400);
    for (const body of [missing.body, invalid.body, badCursor.body]) expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('never serves the API on the receiver port: /api/... there is captured as a webhook and returns no data', async () => {
    const server = await startTestHeadless({ token: TOKEN });
    await request(server.ready.receiverUrl + '/first', { method: 'POST', body: '{"secret":"data"}' });
    const res = await request(server.ready.receiverUrl + '/api/v2/requests', { headers: auth });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
    const list = await json<{ items: { path: string }[] }>(uiOrigin(server.ready.uiUrl) + '/api/v2/requests', { headers: auth });
    expect(list.body.items.map((r) => r.path)).toEqual(['/api/v2/requests', '/first']);
  });

  it('checks the token and Origin on the push WebSocket, and pushes captures to a valid client', async () => {
    const server = await startTestHeadless({ token: TOKEN });
    const origin = uiOrigin(server.ready.uiUrl);
    await expect(openPush(origin, [WS_PROTOCOL])).rejects.toThrow('refused 401');
    await expect(openPush(origin, [WS_PROTOCOL, tokenToWsProtocol('wrong-token-value')])).rejects.toThrow('refused 401');
    await expect(openPush(origin, [WS_PROTOCOL, tokenToWsProtocol(TOKEN)], { Origin: 'https://evil.example' })).rejects.toThrow('refused 403');

    const ws = await openPush(origin, [WS_PROTOCOL, tokenToWsProtocol(TOKEN)], { Origin: origin });
    expect(ws.protocol).toBe(WS_PROTOCOL);
    const received = new Promise<PushEvent>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as PushEvent)));
    await request(server.ready.receiverUrl + '/pushed?x=1', { method: 'POST', body: 'hi' });
    const event = await received;
    expect(event.event).toBe('request.captured');
    expect(event.payload).toMatchObject({ method: 'POST', path: '/pushed', query: 'x=1', size: 2 });
    ws.close();
  });
});
