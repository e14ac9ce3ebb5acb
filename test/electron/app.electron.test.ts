import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

/**
 * Desktop smoke test with Playwright's _electron. It needs the Electron binary (a download the
 * electron package makes on first use) and an Electron-ABI build of better-sqlite3; where either
 * cannot be had (offline machines), the test is skipped and says why.
 */
const root = path.resolve(import.meta.dirname, '../..');
const binary = findElectronBinary();
let skipReason: string | null = binary ? null : 'no Electron binary on this machine (node_modules/electron/dist is missing; its download needs the internet)';
if (!skipReason) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-electron-sqlite.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) skipReason = 'better-sqlite3 could not be built for Electron (its headers are not reachable)';
}
if (skipReason) console.log(`Skipping the Electron smoke test: ${skipReason}.`);

describe.skipIf(skipReason !== null)('desktop app (Electron)', () => {
  it('opens one hardened window whose inbox shows a captured webhook live', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [root],
      env: { ...process.env, HOOKBENCH_DATA_DIR: tempDir() },
    });
    try {
      const page = await app.firstWindow();
      expect(await page.title()).toBe('Hookbench');
      // contextIsolation + sandbox + no nodeIntegration: no Node in the page, only the bridge.
      expect(await page.evaluate('typeof require')).toBe('undefined');
      expect(await page.evaluate('typeof process')).toBe('undefined');
      expect(await page.evaluate('typeof window.hookbench.call.listRequests')).toBe('function');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const wc = BrowserWindow.getAllWindows()[0]!.webContents;
        return { url: wc.getURL(), windows: BrowserWindow.getAllWindows().length };
      });
      expect(prefs.url).toBe('app://hookbench/index.html');
      expect(prefs.windows).toBe(1);
      // window.open is denied.
      await page.evaluate("window.open('https://example.com')");
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

      const info = (await page.evaluate('window.hookbench.call.getInfo({})')) as { ok: true; value: { receiverUrl: string; mode: string } };
      expect(info.value.mode).toBe('desktop');
      await request(`${info.value.receiverUrl}/desktop`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"hello":"desktop"}' });
      await page.getByTestId('request-row').first().waitFor({ timeout: 2000 });
      await page.getByTestId('request-row').first().click();
      await page.getByTestId('request-detail').waitFor();
      await page.screenshot({ path: path.join(root, 'test-results/electron/window.png') });
    } finally {
      await app.close();
    }
  });
});
