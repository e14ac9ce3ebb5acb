import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSession } from '../helpers/e2e';
import type { CreatedToken } from '../../src/shared/access-schemas';
import { json, request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';
import { startTunnelServer } from '../helpers/tunnel-server';
import { isReachable, LAYOUTS, layoutName, openUi, shot, type Layout } from '../helpers/ui-page';

/**
 * Issue 16, the app shell: reconnection after a restart (same token: by itself, reloading what it
 * missed; new token: says so and takes the new one), light and dark themes, the keyboard (global
 * shortcuts, the command palette, the shortcut list), the open view in the page URL, and a top
 * bar whose every control is reachable at 1000 px.
 */
const session = e2eSession();

const capture = (receiverUrl: string, path: string) =>
  request(`${receiverUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ event: 'ping', path }) });

const connectionText = (page: Page) => page.getByTestId('connection').textContent();

/** The `color-scheme` in force on <html> (the test tsconfig has no DOM types, hence the narrow shapes). */
const colorScheme = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as unknown as { document: { documentElement: unknown }; getComputedStyle(e: unknown): { colorScheme: string } };
    return g.getComputedStyle(g.document.documentElement).colorScheme;
  });

/** Takes the focus off whatever has it, so single-key shortcuts apply. */
const blur = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.());

/** The "Reconnecting in N s" countdown as a number (0 while trying). */
async function countdown(page: Page): Promise<number> {
  const text = (await page.getByTestId('retry-countdown').textContent({ timeout: 1000 }).catch(() => '')) ?? '';
  return Number(/in (\d+) s/.exec(text)?.[1] ?? 0);
}

/** Relative luminance (WCAG 2) of a CSS colour `rgb(r, g, b)`: 0 black … 1 white. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Contrast ratio of two CSS colours (WCAG 2: 4.5 is AA for body text, 7 AAA). */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Computed text and background colours of the body and of the top bar (a panel). */
const colours = (page: Page) =>
  page.evaluate(() => {
    type Styled = { color: string; backgroundColor: string };
    const g = globalThis as unknown as { document: { body: unknown; querySelector(s: string): unknown }; getComputedStyle(e: unknown): Styled };
    const body = g.getComputedStyle(g.document.body);
    const panel = g.getComputedStyle(g.document.querySelector('.topbar'));
    const root = g.document as unknown as { documentElement: { dataset: Record<string, string> } };
    return { theme: root.documentElement.dataset.theme, body: { fg: body.color, bg: body.backgroundColor }, panel: { fg: panel.color, bg: panel.backgroundColor } };
  });

describe.each(LAYOUTS.map((layout) => ({ layout, name: layoutName(layout) })))('app shell at $name', ({ layout }: { layout: Layout }) => {
  it('reconnects by itself after a restart with the same token, reloading what it missed; a new token is explained and can be pasted', async () => {
    const dataDir = tempDir();
    const first = await session.serve(['--data-dir', dataDir, '--token', 'first-token-for-the-e2e']);
    const uiPort = new URL(first.ready.uiUrl).port;
    const { page, errors } = await openUi(session.browser(), first.ready.uiUrl, layout);
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Live');
    // Proof that nothing below reloads the page: this survives only in the same document.
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));

    // The server goes away: a visible backoff with a way to retry now, and no "forever".
    await first.stop();
    await page.getByTestId('offline-banner').waitFor({ timeout: 20_000 });
    expect(await connectionText(page)).toBe('Offline');
    await expect.poll(() => countdown(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('offline-banner').textContent()).toMatch(/not answering.*Reconnecting in \d+ s…/);
    expect(await isReachable(page, 'retry-now')).toBe(true);
    await shot(page, 'shell-offline', layout);
    // Retry now tries at once (and, the server still down, goes back to waiting).
    await page.getByTestId('retry-now').click();
    await expect.poll(() => countdown(page), { timeout: 10_000 }).toBeGreaterThan(0);
    // Wait until the next attempt is far enough away that the capture below lands while the page is offline.
    await expect.poll(() => countdown(page), { timeout: 40_000, interval: 200 }).toBeGreaterThanOrEqual(7);

    // Back with the same token on the same port; a webhook arrives before the page has reconnected.
    const second = await session.serve(['--data-dir', dataDir, '--ui-port', uiPort, '--token', 'first-token-for-the-e2e']);
    expect((await capture(second.ready.receiverUrl, '/missed/while-away')).status).toBe(200);
    expect(await connectionText(page)).not.toBe('Live');
    await expect.poll(() => connectionText(page), { timeout: 30_000 }).toBe('Live');
    await expect.poll(() => page.getByTestId('request-row').filter({ hasText: '/missed/while-away' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);

    // Back with another token: the page says what happened and how to get back.
    await second.stop();
    await page.getByTestId('offline-banner').waitFor({ timeout: 20_000 });
    const third = await session.serve(['--data-dir', dataDir, '--ui-port', uiPort, '--token', 'second-token-for-the-e2e']);
    await expect
      .poll(
        async () => {
          if ((await page.getByTestId('retry-now').count()) > 0) await page.getByTestId('retry-now').click({ timeout: 1000 }).catch(() => undefined);
          return page.getByTestId('refused-banner').count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    const banner = (await page.getByTestId('refused-banner').textContent()) ?? '';
    expect(banner).toContain('This server no longer accepts this page’s access token');
    expect(banner).toContain('restarted with a new one, or the token was revoked');
    expect(banner).toContain('hookbench serve');
    expect(await connectionText(page)).toBe('Token refused');
    // Refused is final until a token is given: no retry loop (the server counts failed tokens).
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    expect(await isReachable(page, 'refused-token')).toBe(true);
    await shot(page, 'shell-token-refused', layout);

    // A wrong paste is refused again; the right one continues on this page, with what arrived meanwhile.
    expect((await capture(third.ready.receiverUrl, '/after/new-token')).status).toBe(200);
    await page.getByTestId('refused-token').fill('not-the-token');
    await page.getByTestId('refused-use-token').click();
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Token refused');
    await page.getByTestId('refused-token').fill(third.ready.token);
    await page.getByTestId('refused-use-token').click();
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Live');
    await expect.poll(() => page.getByTestId('request-row').filter({ hasText: '/after/new-token' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);
    // The pasted token is this tab's now: a reload keeps working.
    await page.reload();
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Live');
    await shot(page, 'shell-reconnected', layout);
    // The refused attempts log nothing else; the UI itself raised no error (failed sockets are not page errors).
    expect(errors.filter((e) => !/WebSocket|401|Failed to load resource|ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('tells a page whose token was revoked, at once, instead of reconnecting forever', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const origin = new URL(serve.ready.uiUrl).origin;
    const admin = { Authorization: `Bearer ${serve.ready.token}`, 'Content-Type': 'application/json' };
    const made = await json<CreatedToken>(`${origin}/api/v2/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'mallory', role: 'viewer' }) });
    expect(made.status).toBe(200);
    const { page, errors } = await openUi(session.browser(), `${origin}/?token=${encodeURIComponent(made.body.token)}`, layout);
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Live');
    expect((await request(`${origin}/api/v2/tokens/mallory`, { method: 'DELETE', headers: { Authorization: admin.Authorization } })).status).toBe(200);
    await page.getByTestId('refused-banner').waitFor({ timeout: 20_000 });
    expect(await connectionText(page)).toBe('Token refused');
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    expect(errors.filter((e) => !/WebSocket|401|Failed to load resource/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('follows the OS theme live, can be overridden (remembered), and both themes are readable', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Live');
    const other = layout.theme === 'dark' ? 'light' : 'dark';
    // A request open, so Monaco shows its body: the editor follows the theme too.
    expect((await capture(serve.ready.receiverUrl, '/theme/check')).status).toBe(200);
    await page.getByTestId('request-row').first().click();
    await page.locator('[data-testid="code-view"] .monaco-editor').waitFor({ timeout: 20_000 });
    const editorLuminance = async () => luminance(await page.locator('[data-testid="code-view"] .monaco-editor').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor));
    const darkEditor = (theme: string) => expect.poll(editorLuminance).toSatisfy((l: number) => (theme === 'dark' ? l < 0.1 : l > 0.7));
    await darkEditor(layout.theme);

    // Follows the emulated OS, and live when the OS changes.
    const own = await colours(page);
    expect(own.theme).toBe(layout.theme);
    expect(await page.getByTestId('theme-select').inputValue()).toBe('system');
    await page.emulateMedia({ colorScheme: other });
    await expect.poll(async () => (await colours(page)).theme).toBe(other);
    const switched = await colours(page);
    expect(switched.body.bg).not.toBe(own.body.bg);
    expect(switched.panel.bg).not.toBe(own.panel.bg);
    expect(switched.body.fg).not.toBe(own.body.fg);
    await darkEditor(other);
    await page.emulateMedia({ colorScheme: layout.theme });
    await expect.poll(async () => (await colours(page)).theme).toBe(layout.theme);

    // Both themes readable: body and panel text well above WCAG AA against their backgrounds.
    for (const c of [own, switched]) {
      expect(contrast(c.body.fg, c.body.bg)).toBeGreaterThan(7);
      expect(contrast(c.panel.fg, c.panel.bg)).toBeGreaterThan(7);
    }
    expect(await colorScheme(page)).toBe(layout.theme);

    // The override wins over the OS and is remembered across a reload.
    await page.getByTestId('theme-select').selectOption(other);
    await expect.poll(async () => (await colours(page)).theme).toBe(other);
    await darkEditor(other);
    expect(await colorScheme(page)).toBe(other);
    await shot(page, `shell-theme-override-${other}`, layout);
    await page.reload();
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Live');
    expect((await colours(page)).theme).toBe(other);
    expect(await page.getByTestId('theme-select').inputValue()).toBe(other);

    // And from the palette, opened with the focus in Monaco (which has Ctrl+K chords of its own; a
    // single key there stays the editor's): back to following the system.
    await page.locator('[data-testid="code-view"] .view-lines').click();
    await page.keyboard.press('?');
    expect(await page.getByTestId('shortcut-list').count()).toBe(0);
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('theme system');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await colours(page)).theme).toBe(layout.theme);
    expect(await page.getByTestId('theme-select').inputValue()).toBe('system');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs commands from the palette and by shortcut, lists the shortcuts on ?, and keeps single keys out of text fields', async () => {
    // A real localtunnel server on loopback, for the tunnel feature's commands.
    const lt = await startTunnelServer();
    const serve = await session.serve(['--data-dir', tempDir(), '--tunnel', '--tunnel-host', lt.url, '--subdomain', `shell-keys-${layout.width}`]);
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Live');

    // Ctrl+K: every enabled command, fuzzy-filtered, arrows and Enter.
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    const all = await page.getByTestId('palette-item').evaluateAll((items) => items.map((i) => (i as unknown as { dataset: Record<string, string> }).dataset.command));
    expect(all).toEqual(expect.arrayContaining(['view.inbox', 'view.sender', 'view.schemas', 'theme.light', 'theme.dark', 'app.settings', 'app.import', 'app.reload', 'app.shortcuts']));
    // The theme already in use is not offered again (disabled commands are hidden).
    expect(all).not.toContain('theme.system');
    await page.getByTestId('palette-input').fill('swsend');
    await expect.poll(() => page.getByTestId('palette-item').first().getAttribute('data-command')).toBe('view.sender');
    expect(await page.getByTestId('palette-item').first().textContent()).toContain('Switch to Sender');
    await shot(page, 'shell-palette', layout);
    await page.keyboard.press('Enter');
    await expect.poll(() => palette.count()).toBe(0);
    await expect.poll(() => page.getByTestId('view-sender').getAttribute('class')).toContain('tab-on');

    // Arrow keys move the choice; the filter matches the group too ("view").
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('switch to');
    const items = page.getByTestId('palette-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(3);
    const order = await items.evaluateAll((list) => list.map((i) => (i as unknown as { dataset: Record<string, string> }).dataset.command));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('.palette-active').getAttribute('data-command')).toBe(order[1]);
    // Typing `?` in the palette's field types it: single-key shortcuts do not fire while typing.
    await page.getByTestId('palette-input').press('?');
    expect(await page.getByTestId('palette-input').inputValue()).toBe('switch to?');
    expect(await page.getByTestId('shortcut-list').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette.count()).toBe(0);

    // Shortcuts: Alt+3 Schemas, Alt+1 Inbox, Ctrl+, Settings.
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.getByTestId('view-schemas').getAttribute('class')).toContain('tab-on');
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.getByTestId('view-inbox').getAttribute('class')).toContain('tab-on');
    await page.keyboard.press('Control+,');
    await page.getByTestId('settings-area').waitFor();
    await page.keyboard.press('Control+,');
    await expect.poll(() => page.getByTestId('settings-area').count()).toBe(0);

    // `?`: the shortcut list, grouped, with the keys.
    await blur(page);
    await page.keyboard.press('?');
    const list = page.getByTestId('shortcut-list');
    await list.waitFor();
    const groups = await page.getByTestId('shortcut-group').locator('h3').allTextContents();
    expect(groups).toEqual(expect.arrayContaining(['App', 'View']));
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('Switch to Sender');
    expect(text).toMatch(/Command palette\s*Ctrl\s*K/);
    await shot(page, 'shell-shortcuts', layout);
    await page.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);

    // Features' commands are in the same palette and keys: `/` (the inbox's) focuses the search field…
    await blur(page);
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName)).toBe('INPUT');
    // …and the tunnel's Stop and Start run from the palette.
    await expect.poll(() => page.getByTestId('tunnel-state').textContent(), { timeout: 20_000 }).toBe('Online');
    const runFromPalette = async (query: string, id: string) => {
      await page.keyboard.press('Control+k');
      await page.getByTestId('palette-input').fill(query);
      await expect.poll(() => page.getByTestId('palette-item').first().getAttribute('data-command')).toBe(id);
      await page.keyboard.press('Enter');
      await expect.poll(() => palette.count()).toBe(0);
    };
    await runFromPalette('stop tunnel', 'tunnel.stop');
    await expect.poll(() => page.getByTestId('tunnel-state').textContent(), { timeout: 20_000 }).toBe('Tunnel off');
    await runFromPalette('start tunnel', 'tunnel.start');
    await expect.poll(() => page.getByTestId('tunnel-state').textContent(), { timeout: 20_000 }).toBe('Online');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the open view in the page URL across a reload, and every top-bar control is reachable', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);
    await expect.poll(() => connectionText(page), { timeout: 20_000 }).toBe('Live');

    for (const view of ['sender', 'schemas', 'audit'] as const) {
      await page.getByTestId(`view-${view}`).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe(view);
      await page.reload();
      await expect.poll(() => page.getByTestId(`view-${view}`).getAttribute('class'), { timeout: 20_000 }).toContain('tab-on');
      expect(new URL(page.url()).searchParams.get('token')).toBeNull();
    }
    await page.getByTestId('view-inbox').click();
    await expect.poll(() => new URL(page.url()).searchParams.has('view')).toBe(false);

    // The top bar does not overflow: it wraps, and long values are cut with the whole in a tooltip.
    const overflow = await page.locator('.topbar').evaluate((el) => {
      const e = el as unknown as { scrollWidth: number; clientWidth: number };
      return e.scrollWidth - e.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    const receiver = page.getByTestId('receiver-url').locator('code');
    expect(await receiver.getAttribute('title')).toBe(await receiver.textContent());
    for (const id of ['view-inbox', 'view-sender', 'view-schemas', 'view-audit', 'receiver-url', 'tunnel', 'caller', 'open-palette', 'open-import', 'open-settings', 'theme-select', 'connection']) {
      expect(await isReachable(page, id), `${id} at ${layoutName(layout)}`).toBe(true);
    }
    await shot(page, 'shell-top-bar', layout);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
