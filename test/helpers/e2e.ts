import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import type { CreatedToken } from '../../src/shared/access-schemas';
import { json } from './http';
import { startServe, type ServeProcess } from './serve-process';
import { tempDir } from './temp-dir';

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

/**
 * A team server for the team-link e2e tests: a real `serve` with a named token made through its
 * API. Returns the server, its UI origin and the token.
 */
export async function startTeamServer(
  session: ReturnType<typeof e2eSession>,
  name = 'alice',
  role: 'viewer' | 'member' | 'admin' = 'member',
): Promise<{ team: ServeProcess; teamOrigin: string; token: string }> {
  const team = await session.serve(['--data-dir', tempDir()]);
  const teamOrigin = new URL(team.ready.uiUrl).origin;
  const created = await json<CreatedToken>(`${teamOrigin}/api/v2/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${team.ready.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, role }),
  });
  if (created.status !== 200) throw new Error(`the team server refused to create token ${name}: ${created.status}`);
  return { team, teamOrigin, token: created.body.token };
}
