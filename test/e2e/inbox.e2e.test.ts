import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { json, request } from '../helpers/http';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

const OUT = path.resolve('test-results/e2e');

let browser: Browser;
beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const webhook = {
  event: 'submission.created',
  timestamp: '2026-11-23T10:00:00Z',
  data: { id: 'sub_123', campaign_id: 'cmp_9', star_rating: 5, text_feedback: 'Fast and clear', customer_name: 'Ada', status: 'new' },
};

describe('headless UI in Chromium', () => {
  let serve: ServeProcess | null = null;

  it('shows a captured webhook live, then its pretty JSON in Monaco; survives a clean restart', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    const { ready } = serve;
    const uiOrigin = new URL(ready.uiUrl).origin;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(uiOrigin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(ready.uiUrl);
    await page.getByTestId('inbox-empty').waitFor();
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Live');
    // The token is taken out of the address bar once read.
    expect(page.url()).not.toContain('token=');

    const body = JSON.stringify(webhook);
    const res = await request(`${ready.receiverUrl}/feedbackpulse/hook?attempt=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-FeedbackPulse-Event': 'submission.created' },
      body,
    });
    expect(res.status).toBe(200);
    const sentAt = Date.now();
    // Within a second, with no reload.
    const row = page.getByTestId('request-row').first();
    await row.waitFor({ timeout: 1000 });
    const appearedMs = Date.now() - sentAt;
    await expect.poll(() => row.textContent()).toContain('/feedbackpulse/hook');

    await row.click();
    await page.getByTestId('request-detail').waitFor();
    expect(await page.getByTestId('detail-path').textContent()).toBe('/feedbackpulse/hook?attempt=1');
    // Monaco renders the pretty-printed JSON (one key per line, indented).
    const lines = page.locator('[data-testid="code-view"] .view-lines');
    await lines.waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => ((await lines.innerText()) ?? '').replace(/\u00a0/g, ' '), { timeout: 10_000 })
      .toContain('"event": "submission.created",');
    const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
    expect(text).toContain('"data": {');
    expect(text).toContain('    "star_rating": 5,');
    expect(text).toContain('    "customer_name": "Ada",');

    await page.screenshot({ path: path.join(OUT, 'inbox.png') });
    console.log(`row appeared ${appearedMs} ms after the webhook was acknowledged; screenshot ${path.join(OUT, 'inbox.png')}`);

    // Headers and query have their own tabs.
    await page.getByTestId('tab-headers').click();
    const headers = await page.getByTestId('headers-table').textContent();
    expect(headers).toContain('X-FeedbackPulse-Event');
    await page.getByTestId('headers-search').fill('feedbackpulse');
    await expect.poll(() => page.locator('[data-testid="headers-table"] tr').count()).toBe(1);
    await page.getByTestId('tab-query').click();
    expect(await page.getByTestId('query-table').textContent()).toContain('attempt1');

    // Offline by construction: nothing loaded from anywhere but the app (Monaco is bundled).
    expect(foreign).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);

    // A reload keeps working without the token in the URL (kept for the tab).
    await page.reload();
    await page.getByTestId('request-row').first().waitFor();
    await page.close();

    // SIGTERM closes cleanly, and a new server on the same data folder still has the request.
    expect(await serve.stop('SIGTERM')).toBe(0);
    serve = await startServe(['--data-dir', dataDir]);
    const origin2 = new URL(serve.ready.uiUrl).origin;
    const list = await json<{ items: { path: string }[] }>(`${origin2}/api/v2/requests`, {
      headers: { Authorization: `Bearer ${serve.ready.token}` },
    });
    expect(list.body.items.map((r) => r.path)).toEqual(['/feedbackpulse/hook']);
    expect(await serve.stop('SIGINT')).toBe(0);
    serve = null;
  });

  it('shows a binary body as hex, and a clear message without a token', async () => {
    serve = await startServe(['--data-dir', tempDir()]);
    const page = await browser.newPage();
    await request(`${serve.ready.receiverUrl}/bin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    });
    await page.goto(serve.ready.uiUrl);
    await page.getByTestId('request-row').first().click();
    const hex = await page.getByTestId('hex-view').textContent();
    expect(hex).toContain('00000000  00 01 02 03');
    expect(hex).toContain('000000f0  f0 f1 f2');

    const bare = await browser.newPage();
    await bare.goto(new URL(serve.ready.uiUrl).origin + '/');
    await expect.poll(() => bare.textContent('body')).toContain('carries the access token');
    await bare.close();
    await page.close();
    expect(await serve.stop()).toBe(0);
    serve = null;
  });

  it('accepts the token from --token and from HOOKBENCH_TOKEN', async () => {
    serve = await startServe(['--data-dir', tempDir()], { HOOKBENCH_TOKEN: 'from-the-environment' });
    expect(serve.ready.token).toBe('from-the-environment');
    await serve.stop();
    serve = await startServe(['--data-dir', tempDir(), '--token', 'from-the-flag-123']);
    expect(serve.ready.token).toBe('from-the-flag-123');
    expect(serve.ready.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=from-the-flag-123$/);
    expect(serve.ready.publicUrl).toBeNull();
    await serve.stop();
    serve = null;
  });

  afterAll(async () => {
    await serve?.stop('SIGKILL');
  });
});
