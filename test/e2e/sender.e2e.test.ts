import { createHmac } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_OUT, e2eSession } from '../helpers/e2e';
import { startSink } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';

/**
 * Playing the provider from the UI: add a target pointing at a local sink, send a test event,
 * watch the attempts appear on the schedule, find the delivery in the dead-letter queue, resend it,
 * then compose an event in Monaco and emit it.
 */

const session = e2eSession();

describe('sender in Chromium', () => {
  it('test event → retries → dead-letter queue → resend; compose in Monaco and emit', async () => {
    let status = 500;
    const sink = await startSink((_r, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ answer: status }));
    });
    const serve = await session.serve(['--data-dir', tempDir()]);
    const page = await session.browser().newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(serve.ready.uiUrl);
    await page.getByTestId('view-sender').click();

    // A target with a short schedule: 3 attempts, 1 s apart.
    await page.getByTestId('target-add').click();
    await page.getByTestId('target-url').fill(`${sink.url}/hooks`);
    await page.getByTestId('target-secret').fill('e2e-secret');
    await page.getByTestId('target-schedule').fill('1, 1');
    await page.getByTestId('target-timeout').fill('2');
    await page.getByTestId('target-save').click();
    await expect.poll(() => page.getByTestId('target-item').count()).toBe(1);
    expect(await page.getByTestId('target-state').textContent()).toBe('on');

    await page.getByTestId('target-test').click();
    await expect.poll(() => page.getByTestId('attempt').count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('delivery-detail').getByTestId('delivery-state').textContent()).toBe('dead (DLQ) · test');
    expect(sink.received).toHaveLength(3);
    // The newest attempt is open: the full request and the response.
    const last = page.getByTestId('attempt').last();
    expect(await last.getByTestId('attempt-status').textContent()).toBe('500');
    expect(await last.getByTestId('attempt-response-body').textContent()).toContain('"answer": 500');
    const signature = `sha256=${createHmac('sha256', 'e2e-secret').update(sink.received[2]!.body).digest('hex')}`;
    expect(await last.getByTestId('attempt-request-headers').textContent()).toContain(signature);
    const key = await page.getByTestId('delivery-key').textContent();
    expect(new Set(sink.received.map((r) => r.rawHeaders.find(([n]) => n === 'Idempotency-Key')![1]))).toEqual(new Set([key]));

    // The dead-letter queue.
    await page.getByTestId('delivery-filter-state').selectOption('dead');
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(1);
    await page.screenshot({ path: path.join(E2E_OUT, 'sender-dead-letter.png') });
    status = 200;
    await page.getByTestId('delivery-resend').click();
    await expect.poll(() => page.getByTestId('delivery-detail').getByTestId('delivery-state').textContent(), { timeout: 10_000 }).toBe('succeeded · test');
    expect(await page.getByTestId('delivery-attempts').textContent()).toBe('4');
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(0); // gone from the DLQ view
    await page.getByTestId('delivery-filter-state').selectOption('');

    // The attempt log: every answer, filterable by status, whatever became of the delivery.
    await page.getByTestId('log-attempts').click();
    await expect.poll(() => page.getByTestId('attempt-row').count()).toBe(4);
    await page.getByTestId('delivery-filter-status').fill('5xx');
    await expect.poll(() => page.getByTestId('attempt-row').count()).toBe(3);
    expect(await page.getByTestId('attempt-row-status').allTextContents()).toEqual(['500', '500', '500']);
    await page.getByTestId('delivery-filter-status').fill('200');
    await expect.poll(() => page.getByTestId('attempt-row').count()).toBe(1);
    await page.getByTestId('delivery-filter-status').fill('');
    await page.getByTestId('log-deliveries').click();

    // Compose: the FeedbackPulse sample in Monaco, one value changed, emitted.
    const editor = page.locator('[data-testid="composer"] [data-testid="code-editor"] .view-lines');
    await editor.waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await editor.innerText()).replace(/\u00a0/g, ' ')).toContain('"customer_name": "Ada Lovelace"');
    await editor.getByText('Lovelace').dblclick();
    await page.keyboard.type('Byron');
    await expect.poll(async () => (await editor.innerText()).replace(/\u00a0/g, ' ')).toContain('"customer_name": "Ada Byron"');
    await page.getByTestId('composer-emit').click();
    await expect.poll(() => page.getByTestId('composer-note').textContent()).toBe('Emitted to 1 target');
    await sink.waitFor(5);
    const emitted = JSON.parse(sink.received[4]!.body.toString());
    expect(emitted).toMatchObject({ event: 'submission.created', data: { customer_name: 'Ada Byron' } });
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(2);
    await expect.poll(() => page.getByTestId('delivery-row').first().getByTestId('delivery-state').textContent()).toBe('succeeded');

    // Broken JSON is refused before anything is sent.
    await editor.getByText('Byron').dblclick();
    await page.keyboard.type('"broken');
    await page.getByTestId('composer-emit').click();
    await expect.poll(() => page.getByTestId('composer-note').textContent()).toMatch(/JSON/);
    expect(sink.received).toHaveLength(5);
    await page.screenshot({ path: path.join(E2E_OUT, 'sender.png') });

    // A custom signature scheme, defined in the target editor.
    await page.getByTestId('target-add').click();
    await page.getByTestId('target-url').fill(`${sink.url}/custom`);
    await page.getByTestId('target-provider').selectOption('custom');
    await page.getByTestId('custom-header').fill('X-Acme-Signature');
    await page.getByTestId('target-secret').fill('acme');
    await page.getByTestId('target-save').click();
    await expect.poll(() => page.getByTestId('target-item').count()).toBe(2);
    await page.getByTestId('target-test').nth(1).click();
    await sink.waitFor(6);
    const custom = sink.received[5]!;
    const h = (name: string) => custom.rawHeaders.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    expect(custom.url).toBe('/custom');
    expect(h('X-Acme-Signature')).toBe(`sha256=${createHmac('sha256', 'acme').update(`${h('X-Timestamp')}.${custom.body.toString()}`).digest('hex')}`);

    await expect.poll(() => page.getByTestId('delivery-row').first().getByTestId('delivery-state').textContent()).toBe('succeeded · test');

    // A failed attempt on the default schedule: the timeline shows when the next one is due.
    status = 500;
    await page.getByTestId('target-test').nth(1).click();
    await expect.poll(() => page.getByTestId('delivery-detail').getByTestId('delivery-state').textContent(), { timeout: 10_000 }).toBe('pending · test');
    expect(await page.getByTestId('timeline-next').textContent()).toMatch(/^Next attempt at \d\d:\d\d:\d\d$/);
    expect(await page.getByTestId('delivery-next').isVisible()).toBe(true);
    expect(await page.getByTestId('delivery-row').count()).toBe(4);

    // The delivery log narrows by event, target and date range.
    await page.getByTestId('delivery-filter-event').fill('test.event');
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(2);
    await page.getByTestId('delivery-filter-event').fill('');
    await page.getByTestId('delivery-filter-target').selectOption({ label: `${sink.url}/hooks` });
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(2);
    await page.getByTestId('delivery-filter-target').selectOption('');
    await page.getByTestId('delivery-filter-from').fill('2099-01-01T00:00');
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(0);
    await page.getByTestId('delivery-filter-from').fill('');
    await page.getByTestId('delivery-filter-to').fill('2099-01-01T00:00');
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(4);
    await page.getByTestId('delivery-filter-to').fill('');

    // Clearing the finished deliveries leaves only the one still waiting for its retry.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('clear-finished').click();
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(1);
    expect(await page.getByTestId('delivery-row').first().getByTestId('delivery-state').textContent()).toBe('pending · test');

    // Feedspace always signs: a target saved without a secret gets a generated whsec_ secret, shown once.
    await page.getByTestId('target-add').click();
    await page.getByTestId('target-url').fill(`${sink.url}/feedspace`);
    await page.getByTestId('target-provider').selectOption('feedspace');
    expect(await page.getByTestId('target-secret-note').textContent()).toMatch(/generated whsec_ secret/);
    await page.getByTestId('target-save').click();
    expect(await page.getByTestId('target-generated-secret').textContent()).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    await page.getByTestId('target-generated-done').click();
    await expect.poll(() => page.getByTestId('target-item').count()).toBe(3);
    expect(await page.getByTestId('target-generated-secret').count()).toBe(0);
    expect(await page.getByTestId('target-warning').count()).toBe(0);
    await page.close();
  });
});
