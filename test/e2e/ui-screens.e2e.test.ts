import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { e2eSession } from '../helpers/e2e';
import { json, request } from '../helpers/http';
import type { ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { ALL_LAYOUTS, layoutName, openUi, shot, type Layout } from '../helpers/ui-page';

/**
 * A screenshot of each main view (Inbox with a request open, Sender, Schemas, Audit, Settings) at
 * every layout, against a server seeded with realistic data: a few endpoints, captures from
 * several providers, a sender target with deliveries and a learned schema. Written under
 * test-results/ui/; with UPDATE_SCREENSHOTS=1 the 1440 px ones also go to docs/screenshots/ for
 * the README (<view>-<theme>.png).
 */
const session = e2eSession();
const DOCS = path.resolve('docs/screenshots');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';

let serve: ServeProcess;

const github = (i: number) => ({
  action: 'opened',
  number: 40 + i,
  issue: { title: `Webhook retries pile up when the target is down (#${40 + i})`, state: 'open', user: { login: 'ada' }, labels: [{ name: 'bug' }] },
  repository: { full_name: 'acme/payments', private: false },
  sender: { login: 'ada' },
});
const stripe = (i: number) => ({
  id: `evt_1Q${i}x8YbQ2mK`,
  object: 'event',
  type: 'invoice.paid',
  created: 1764662400 + i * 60,
  livemode: false,
  data: { object: { id: `in_1Q${i}ZyX`, object: 'invoice', amount_paid: 4900 + i * 100, currency: 'eur', customer: `cus_R${i}a7`, status: 'paid' } },
});
const shopify = (i: number) => ({
  id: 820982911946154500 + i,
  email: `buyer${i}@example.com`,
  total_price: `${(49.9 + i).toFixed(2)}`,
  currency: 'EUR',
  financial_status: 'paid',
  line_items: [{ title: 'Espresso beans 1 kg', quantity: 1 + (i % 3), price: '24.95' }],
  customer: { first_name: 'Grace', last_name: 'Hopper' },
});

async function seed(s: ServeProcess): Promise<void> {
  const origin = new URL(s.ready.uiUrl).origin;
  const headers = { Authorization: `Bearer ${s.ready.token}`, 'Content-Type': 'application/json' };
  const api = async (method: string, route: string, body?: unknown) => {
    const res = await json(`${origin}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  for (const [slug, name] of [
    ['github', 'GitHub app'],
    ['stripe', 'Stripe billing'],
    ['shop', 'Shopify store'],
  ] as const) {
    await api('PUT', `/api/v2/endpoints/${slug}`, { slug, name });
  }
  const post = async (route: string, body: unknown, extra: Record<string, string>) => {
    const res = await request(`${s.ready.receiverUrl}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...extra }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`capture ${route}: ${res.status}`);
  };
  // Enough invoices for a learned schema; the other providers for variety in the list.
  for (let i = 1; i <= 8; i++) {
    await post('/stripe/webhooks', stripe(i), { 'Stripe-Signature': `t=${1764662400 + i * 60},v1=${'ab'.repeat(32)}`, 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' });
    if (i <= 3) await post('/github/events', github(i), { 'X-GitHub-Event': 'issues', 'X-GitHub-Delivery': `7f3c${i}a2e-0000-4000-8000-00000000000${i}`, 'User-Agent': 'GitHub-Hookshot/1a2b3c' });
    if (i <= 3) await post('/shop/orders/create', shopify(i), { 'X-Shopify-Topic': 'orders/create', 'X-Shopify-Shop-Domain': 'acme-coffee.myshopify.com' });
  }
  // A sender target (this server's own receiver, so loopback is allowed) with a few deliveries.
  const target = (await api('PUT', '/api/v2/webhooks/config', {
    url: `${s.ready.receiverUrl}/shop/from-sender`,
    events: ['*'],
    provider: 'stripe',
    secret: 'whsec_screenshotsecret0123456789',
    ssrf: 'off',
    retrySchedule: 'none',
  })) as { id: number };
  for (let i = 0; i < 3; i++) await api('POST', '/api/v2/webhooks/test', { targetId: target.id });
}

/** The view's tab, then what shows it is loaded. */
async function openView(page: Page, view: 'inbox' | 'sender' | 'schemas' | 'audit'): Promise<void> {
  await page.getByTestId(`view-${view}`).click();
  await expect.poll(() => page.getByTestId(`view-${view}`).getAttribute('class')).toContain('tab-on');
}

/** The test-results shot, and at 1440 px with UPDATE_SCREENSHOTS=1 the README's copy. */
async function screen(page: Page, name: string, layout: Layout): Promise<void> {
  const file = await shot(page, `screen-${name}`, layout);
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  if (UPDATE && layout.width === 1440) {
    fs.mkdirSync(DOCS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS, `${name}-${layout.theme}.png`));
  }
}

describe('screenshots of each main view', () => {
  beforeAll(async () => {
    serve = await session.serve(['--data-dir', tempDir()]);
    await seed(serve);
  });

  it.each(ALL_LAYOUTS.map((layout) => ({ layout, name: layoutName(layout) })))('at $name', async ({ layout }: { layout: Layout }) => {
    const { page, errors } = await openUi(session.browser(), serve.ready.uiUrl, layout, layout.width === 1440 ? 900 : 760);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('Live');

    // Inbox, with a Stripe invoice open and its body in Monaco.
    await expect.poll(() => page.getByTestId('request-row').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(17);
    await page.getByTestId('request-row').filter({ hasText: '/stripe/webhooks' }).first().click();
    await page.getByTestId('request-detail').waitFor();
    await page.locator('[data-testid="code-view"] .view-lines').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid="code-view"] .view-lines').innerText(), { timeout: 10_000 }).toContain('invoice.paid');
    await screen(page, 'inbox', layout);

    await openView(page, 'sender');
    await expect.poll(() => page.getByTestId('delivery-row').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.getByTestId('delivery-row').first().click();
    await page.getByTestId('delivery-detail').waitFor();
    await screen(page, 'sender', layout);

    await openView(page, 'schemas');
    const schema = page.locator('[data-testid="schema-row"][data-event="invoice.paid"]');
    await schema.waitFor({ timeout: 20_000 });
    await schema.click();
    await page.getByTestId('field-tree').waitFor();
    await screen(page, 'schemas', layout);

    await openView(page, 'audit');
    await expect.poll(() => page.getByTestId('audit-row').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screen(page, 'audit', layout);

    await openView(page, 'inbox');
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-area').waitFor();
    await screen(page, 'settings', layout);

    expect(errors).toEqual([]);
    await page.context().close();
  });
});
