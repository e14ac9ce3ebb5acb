import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { announceSkip, launchApp, quitApp, receiverUrl, root, skipReason } from './electron-app';

announceSkip('the Electron smoke test');

describe.skipIf(skipReason !== null)('desktop app (Electron)', () => {
  it('opens one hardened window whose inbox shows a captured webhook live', async () => {
    const { app, page } = await launchApp();
    try {
      expect(await page.title()).toBe('Hookbench');
      // contextIsolation + sandbox + no nodeIntegration: no Node in the page, only the bridge.
      expect(await page.evaluate('typeof require')).toBe('undefined');
      expect(await page.evaluate('typeof process')).toBe('undefined');
      expect(await page.evaluate('typeof window.hookbench.call.listRequests')).toBe('function');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const wc = BrowserWindow.getAllWindows()[0]!.webContents;
        return { url: wc.getURL(), windows: BrowserWindow.getAllWindows().length };
      });
      expect(prefs.url).toMatch(/^app:\/\/hookbench\/index\.html/);
      expect(prefs.windows).toBe(1);

      const info = (await page.evaluate('window.hookbench.call.getInfo({})')) as { ok: true; value: { mode: string } };
      expect(info.value.mode).toBe('desktop');
      await request(`${await receiverUrl(page)}/desktop`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"hello":"desktop"}' });
      await page.getByTestId('request-row').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('request-row').first().click();
      await page.getByTestId('request-detail').waitFor();
      await page.screenshot({ path: path.join(root, 'test-results/electron/window.png') });
    } finally {
      await quitApp(app);
    }
  });
});
