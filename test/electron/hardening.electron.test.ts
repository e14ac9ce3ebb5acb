import { describe, expect, it } from 'vitest';
import { REQUIRED_WEB_PREFERENCES } from '../../src/main/desktop/hardening';
import { CSP } from '../../src/main/transport/security-headers';
import { announceSkip, launchApp, quitApp, skipReason, windowFacts } from './electron-app';

announceSkip('the Electron hardening tests');

/** The same rules as test/unit/desktop/hardening.test.ts, inside a real window. */
describe.skipIf(skipReason !== null)('desktop hardening in a real window', () => {
  it('runs with the hardened webPreferences, the CSP on app:// and no way out of the UI', async () => {
    const { app, page } = await launchApp();
    try {
      // getLastWebPreferences is not in Electron's typings any more; read it where the runtime has it.
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences?: () => object };
        return contents.getLastWebPreferences?.() ?? null;
      });
      if (prefs) expect(prefs).toMatchObject(REQUIRED_WEB_PREFERENCES);
      // What they mean, seen from the page: no Node, no <webview>.
      expect(await page.evaluate('[typeof require, typeof process, typeof module]')).toEqual(['undefined', 'undefined', 'undefined']);
      expect(await page.evaluate("document.createElement('webview').constructor.name")).toBe('HTMLUnknownElement');

      // The CSP header on app:// responses (the page can read its own headers through fetch).
      const headers = (await page.evaluate(`fetch('app://hookbench/index.html').then((res) => ({
        csp: res.headers.get('content-security-policy'),
        frame: res.headers.get('x-frame-options'),
      }))`)) as { csp: string; frame: string };
      expect(headers).toEqual({ csp: CSP, frame: 'DENY' });
      // And the page obeys it: inline script is refused.
      expect(await page.evaluate(`(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.body.appendChild(s);
        return window.__inline ?? null;
      })()`)).toBeNull();

      // Navigation to another origin is cancelled: the window stays on our UI.
      await page.evaluate("void (location.href = 'https://example.com/phish')");
      await expect.poll(async () => (await windowFacts(app))!.url, { timeout: 10_000 }).toMatch(/^app:\/\/hookbench\//);

      // window.open never makes a window (web links go to the OS browser, stubbed here to record).
      await app.evaluate(({ shell }) => {
        (globalThis as unknown as { opened: string[] }).opened = [];
        shell.openExternal = async (url: string) => void (globalThis as unknown as { opened: string[] }).opened.push(url);
      });
      await page.evaluate("window.open('https://docs.stripe.com/webhooks'); window.open('file:///etc/passwd')");
      await expect.poll(() => app.evaluate(() => (globalThis as unknown as { opened: string[] }).opened), { timeout: 10_000 }).toEqual(['https://docs.stripe.com/webhooks']);
      expect((await windowFacts(app))!.count).toBe(1);

      // Permission requests are refused.
      expect(await page.evaluate('Notification.requestPermission()')).toBe('denied');

      // A frame inside the page gets no bridge (the preload runs in the top frame only; the main
      // process also refuses IPC from subframes, see test/integration/contract.test.ts).
      expect(await page.evaluate(`new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.srcdoc = '<p>inner</p>';
        frame.addEventListener('load', () => resolve(typeof frame.contentWindow.hookbench));
        document.body.appendChild(frame);
      })`)).toBe('undefined');

      // IPC input failing the contract's schema is refused, not passed on.
      const bad = (await page.evaluate("window.hookbench.call.getRequest({ id: 'DROP TABLE requests' })")) as { ok: boolean; error: { code: string } };
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await quitApp(app);
    }
  });
});

