import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { startServe, type ServeProcess } from './serve-process';

/** Where e2e screenshots go (the test output). */
export const E2E_OUT = path.resolve('test-results/e2e');

/**
 * One headless Chromium for the file, and `serve` processes that are stopped after it even when a
 * test fails half-way.
 */
export function e2eSession(): { browser(): Browser; serve(args: string[], env?: NodeJS.ProcessEnv): Promise<ServeProcess> } {
  let browser: Browser | null = null;
  const serves: ServeProcess[] = [];
  beforeAll(async () => {
    fs.mkdirSync(E2E_OUT, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(serves.map((s) => s.stop()));
    await browser?.close();
  });
  return {
    browser: () => browser!,
    async serve(args, env) {
      const s = await startServe(args, env);
      serves.push(s);
      return s;
    },
  };
}
