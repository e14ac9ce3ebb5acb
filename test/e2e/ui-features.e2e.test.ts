import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSession } from '../helpers/e2e';
import { json, request } from '../helpers/http';
import type { ServeProcess } from '../helpers/serve-process';
import { startSink } from '../helpers/sink';
import { runCommand } from '../helpers/palette';
import { tempDir } from '../helpers/temp-dir';
import { isReachable, LAYOUTS, openUi, shot, type Layout } from '../helpers/ui-page';

/**
 * Issue 16 in Chromium against a real `serve`, at both layouts: the endpoint sidebar (cut URLs
 * with a tooltip and copy, reachable at 1000 px, "New endpoint…" in the palette), retention that
 * says how many requests it deletes and waits for a confirmation, a paused target's pending
 * delivery, and the Sender, Schemas, Audit and Team server views usable at 1000 px in both themes.
 */

const session = e2eSession();

/** The REST API as the server's own (admin) token. */
function api(serve: ServeProcess) {
  const origin = new URL(serve.ready.uiUrl).origin;
  return <T = unknown>(method: string, path: string, body?: unknown) =>
    json<T>(`${origin}${path}`, {
      method,
      headers: { Authorization: `Bearer ${serve.ready.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

async function capture(serve: ServeProcess, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await request(`${serve.ready.receiverUrl}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
  expect(res.status).toBe(200);
}

/** The page follows the layout's theme, and `testId`'s text stands out from what is behind it. */
async function readableIn(page: Page, testId: string, layout: Layout): Promise<void> {
  expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset.theme)).toBe(layout.theme);
  const contrast = await page.getByTestId(testId).first().evaluate((node) => {
    type El = { parentElement: El | null } & object;
    const win = globalThis as unknown as { getComputedStyle(el: El): { color: string; backgroundColor: string } };
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    let el: El | null = node as unknown as El;
    let bg = 'rgba(0, 0, 0, 0)';
    while (el) {
      const c = win.getComputedStyle(el).backgroundColor;
      if (rgb(c).length === 3 || (rgb(c)[3] ?? 0) > 0.5) {
        bg = c;
        break;
      }
      el = el.parentElement;
    }
    const [a, b] = [lum(rgb(win.getComputedStyle(node as unknown as El).color)), lum(rgb(bg))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
  expect(contrast).toBeGreaterThan(4.5);
}

describe.each(LAYOUTS)('features at $width px, $theme', (layout) => {
  it('endpoint sidebar: cut URLs keep a tooltip and copy; settings reachable; "New endpoint…" from the palette', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const slug = 'a-rather-long-endpoint-slug-for-the-sidebar';
    expect((await api(serve)('PUT', `/api/v2/endpoints/${slug}`, {})).status).toBe(200);
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(serve.ready.uiUrl).origin });
    const url = `${serve.ready.receiverUrl}/${slug}`;
    const code = page.getByTestId('endpoint-local-url');
    await expect.poll(() => code.textContent()).toBe(url);
    expect(await code.getAttribute('title')).toBe(url);
    // Cut to the sidebar: wider than its box (at both widths the sidebar is narrower than this URL).
    expect(await code.evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth > (el as unknown as { clientWidth: number }).clientWidth)).toBe(true);
    expect(await isReachable(page, 'endpoint-local-copy')).toBe(true);
    expect(await isReachable(page, 'endpoint-edit')).toBe(true);
    await page.getByTestId('endpoint-local-copy').locator('button').click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(url);
    await shot(page, 'endpoints-sidebar', layout);

    await runCommand(page, 'endpoints.new', 'New endpoint');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid') ?? null)).toBe('endpoint-new-slug');
    await page.keyboard.type('stripe-live');
    await page.keyboard.press('Enter');
    await page.getByTestId('endpoint-editor').waitFor();
    expect(await isReachable(page, 'endpoint-save')).toBe(true);
    await shot(page, 'endpoints-new-editor', layout);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('retention: says how many requests go and deletes nothing until confirmed', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    for (let i = 0; i < 12; i++) await capture(serve, '/hook', { n: i });
    const usage = async () => (await api(serve)<{ usage: { count: number } }>('GET', '/api/v2/settings/retention')).body.usage.count;
    expect(await usage()).toBe(12);
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);
    await page.getByTestId('open-settings').click();
    await expect.poll(() => page.getByTestId('retention-usage').textContent()).toBe('Stored now: 12 requests, ' + (await page.getByTestId('retention-usage').textContent())!.split(', ')[1]);
    await page.getByTestId('retention-count').fill('10');
    await page.getByTestId('retention-save').click();
    await expect.poll(() => page.getByTestId('retention-confirm-text').textContent()).toBe('This deletes 2 requests now. Continue?');
    expect(await isReachable(page, 'retention-confirm-delete')).toBe(true);
    await shot(page, 'retention-confirm', layout);
    // Asked, not done.
    expect(await usage()).toBe(12);
    expect((await api(serve)<{ maxCount: number | null }>('GET', '/api/v2/settings/retention')).body.maxCount).toBeNull();
    await page.getByTestId('retention-confirm-cancel').click();
    await expect.poll(() => page.getByTestId('retention-confirm').count()).toBe(0);
    expect(await usage()).toBe(12);

    await page.getByTestId('retention-save').click();
    await page.getByTestId('retention-confirm-delete').click();
    await expect.poll(usage).toBe(10);
    expect((await api(serve)<{ maxCount: number | null }>('GET', '/api/v2/settings/retention')).body.maxCount).toBe(10);
    // A limit that deletes nothing is saved at once.
    await page.getByTestId('open-settings').click();
    await page.getByTestId('retention-count').fill('50');
    await page.getByTestId('retention-save').click();
    await expect.poll(async () => (await api(serve)<{ maxCount: number | null }>('GET', '/api/v2/settings/retention')).body.maxCount).toBe(50);
    expect(await page.getByTestId('retention-confirm').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('sender: a paused target\'s pending delivery says it waits, not a past "next" time; tabs reachable; it goes once resumed', async () => {
    const sink = await startSink();
    const serve = await session.serve(['--data-dir', tempDir()]);
    const target = await api(serve)<{ id: number }>('PUT', '/api/v2/webhooks/config', { url: `${sink.url}/hooks`, events: ['*'], paused: true });
    expect(target.status).toBe(200);
    expect((await api(serve)('POST', '/api/v2/webhooks/test', { targetId: target.body.id })).status).toBe(200);
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);
    await page.getByTestId('view-sender').click();
    const next = page.getByTestId('delivery-next-attempt');
    await expect.poll(() => next.textContent()).toBe('paused: waits for the target to resume');
    await page.getByTestId('delivery-row').first().click();
    await expect.poll(() => page.getByTestId('timeline-next').textContent()).toBe('Next attempt: paused: waits for the target to resume');
    expect(await page.getByTestId('delivery-next').textContent()).toBe('paused: waits for the target to resume');
    expect(await isReachable(page, 'log-deliveries')).toBe(true);
    expect(await isReachable(page, 'log-attempts')).toBe(true);
    expect(await isReachable(page, 'target-pause')).toBe(true);
    await shot(page, 'sender-paused', layout);
    expect(sink.received).toHaveLength(0);

    await page.getByTestId('target-pause').click();
    await sink.waitFor(1, 15_000);
    await expect.poll(() => page.getByTestId('delivery-detail').getByTestId('delivery-state').textContent(), { timeout: 15_000 }).toBe('succeeded · test');
    expect(await next.count()).toBe(0);
    await page.getByTestId('log-attempts').click();
    await expect.poll(() => page.getByTestId('attempt-row').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('schemas, audit and team server views: usable at this width, readable in this theme', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    expect((await api(serve)('PUT', '/api/v2/endpoints/github', {})).status).toBe(200);
    for (let i = 0; i < 3; i++) await capture(serve, '/github', { action: 'opened', number: i, pull_request: { title: `PR ${i}`, draft: i === 1 } }, { 'X-GitHub-Event': 'pull_request' });
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout);

    await page.getByTestId('view-schemas').click();
    await expect.poll(() => page.getByTestId('schema-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByTestId('schema-row').first().click();
    await page.getByTestId('field-tree').waitFor();
    for (const id of ['schema-rebuild', 'schema-download', 'generate-typescript', 'generate-zod', 'schema-endpoint']) expect(await isReachable(page, id), id).toBe(true);
    await readableIn(page, 'schema-event', layout);
    await shot(page, 'schemas-view', layout);

    await page.getByTestId('view-audit').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('audit-method').first().textContent()).toBe('putEndpoint');
    for (const id of ['audit-filter-actor', 'audit-filter-apply', 'audit-refresh']) expect(await isReachable(page, id), id).toBe(true);
    await readableIn(page, 'audit-method', layout);
    // Filtering by an actor goes through the store: no rows for someone who did nothing.
    await page.getByTestId('audit-filter-actor').fill('nobody');
    await page.getByTestId('audit-filter-apply').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(0);
    await page.getByTestId('audit-filter-actor').fill('');
    await page.getByTestId('audit-filter-apply').click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    await shot(page, 'audit-view', layout);

    await page.getByTestId('open-settings').click();
    await page.getByTestId('team-link-panel').waitFor();
    for (const id of ['team-link-url', 'team-link-token', 'team-link-forward-to', 'team-link-save']) expect(await isReachable(page, id), id).toBe(true);
    await readableIn(page, 'team-link-panel', layout);
    // A bad team server is refused in words, through the team-link store.
    await page.getByTestId('team-link-url').fill('http://127.0.0.1:9/');
    await page.getByTestId('team-link-token').fill('not-a-token');
    await page.getByTestId('team-link-forward-to').fill('http://127.0.0.1:3000/hooks');
    await page.getByTestId('team-link-save').click();
    await expect.poll(() => page.getByTestId('team-link-error').textContent(), { timeout: 15_000 }).toBeTruthy();
    await shot(page, 'team-link-panel', layout);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await page.context().close();
  });
});
