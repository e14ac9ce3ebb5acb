import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Har, harEntryBody } from '../../src/shared/export/har';
import { E2E_OUT, e2eSession } from '../helpers/e2e';
import { json, request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

/**
 * The inspector end to end: endpoints made in the UI answer with their status, every facet and the
 * text search narrow the list, the view lives in the URL, and a HAR export re-reads exactly.
 */

const session = e2eSession();
const OUT = E2E_OUT;

const rowPaths = async (page: Page) => (await page.locator('[data-testid="request-row"] .row-path').allTextContents()).map((t) => t.replace(/\?.*/, ''));

async function expectRows(page: Page, paths: string[]) {
  await expect.poll(() => rowPaths(page), { timeout: 5_000 }).toEqual(paths);
}

async function download(page: Page, click: () => Promise<void>): Promise<unknown> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return JSON.parse(fs.readFileSync((await file.path())!, 'utf8')) as unknown;
}

describe('inspector in Chromium', () => {
  it('filters by every facet and by text, keeps the view in the URL, exports HAR and deletes', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const { ready } = serve;
    const page = await session.browser().newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('dialog', (d) => void d.accept());
    await page.goto(ready.uiUrl);
    await page.getByTestId('inbox-empty').waitFor();

    // An endpoint made in the UI, answering 500.
    await page.getByTestId('endpoint-new-slug').fill('failing');
    await page.getByTestId('endpoint-create').click();
    await page.getByTestId('endpoint-editor').waitFor();
    await page.getByTestId('endpoint-name').fill('Failing handler');
    await page.getByTestId('endpoint-status').fill('500');
    await page.getByTestId('endpoint-save').click();
    const item = page.locator('[data-testid="endpoint-item"][data-slug="failing"]');
    await expect.poll(() => item.textContent()).toContain('/failing → 500');
    expect(await item.getByTestId('endpoint-local-url').textContent()).toBe(`${ready.receiverUrl}/failing`);
    // And one made over the API answering 404; the UI hears of it by push.
    const api = { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json' };
    const origin = new URL(ready.uiUrl).origin;
    await json(`${origin}/api/v2/endpoints/gone`, { method: 'PUT', headers: api, body: JSON.stringify({ response: { status: 404 } }) });
    await page.locator('[data-testid="endpoint-item"][data-slug="gone"]').waitFor();
    // Creating an endpoint opened its view; go back to the platform-wide log.
    expect(page.url()).toContain('endpoint=failing');
    await page.getByTestId('endpoint-all').click();

    const send = (p: string, body: string, headers: Record<string, string> = {}, method = 'POST') =>
      request(ready.receiverUrl + p, { method, body, headers: { 'Content-Type': 'application/json', ...headers } });
    expect((await send('/gh/push', '{"ref":"refs/heads/main"}', { 'X-GitHub-Event': 'push' })).status).toBe(200);
    expect((await send('/failing/stripe', '{"type":"charge.succeeded","id":"evt_1"}')).status).toBe(500);
    expect((await send('/gone/x', '{"type":"invoice.paid","note":"needle in here"}', {}, 'PUT')).status).toBe(404);
    expect((await send('/other', '{"event":"submission.created"}')).status).toBe(200);
    await expectRows(page, ['/other', '/gone/x', '/failing/stripe', '/gh/push']);

    // Each facet on its own.
    await page.locator('[data-testid="status-chip"][data-value="5xx"]').click();
    await expectRows(page, ['/failing/stripe']);
    expect(page.url()).toContain('status=5xx');
    await page.getByTestId('filter-clear').click();
    await expectRows(page, ['/other', '/gone/x', '/failing/stripe', '/gh/push']);

    await page.locator('[data-testid="event-chip"][data-value="push"]').click();
    await expectRows(page, ['/gh/push']);
    await page.locator('[data-testid="event-chip"][data-value="submission.created"]').click();
    await expectRows(page, ['/other', '/gh/push']);
    await page.getByTestId('filter-clear').click();

    await page.locator('[data-testid="method-chip"][data-value="PUT"]').click();
    await expectRows(page, ['/gone/x']);
    await page.getByTestId('filter-clear').click();

    await page.locator('[data-testid="endpoint-item"][data-slug="failing"] .endpoint-pick').click();
    await expectRows(page, ['/failing/stripe']);
    await page.getByTestId('endpoint-default').click();
    await expectRows(page, ['/other', '/gh/push']);
    await page.getByTestId('endpoint-all').click();

    await page.getByTestId('filter-search').fill('needle');
    await expectRows(page, ['/gone/x']);
    await page.getByTestId('filter-search').fill('');
    await expectRows(page, ['/other', '/gone/x', '/failing/stripe', '/gh/push']);

    // Quick range and order: everything is from the last 15 minutes; oldest first reverses.
    await page.getByTestId('filter-range').selectOption('15m');
    await page.getByTestId('order-toggle').click();
    await expectRows(page, ['/gh/push', '/failing/stripe', '/gone/x', '/other']);

    // A combined view survives a reload (it lives in the URL).
    await page.locator('[data-testid="status-chip"][data-value="4xx"]').click();
    await page.locator('[data-testid="status-chip"][data-value="5xx"]').click();
    await expectRows(page, ['/failing/stripe', '/gone/x']);
    await page.reload();
    await expectRows(page, ['/failing/stripe', '/gone/x']);
    expect(new URL(page.url()).searchParams.getAll('status')).toEqual(['4xx', '5xx']);
    expect(await page.getByTestId('match-count').textContent()).toContain('2 matching');

    // Export the current view as HAR and read it back: the bodies are exact.
    const har = Har.parse(await download(page, () => page.getByTestId('export-har').click()));
    expect(har.log.entries.map((e) => new URL(e.request.url).pathname)).toEqual(['/failing/stripe', '/gone/x']);
    expect(Buffer.from(harEntryBody(har.log.entries[1]!)).toString()).toBe('{"type":"invoice.paid","note":"needle in here"}');
    expect(har.log.entries.map((e) => e.response.status)).toEqual([500, 404]);

    // Tick rows, export just those as JSON, then delete them.
    await page.getByTestId('filter-clear').click();
    await expectRows(page, ['/gh/push', '/failing/stripe', '/gone/x', '/other']);
    const rows = page.getByTestId('request-row');
    await rows.nth(0).getByTestId('row-check').check();
    await rows.nth(3).getByTestId('row-check').check();
    expect(await page.getByTestId('bulk-scope').textContent()).toBe('2 selected');
    const exported = (await download(page, () => page.getByTestId('export-json').click())) as { items: { path: string }[] };
    expect(exported.items.map((r) => r.path)).toEqual(['/gh/push', '/other']);
    await page.getByTestId('delete-selection').click();
    await expectRows(page, ['/failing/stripe', '/gone/x']);

    // The detail pane deletes one too.
    await rows.first().click();
    await page.getByTestId('delete-one').click();
    await expectRows(page, ['/gone/x']);
    await page.screenshot({ path: path.join(OUT, 'inspector.png') });
    await page.close();
  });
});
