import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CreatedToken } from '../../src/shared/access-schemas';
import { E2E_OUT, e2eSession } from '../helpers/e2e';
import { json, request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

/**
 * Webhook contracts end to end (issue 15): captures of one event teach its schema, shown in the
 * Schemas view with its fields, downloadable and turned into TypeScript; captures that depart from
 * it are flagged in the inbox, filtered with Drift, explained in the detail and accepted; the
 * filter's captures saved as a collection for `hookbench test`. A viewer sees none of the actions
 * its role cannot take.
 */

const session = e2eSession();

const order = (i: number) => ({
  type: 'order.created',
  id: `ord_${i}`,
  amount: i * 100,
  currency: 'eur',
  customer: { email: `buyer${i}@example.com`, name: 'Ada' },
  items: [{ sku: `sku-${i % 3}`, qty: 1 + (i % 2) }],
  // Every other order carries a note: a field present in about half the samples.
  ...(i % 2 === 0 ? { note: 'leave at the door' } : {}),
});

async function download(page: Page, click: () => Promise<void>): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { file, text: fs.readFileSync((await file.path())!, 'utf8') };
}

const monacoText = async (page: Page, scope: string) => ((await page.locator(`${scope} .view-lines`).innerText()) ?? '').replace(/\u00a0/g, ' ');

