import path from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { E2E_OUT, e2eSession } from '../helpers/e2e';
import { json, request } from '../helpers/http';
import { startSink } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';

/** The daily loop: capture → forwarded to the app → replay (R) → edit in Monaco → diff → send. */

const session = e2eSession();
const stripe = new Stripe('sk_test_oracle');
const SECRET = 'whsec_replay_e2e_0123456789abcdef';
const OUT = E2E_OUT;

describe('replay in Chromium', () => {
  it('forwards a capture, replays it with R, edits the body with a diff, and sends the edit', async () => {
    const sink = await startSink((r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ received: r.body.length }));
    });
    const serve = await session.serve(['--data-dir', tempDir()]);
    const { ready } = serve;
    const origin = new URL(ready.uiUrl).origin;
    const auth = { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json' };
    await json(`${origin}/api/v2/endpoints/app`, { method: 'PUT', headers: auth, body: JSON.stringify({ forwardUrl: `${sink.url}/webhooks`, scheme: 'stripe', secrets: [SECRET] }) });

    const page = await session.browser().newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(ready.uiUrl);
    await page.getByTestId('inbox-empty').waitFor();
    const body = '{"type":"invoice.paid","data":{"amount":100,"currency":"eur"}}';
    const signature = stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    await request(`${ready.receiverUrl}/app/stripe`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Request-Tag': 'original', 'Stripe-Signature': signature } });
    const [forwarded] = await sink.waitFor(1);
    expect(forwarded!.url).toBe('/webhooks/stripe');
    expect(forwarded!.body.toString()).toBe(body);

    await page.getByTestId('request-row').first().click();
    await page.getByTestId('request-detail').waitFor();
    // R in the list replays to the forward target.
    await page.getByTestId('inbox-list').press('r');
    await sink.waitFor(2);
    expect(sink.received[1]!.body.toString()).toBe(body);
    await expect.poll(() => page.getByTestId('send-item').count()).toBe(2);
    expect(await page.getByTestId('send-item').first().getAttribute('data-kind')).toBe('replay');
    expect(await page.getByTestId('send-status').first().textContent()).toBe('200');

    // Edit: the editor starts from the exact captured body.
    await page.getByTestId('tab-edit').click();
    const editor = page.locator('[data-testid="code-editor"] .view-lines');
    await editor.waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await editor.innerText()).replace(/\u00a0/g, ' ')).toBe(body);
    // Change one field the way a user does: double-click the value, type the new one.
    await editor.getByText('100', { exact: true }).dblclick();
    await page.keyboard.type('250');
    const edited = '{"type":"invoice.paid","data":{"amount":250,"currency":"eur"}}';
    await expect.poll(async () => (await editor.innerText()).replace(/\u00a0/g, ' ')).toBe(edited);
    await page.getByTestId('replay-headers').fill(`Content-Type: application/json\nX-Request-Tag: edited\nStripe-Signature: ${signature}`);
    // Re-signing is offered (the endpoint has a scheme and a secret) and on by default.
    expect(await page.getByTestId('replay-resign').isChecked()).toBe(true);

    // The diff shows the change against the original.
    await page.getByTestId('replay-diff-mode').click();
    const diff = page.getByTestId('diff-view');
    await diff.locator('.monaco-diff-editor').waitFor({ timeout: 15_000 });
    await expect.poll(async () => diff.locator('.line-insert, .char-insert').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await diff.innerText()).replace(/\u00a0/g, ' ')).toContain('"amount":250');
    await page.screenshot({ path: path.join(OUT, 'replay-diff.png') });

    await page.getByTestId('replay-send').click();
    await expect.poll(() => page.getByTestId('replay-result').textContent()).toContain('Answered 200');
    const [, , third] = await sink.waitFor(3);
    expect(third!.body.toString()).toBe(edited);
    expect(third!.rawHeaders).toContainEqual(['X-Request-Tag', 'edited']);
    expect(third!.url).toBe('/webhooks/stripe');
    // The edited body verifies with Stripe's own library: re-signed with a fresh timestamp.
    const resigned = third!.rawHeaders.find(([n]) => n === 'Stripe-Signature')![1];
    expect(resigned).not.toBe(signature);
    const event = stripe.webhooks.constructEvent(third!.body.toString(), resigned, SECRET);
    expect((event.data as unknown as { amount: number }).amount).toBe(250);

    await page.getByTestId('tab-sends').click();
    await expect.poll(() => page.getByTestId('send-item').count()).toBe(3);
    await page.close();
  });
});

describe('bulk replay in Chromium', () => {
  it('replays a selection with progress, and a whole view can be cancelled part-way', async () => {
    // A slow app, so there is time to cancel between two sends.
    const sink = await startSink((_r, res) => setTimeout(() => res.end('ok'), 150));
    const serve = await session.serve(['--data-dir', tempDir()]);
    const { ready } = serve;
    for (let i = 0; i < 8; i++) await request(`${ready.receiverUrl}/bulk/${i}`, { method: 'POST', body: `{"n":${i}}`, headers: { 'Content-Type': 'application/json' } });
    const page = await session.browser().newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(ready.uiUrl);
    const rows = page.getByTestId('request-row');
    await expect.poll(() => rows.count()).toBe(8);

    await rows.nth(0).getByTestId('row-check').check();
    await rows.nth(1).getByTestId('row-check').check();
    await page.getByTestId('bulk-replay-open').click();
    await page.getByTestId('bulk-replay-url').fill(`${sink.url}/in`);
    await page.getByTestId('bulk-replay-start').click();
    await expect.poll(() => page.getByTestId('bulk-replay-progress').textContent()).toContain('2/2');
    // Oldest first: the target sees them in capture order.
    expect(sink.received.map((r) => r.body.toString())).toEqual(['{"n":6}', '{"n":7}']);

    // The whole view (nothing ticked): cancel after the first sends.
    await page.getByTestId('check-all').check();
    await page.getByTestId('check-all').uncheck();
    expect(await page.getByTestId('bulk-scope').textContent()).toBe('all');
    await page.getByTestId('bulk-replay-start').click();
    await expect.poll(() => sink.received.length).toBeGreaterThanOrEqual(3);
    await page.getByTestId('bulk-replay-cancel').click();
    await page.waitForTimeout(600);
    const progress = (await page.getByTestId('bulk-replay-progress').textContent()) ?? '';
    const [done, total] = /(\d+)\/(\d+)/.exec(progress)!.slice(1).map(Number);
    expect(total).toBe(8);
    expect(done).toBeLessThan(8);
    expect(sink.received.length - 2).toBe(done);
    await page.close();
  });
});
