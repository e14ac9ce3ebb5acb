import path from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { E2E_OUT, e2eSession } from '../helpers/e2e';
import { json, request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

/** A webhook signed by Stripe's own library shows "valid" in the UI; a wrong secret shows why not. */

const session = e2eSession();
const stripe = new Stripe('sk_test_oracle');
const SECRET = 'whsec_e2e_0123456789abcdefghij';

describe('Signature Lab in Chromium', () => {
  it('shows valid for an official signature, and the reason for a wrong secret', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const { ready } = serve;
    const origin = new URL(ready.uiUrl).origin;
    const auth = { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json' };
    await json(`${origin}/api/v2/endpoints/stripe`, { method: 'PUT', headers: auth, body: JSON.stringify({ scheme: 'stripe', secrets: [SECRET] }) });

    const page = await session.browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(ready.uiUrl);
    await page.getByTestId('inbox-empty').waitFor();
    const body = JSON.stringify({ id: 'evt_e2e', type: 'payment_intent.succeeded', data: { object: { amount: 4200 } } });
    await request(`${ready.receiverUrl}/stripe/webhook`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }) },
    });
    await request(`${ready.receiverUrl}/stripe/webhook`, { method: 'POST', body: body.replace('4200', '1'), headers: { 'Content-Type': 'application/json', 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }) } });

    const rows = page.getByTestId('request-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).getByTestId('sig-badge').textContent()).toBe('✓ signed');
    expect(await rows.nth(0).getByTestId('sig-badge').textContent()).toBe('✗ bad signature');

    // Filter by verdict.
    await page.locator('[data-testid="verification-chip"][data-value="invalid"]').click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId('filter-clear').click();
    await expect.poll(() => rows.count()).toBe(2);

    // The lab verifies with the stored secret as soon as it opens.
    await rows.nth(1).click();
    await page.getByTestId('tab-signature').click();
    await expect.poll(() => page.getByTestId('lab-verdict').textContent()).toBe('Valid');
    expect(await page.getByTestId('detected-scheme').textContent()).toBe('Stripe');
    expect(await page.getByTestId('lab-signed-string').textContent()).toMatch(/^\d+\.\{"id":"evt_e2e"/);
    const received = await page.getByTestId('lab-received').textContent();
    expect(received).toContain('v1=');

    // A wrong secret: invalid, with the reason and both signatures side by side.
    await page.getByTestId('lab-secret').fill('whsec_not_the_right_one');
    await page.getByTestId('lab-verify').click();
    await expect.poll(() => page.getByTestId('lab-verdict').textContent()).toBe('Invalid');
    expect(await page.getByTestId('lab-message').textContent()).toMatch(/wrong secret or the body was altered/);
    expect(await page.getByTestId('lab-expected').textContent()).not.toBe(await page.getByTestId('lab-received').textContent());

    // Back to the stored secret, with the timestamp check turned off (tolerance 0).
    await page.getByTestId('lab-secret').fill('');
    await page.getByTestId('lab-tolerance').fill('0');
    await page.getByTestId('lab-verify').click();
    await expect.poll(() => page.getByTestId('lab-verdict').textContent()).toBe('Valid');
    await page.screenshot({ path: path.join(E2E_OUT, 'signature-lab.png') });

    // Judged at arrival (the default) a capture stays valid however late it is looked at; judged
    // against the current time, the same capture goes stale once the window has passed.
    await page.getByTestId('lab-tolerance').fill('3');
    await page.getByTestId('lab-at').selectOption('now');
    await expect
      .poll(
        async () => {
          await page.getByTestId('lab-verify').click();
          return page.getByTestId('lab-result').getAttribute('data-reason');
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe('timestamp_outside_tolerance');
    expect(await page.getByTestId('lab-message').textContent()).toMatch(/now/);
    await page.getByTestId('lab-at').selectOption('arrival');
    await page.getByTestId('lab-verify').click();
    await expect.poll(() => page.getByTestId('lab-result').getAttribute('data-reason')).toBe('valid');

    // Sign this: headers for a typed body that Stripe's library accepts.
    await page.getByTestId('sign-tool-open').click();
    await page.getByTestId('sign-scheme').selectOption('stripe');
    await page.getByTestId('sign-secret').fill(SECRET);
    await page.getByTestId('sign-go').click();
    const headers = await page.getByTestId('sign-headers').locator('pre').textContent();
    const signature = /Stripe-Signature: (.+)/.exec(headers ?? '')![1]!;
    expect(stripe.webhooks.constructEvent(body, signature, SECRET).id).toBe('evt_e2e');
    await page.close();
  });
});