describe('schemas and drift in Chromium', () => {
  it('learns a schema, flags drift in the inbox, accepts it and saves the filter as a collection', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const { ready } = serve;
    const origin = new URL(ready.uiUrl).origin;
    const page = await session.browser().newPage({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(ready.uiUrl);
    await page.getByTestId('inbox-empty').waitFor();
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Live');

    // The Schemas view, empty yet; drift is flagged once an event has 15 samples (default 20).
    await page.getByTestId('view-schemas').click();
    await page.getByTestId('schemas-view').waitFor();
    await expect.poll(() => page.getByTestId('drift-min-samples').inputValue()).toBe('20');
    await page.getByTestId('drift-min-samples').fill('15');
    await page.getByTestId('drift-threshold-save').click();
    await expect.poll(() => page.getByTestId('drift-threshold-save').count()).toBe(0);
    const auth = { Authorization: `Bearer ${ready.token}` };
    expect((await json<{ minSamples: number }>(`${origin}/api/v2/schema-settings`, { headers: auth })).body.minSamples).toBe(15);

    // 25 orders of one shape, then one with a new field and one whose amount is a string.
    const send = async (body: unknown) => {
      const res = await request(`${ready.receiverUrl}/shop/orders`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(200);
      return Number(res.headers['x-hookbench-request-id']);
    };
    const ids: number[] = [];
    for (let i = 1; i <= 25; i++) ids.push(await send(order(i)));
    const withCoupon = await send({ ...order(26), coupon: 'SPRING' });
    const retyped = await send({ ...order(27), amount: '2700' });

    // The list follows the captures live.
    const row = page.locator('[data-testid="schema-row"][data-event="order.created"]');
    await expect.poll(async () => Number.parseInt((await row.getByTestId('schema-samples').textContent()) ?? '0', 10), { timeout: 10_000 }).toBeGreaterThanOrEqual(25);
    await expect.poll(() => row.getByTestId('schema-drifted').textContent(), { timeout: 10_000 }).toBe('drift 2');
    await row.click();
    await page.getByTestId('field-tree').waitFor();
    const field = (p: string) => page.locator(`[data-testid="field-row"][data-path="${p}"]`);
    expect(await field('amount').getByTestId('field-types').textContent()).toContain('integer');
    expect(await field('customer.email').getByTestId('field-presence').textContent()).toMatch(/^(\d+)\/\1 \(100%\)$/);
    expect(await field('note').getByTestId('field-presence').textContent()).toMatch(/^\d+\/\d+ \((4\d|5\d)%\)$/);
    expect(await field('id').getByTestId('field-introduced-by').textContent()).toBe(`#${ids[0]}`);
    await page.screenshot({ path: path.join(E2E_OUT, 'schemas.png') });

    // The JSON Schema as a file.
    const schemaFile = await download(page, () => page.getByTestId('schema-download').click());
    expect(schemaFile.file.suggestedFilename()).toBe('order.created.schema.json');
    const schema = JSON.parse(schemaFile.text) as { $schema?: string; properties?: Record<string, unknown> };
    expect(schema.$schema).toContain('2020-12');
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['id', 'amount', 'customer', 'items']));

    // TypeScript for the ticked event, in the code view.
    await row.getByTestId('schema-check').check();
    await page.getByTestId('generate-typescript').click();
    await page.locator('[data-testid="generated-code"] .view-lines').waitFor({ timeout: 15_000 });
    await expect.poll(() => monacoText(page, '[data-testid="generated-code"]'), { timeout: 10_000 }).toContain('amount');
    await page.screenshot({ path: path.join(E2E_OUT, 'schemas-typescript.png') });

    // "Introduced by" opens that capture in the inbox.
    await field('id').getByTestId('field-introduced-by').click();
    await page.getByTestId('request-detail').waitFor();
    await page.getByTestId('tab-overview').click();
    expect(await page.getByTestId('overview').textContent()).toContain(`Request id${ids[0]}`);

    // The inbox: the two departing captures carry the badge; Drift shows only them.
    const badgeOf = (id: number) => page.locator(`[data-testid="request-row"][data-request-id="${id}"] [data-testid="drift-badge"]`);
    await expect.poll(() => badgeOf(retyped).textContent()).toBe('drift 1');
    expect(await badgeOf(withCoupon).textContent()).toBe('drift 1');
    expect(await badgeOf(ids[24]!).count()).toBe(0);
    await page.getByTestId('filter-drift').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('drift')).toBe('true');
    const rowIds = () => page.locator('[data-testid="request-row"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-request-id'))));
    await expect.poll(rowIds).toEqual([retyped, withCoupon]);

    // Its differences, then accepted as the new normal.
    await page.locator(`[data-testid="request-row"][data-request-id="${retyped}"]`).click();
    const difference = page.getByTestId('drift-difference');
    await expect.poll(() => difference.count()).toBe(1);
    expect(await difference.getAttribute('data-kind')).toBe('type_changed');
    expect(await difference.textContent()).toContain('amount');
    await page.screenshot({ path: path.join(E2E_OUT, 'schemas-drift-detail.png') });
    await page.getByTestId('accept-drift').click();
    await expect.poll(() => page.getByTestId('drift-panel').count()).toBe(0);
    await expect.poll(() => badgeOf(retyped).count()).toBe(0);
    expect(await badgeOf(withCoupon).count()).toBe(1);

    // The filter's captures (still flagged: the one with the coupon) as a collection.
    const saved = await download(page, () => page.getByTestId('save-collection').click());
    const collection = JSON.parse(saved.text) as { format: string; requests: { path: string; bodyBase64: string }[] };
    expect(collection.format).toBe('hookbench-collection');
    expect(collection.requests.map((r) => r.path)).toEqual(['/shop/orders']);
    expect(Buffer.from(collection.requests[0]!.bodyBase64, 'base64').toString()).toContain('"coupon":"SPRING"');

    // Pin a hand-made schema from a file: the capture still flagged fits it, so it is no longer
    // flagged (flags are judged again when a schema changes); then unpin.
    await page.getByTestId('view-schemas').click();
    await page.getByTestId('schema-pin-open').click();
    await page.getByTestId('pin-editor').waitFor();
    const pinned = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
    await page.getByTestId('schema-pin-file').setInputFiles({ name: 'order.schema.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pinned)) });
    await expect.poll(() => monacoText(page, '[data-testid="pin-editor"]')).toContain('"required"');
    await page.getByTestId('schema-pin').click();
    await expect.poll(() => row.getByTestId('schema-pinned').count()).toBe(1);
    expect(await page.getByTestId('pin-editor').count()).toBe(0);
    await expect.poll(() => row.getByTestId('schema-drifted').count()).toBe(0);
    await page.getByTestId('schema-unpin').click();
    await expect.poll(() => row.getByTestId('schema-pinned').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('hides what a viewer cannot do', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const { ready } = serve;
    const origin = new URL(ready.uiUrl).origin;
    const admin = { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json' };
    await json(`${origin}/api/v2/schema-settings`, { method: 'PUT', headers: admin, body: JSON.stringify({ minSamples: 3 }) });
    const created = await json<CreatedToken>(`${origin}/api/v2/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'vera', role: 'viewer' }) });
    for (let i = 1; i <= 4; i++) {
      await request(`${ready.receiverUrl}/shop/orders`, { method: 'POST', body: JSON.stringify(i === 4 ? { ...order(i), coupon: 'X' } : order(i)), headers: { 'Content-Type': 'application/json' } });
    }

    const page = await session.browser().newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${origin}/?token=${created.body.token}`);
    await expect.poll(() => page.getByTestId('caller').textContent()).toContain('viewer');
    await page.getByTestId('view-schemas').click();
    await page.locator('[data-testid="schema-row"][data-event="order.created"]').click();
    await page.getByTestId('field-tree').waitFor();
    expect(await page.getByTestId('schema-download').count()).toBe(1);
    expect(await page.getByTestId('generate-typescript').count()).toBe(1);
    for (const hidden of ['schema-rebuild', 'schema-pin-open', 'drift-min-samples']) expect(await page.getByTestId(hidden).count(), hidden).toBe(0);
    expect(await page.getByTestId('drift-min-samples-value').textContent()).toBe('3');

    await page.getByTestId('view-inbox').click();
    await page.getByTestId('filter-drift').click();
    await expect.poll(() => page.getByTestId('request-row').count()).toBe(1);
    await page.getByTestId('request-row').click();
    await page.getByTestId('drift-panel').waitFor();
    expect(await page.getByTestId('accept-drift').count()).toBe(0);
    await page.close();
  });
});
