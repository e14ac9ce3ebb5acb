import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { tempDir } from '../helpers/temp-dir';

/**
 * Playwright `_electron` over the built app (`out/`, from `npm run build`). It needs the Electron
 * binary (a download the electron package makes on first use) and an Electron-ABI build of
 * better-sqlite3; where either cannot be had (offline machines), every desktop test is skipped
 * and says why, once per file.
 */
export const root = path.resolve(import.meta.dirname, '../..');
export const binary = findElectronBinary();

function findSkipReason(): string | null {
  if (!binary) return 'no Electron binary on this machine (node_modules/electron/dist is missing; its download needs the internet)';
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-electron-sqlite.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) return 'better-sqlite3 could not be built for Electron (its headers are not reachable)';
  return null;
}

export const skipReason = findSkipReason();

export function announceSkip(what: string): void {
  if (skipReason) console.log(`Skipping ${what}: ${skipReason}.`);
}

export interface RunningApp {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
}

/** Launches the desktop app on its own data folder (its own single-instance lock) and waits for the window. */
export async function launchApp(options: { dataDir?: string; args?: string[] } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? tempDir();
  const app = await electron.launch({
    executablePath: binary!,
    args: [root, ...(options.args ?? [])],
    env: { ...process.env, HOOKBENCH_DATA_DIR: dataDir },
    timeout: 60_000,
  });
  const page = await app.firstWindow({ timeout: 60_000 });
  await page.waitForLoadState('domcontentloaded');
  return { app, page, dataDir };
}

/** Quits for real (through before-quit, so the core closes and window state is written) and waits for the process. */
export async function quitApp(app: ElectronApplication): Promise<void> {
  const process = app.process();
  if (process.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => process.once('exit', () => resolve()));
  await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => undefined);
  await exited;
}

/** A second launch on the same data folder, as a person double-clicking the app (or a .har) again. */
export function secondLaunch(dataDir: string, args: string[] = []): Promise<number | null> {
  const child = spawn(binary!, [root, ...args], { env: { ...process.env, HOOKBENCH_DATA_DIR: dataDir }, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

export function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** The main process's window facts (title, visibility, URL), for polling. */
export function windowFacts(app: ElectronApplication) {
  return app.evaluate(({ BrowserWindow }) => {
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return null;
    return { title: win.getTitle(), visible: win.isVisible(), url: win.webContents.getURL(), bounds: win.getNormalBounds(), maximized: win.isMaximized(), count: BrowserWindow.getAllWindows().length };
  });
}

export async function receiverUrl(page: Page): Promise<string> {
  const info = (await page.evaluate('window.hookbench.call.getInfo({})')) as { ok: true; value: { receiverUrl: string } };
  return info.value.receiverUrl;
}
