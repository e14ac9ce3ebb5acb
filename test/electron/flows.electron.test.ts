import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';
import { announceSkip, launchApp, quitApp, readJson, receiverUrl, secondLaunch, skipReason, windowFacts } from './electron-app';

announceSkip('the Electron desktop-flow tests');

type Ok<T> = { ok: true; value: T };
const post = (url: string, body = '{}') => request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe.skipIf(skipReason !== null)('desktop flows (Electron)', () => {
  it('counts captures while the window is away in the title, and clears them when it comes back', async () => {
    const { app, page } = await launchApp();
    try {
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
      const receiver = await receiverUrl(page);
      await post(`${receiver}/one`);
      await post(`${receiver}/two`);
      await expect.poll(async () => (await windowFacts(app))!.title, { timeout: 20_000 }).toBe('Hookbench (2)');
      // A headless X server has no window manager to hand out focus: deliver the event as one would.
      await app.evaluate(({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0]!;
        win.show();
        win.emit('focus');
      });
      await expect.poll(async () => (await windowFacts(app))!.title, { timeout: 20_000 }).toBe('Hookbench');
      // The inbox shows both captures.
      await expect.poll(() => page.getByTestId('request-row').count(), { timeout: 20_000 }).toBe(2);
    } finally {
      await quitApp(app);
    }
  });

  it('sets notification preferences per endpoint from the Notifications menu, rebuilt when endpoints change', async () => {
    const { app, page, dataDir } = await launchApp();
    try {
      await page.evaluate("window.hookbench.call.putEndpoint({ slug: 'stripe', name: 'Stripe' })");
      const itemState = () =>
        app.evaluate(({ Menu }) => {
          const item = Menu.getApplicationMenu()?.getMenuItemById('notify:stripe:captures');
          return item ? item.checked : null;
        });
      await expect.poll(itemState, { timeout: 20_000 }).toBe(false);
      await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('notify:stripe:captures')!.click());
      await expect.poll(() => readJson<{ endpoints: Record<string, { captures: boolean }> }>(path.join(dataDir, 'desktop-preferences.json'))?.endpoints.stripe?.captures, { timeout: 10_000 }).toBe(true);
      await expect.poll(itemState, { timeout: 10_000 }).toBe(true);
    } finally {
      await quitApp(app);
    }
  });

  it('keeps capturing in the tray when the window is closed (opt-in), and a second launch shows it again', async () => {
    const { app, page, dataDir } = await launchApp();
    try {
      const receiver = await receiverUrl(page);
      await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('keep-in-tray')!.click());
      await expect.poll(() => readJson<{ keepInTray: boolean }>(path.join(dataDir, 'desktop-preferences.json'))?.keepInTray, { timeout: 10_000 }).toBe(true);

      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      await expect.poll(async () => (await windowFacts(app))?.visible, { timeout: 10_000 }).toBe(false);
      expect(app.process().exitCode).toBeNull();
      // The receiver still answers and stores.
      expect((await post(`${receiver}/while-hidden`)).status).toBe(200);
      await expect.poll(async () => (await windowFacts(app))!.title, { timeout: 20_000 }).toBe('Hookbench (1)');

      // Single instance: the second launch hands over to this one and exits; the window comes back.
      expect(await secondLaunch(dataDir)).toBe(0);
      await expect.poll(async () => (await windowFacts(app))?.visible, { timeout: 20_000 }).toBe(true);
      expect((await windowFacts(app))!.count).toBe(1);
    } finally {
      await quitApp(app);
    }
  });

  it('restores the window size, position and last view across a restart', async () => {
    const dataDir = tempDir();
    const first = await launchApp({ dataDir });
    const bounds = { x: 40, y: 60, width: 1000, height: 700 };
    try {
      await first.app.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]!.setBounds(b), bounds);
      await first.page.evaluate("history.replaceState(null, '', '?view=sender')");
    } finally {
      await quitApp(first.app);
    }
    const saved = readJson<{ bounds: typeof bounds; view: string }>(path.join(dataDir, 'window-state.json'));
    expect(saved).toMatchObject({ bounds: { width: 1000, height: 700 }, view: '?view=sender' });

    const second = await launchApp({ dataDir });
    try {
      const facts = (await windowFacts(second.app))!;
      expect(facts.bounds).toMatchObject({ width: 1000, height: 700 });
      expect(Math.abs(facts.bounds.x - saved!.bounds.x)).toBeLessThanOrEqual(2);
      expect(Math.abs(facts.bounds.y - saved!.bounds.y)).toBeLessThanOrEqual(2);
      expect(new URL(facts.url).searchParams.get('view')).toBe('sender');
    } finally {
      await quitApp(second.app);
    }
  });

  it('imports .har files opened with the app (argv, and a second launch), and says plainly when one is not a HAR', async () => {
    // A real HAR, exported by one app...
    const files = tempDir();
    const source = await launchApp();
    try {
      await post(`${await receiverUrl(source.page)}/from-har`, '{"type":"invoice.paid"}');
      await expect.poll(async () => ((await source.page.evaluate('window.hookbench.call.listRequests({})')) as Ok<{ items: unknown[] }>).value.items.length, { timeout: 20_000 }).toBe(1);
      const har = (await source.page.evaluate("window.hookbench.call.exportRequests({ format: 'har', filter: {} })")) as Ok<unknown>;
      fs.writeFileSync(path.join(files, 'first.har'), JSON.stringify(har.value));
      fs.writeFileSync(path.join(files, 'second.har'), JSON.stringify(har.value));
      fs.writeFileSync(path.join(files, 'broken.har'), '<html>');
    } finally {
      await quitApp(source.app);
    }

    // ...opened with another on its command line...
    const { app, page, dataDir } = await launchApp({ args: [path.join(files, 'first.har')] });
    const count = async () => ((await page.evaluate('window.hookbench.call.listRequests({})')) as Ok<{ items: { path: string }[] }>).value.items.length;
    try {
      await expect.poll(count, { timeout: 30_000 }).toBe(1);
      // ...then through a second launch, which hands its file over and exits.
      expect(await secondLaunch(dataDir, [path.join(files, 'second.har')])).toBe(0);
      await expect.poll(count, { timeout: 30_000 }).toBe(2);
      expect((await windowFacts(app))!.count).toBe(1);

      await app.evaluate(({ dialog }) => {
        (globalThis as unknown as { told: string[] }).told = [];
        dialog.showMessageBox = (async (...args: unknown[]) => {
          const options = args.find((a): a is { message: string; detail: string } => typeof a === 'object' && a !== null && 'message' in a)!;
          (globalThis as unknown as { told: string[] }).told.push(`${options.message}: ${options.detail}`);
          return { response: 0, checkboxChecked: false };
        }) as typeof dialog.showMessageBox;
      });
      expect(await secondLaunch(dataDir, [path.join(files, 'broken.har')])).toBe(0);
      await expect.poll(() => app.evaluate(() => (globalThis as unknown as { told: string[] }).told), { timeout: 20_000 }).toEqual([
        expect.stringMatching(/broken\.har is not a HAR file: its content is not JSON/),
      ]);
      expect(await count()).toBe(2);
    } finally {
      await quitApp(app);
    }
  });
});
