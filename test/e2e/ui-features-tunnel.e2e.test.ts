import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSession } from '../helpers/e2e';
import { refusedPort } from '../helpers/refused-port';
import { runCommand } from '../helpers/palette';
import { tempDir } from '../helpers/temp-dir';
import { LAYOUTS, layoutName, openUi, shot } from '../helpers/ui-page';

/**
 * Issue 16, tunnel: plain-word errors, a bounded and visible backoff with "Retry now", a final
 * "gave up" state, a clean "Tunnel off" after Stop (also after a restart), one status row with
 * the whole message in its tooltip, and Start/Stop in the command palette. Real `serve`
 * processes; the tunnel server is a loopback port nothing listens on, or a host under .invalid
 * (RFC 6761), which the resolver refuses locally: nothing leaves the machine.
 */

const session = e2eSession();

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

/** The status row's children (the server popover aside) sit on one line. */
async function rowIsOneLine(page: Page): Promise<boolean> {
  return page.getByTestId('tunnel').evaluate((node) => {
    type Box = { top: number; bottom: number };
    type El = { children: ArrayLike<El>; getBoundingClientRect(): Box; tagName: string };
    const kids = Array.from((node as unknown as El).children).filter((k) => k.tagName !== 'FORM');
    const middles = kids.map((k) => {
      const box = k.getBoundingClientRect();
      return (box.top + box.bottom) / 2;
    });
    return Math.max(...middles) - Math.min(...middles) < 6;
  });
}

describe.each(LAYOUTS)('tunnel states at $width px, $theme', (layout) => {
  it('refused: plain words, "Retrying in N s (attempt k of 8)", Retry now, Stop → clean "Tunnel off", also after a restart; palette start/stop', async () => {
    const port = await refusedPort();
    const host = `http://127.0.0.1:${port}`;
    const dataDir = tempDir();
    // A long first delay keeps the countdown on screen while the test looks at it.
    const env = { HOOKBENCH_TUNNEL_BACKOFF_MS: '20000' };
    const serve = await session.serve(['--data-dir', dataDir, '--tunnel', '--tunnel-host', host, '--subdomain', 'hookbench-ui'], env);
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);

    await expect.poll(() => text(page, 'tunnel-state')).toBe('Reconnecting');
    const reason = `The tunnel server at ${host} refused the connection — is it running?`;
    const message = page.getByTestId('tunnel-error');
    await expect.poll(() => message.textContent()).toMatch(/^Retrying in \d+ s \(attempt 1 of 8\): /);
    expect(await message.textContent()).toContain(reason);
    expect(await message.textContent()).not.toContain('fetch failed');
    // The countdown counts down.
    const first = Number((await message.textContent())!.match(/Retrying in (\d+) s/)![1]);
    await expect.poll(async () => Number((await message.textContent())!.match(/Retrying in (\d+) s/)?.[1]), { timeout: 5_000 }).toBeLessThan(first);
    // One line; the whole message in the tooltip.
    expect(await rowIsOneLine(page)).toBe(true);
    expect(await message.getAttribute('title')).toBe(await message.textContent());
    if (layout.width === 1000) expect(await message.evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (el as unknown as { clientWidth: number }).clientWidth)).toBe(true);

    await page.getByTestId('tunnel-retry').click();
    await expect.poll(() => message.textContent()).toMatch(/^Retrying in \d+ s \(attempt 2 of 8\): The tunnel server at/);
    await shot(page, 'tunnel-retrying', layout);

    await page.getByTestId('tunnel-stop').click();
    await expect.poll(() => text(page, 'tunnel-state')).toBe('Tunnel off');
    expect(await page.getByTestId('tunnel-error').count()).toBe(0);
    expect(await page.getByTestId('tunnel-retry').count()).toBe(0);
    await shot(page, 'tunnel-off', layout);

    // A restart of the app: still off, nothing left over.
    await page.context().close();
    expect(await serve.stop()).toBe(0);
    const again = await session.serve(['--data-dir', dataDir], env);
    const reopened = await openUi(session.browser(), again.ready.uiUrl, layout);
    await expect.poll(() => text(reopened.page, 'tunnel-state')).toBe('Tunnel off');
    expect(await reopened.page.getByTestId('tunnel-error').count()).toBe(0);

    // Start and Stop from the command palette.
    await runCommand(reopened.page, 'tunnel.start', 'Start tunnel');
    await expect.poll(() => text(reopened.page, 'tunnel-state')).toBe('Reconnecting');
    await expect.poll(() => reopened.page.getByTestId('tunnel-error').textContent()).toContain(reason);
    await runCommand(reopened.page, 'tunnel.stop', 'Stop tunnel');
    await expect.poll(() => text(reopened.page, 'tunnel-state')).toBe('Tunnel off');
    expect(await reopened.page.getByTestId('tunnel-error').count()).toBe(0);
    expect([...errors, ...reopened.errors]).toEqual([]);
    await reopened.page.context().close();
  });

  it('a host that does not resolve: DNS in plain words, then "Gave up after 8 attempts", no attempt 9; Retry starts over', async () => {
    const serve = await session.serve(['--data-dir', tempDir(), '--tunnel', '--tunnel-host', 'http://tunnel.invalid', '--subdomain', 'hookbench-dns'], { HOOKBENCH_TUNNEL_BACKOFF_MS: '50,100' });
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);
    await expect.poll(() => text(page, 'tunnel-state'), { timeout: 30_000 }).toBe('Stopped');
    const message = page.getByTestId('tunnel-error');
    expect(await message.textContent()).toBe("Gave up after 8 attempts: Can't find the tunnel server host tunnel.invalid (DNS lookup failed)");
    expect(await message.getAttribute('title')).toBe(await message.textContent());
    expect(await rowIsOneLine(page)).toBe(true);
    await shot(page, 'tunnel-gave-up', layout);
    // It stays given up (no attempt 9) …
    const origin = new URL(serve.ready.uiUrl).origin;
    const status = async () => (await (await fetch(`${origin}/api/v2/tunnel`, { headers: { Authorization: `Bearer ${serve.ready.token}` } })).json()) as { state: string; attempt: number };
    await new Promise((r) => setTimeout(r, 500));
    expect(await status()).toMatchObject({ state: 'failed', attempt: 8 });
    // … until asked: Retry now begins a fresh set of attempts.
    await page.getByTestId('tunnel-retry').click();
    await expect.poll(async () => (await status()).state, { timeout: 10_000 }).not.toBe('failed');
    await expect.poll(() => text(page, 'tunnel-state'), { timeout: 30_000 }).toBe('Stopped');
    await page.getByTestId('tunnel-stop').click();
    await expect.poll(() => text(page, 'tunnel-state')).toBe('Tunnel off');
    expect(await page.getByTestId('tunnel-error').count()).toBe(0);
    expect(errors, layoutName(layout)).toEqual([]);
    await page.context().close();
  });
});
