import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_OUT, e2eSession, startTeamServer } from '../helpers/e2e';
import { request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

/**
 * The laptop's UI browsing a team server, in Chromium: two real `serve` processes (a team one with
 * a named member token, the laptop's own), each with one capture of its own.
 */

const session = e2eSession();

async function capture(receiverUrl: string, p: string): Promise<void> {
  const res = await request(receiverUrl + p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
}

describe('browsing a team server in Chromium', () => {
  it("turns browsing on in Settings → Team server, shows the banner and the team server's inbox, and goes back to this machine", async () => {
    const { team, teamOrigin, token: teamToken } = await startTeamServer(session);
    await capture(team.ready.receiverUrl, '/on-the-team-server');
    const laptop = await session.serve(['--data-dir', tempDir()]);
    await capture(laptop.ready.receiverUrl, '/on-the-laptop');

    const page = await session.browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(laptop.ready.uiUrl);
    const rows = page.getByTestId('request-row');
    await expect.poll(() => rows.allTextContents(), { timeout: 30_000 }).toEqual([expect.stringContaining('/on-the-laptop')]);

    await page.getByTestId('open-settings').click();
    await page.getByTestId('team-link-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('team-link-url').fill(teamOrigin);
    await page.getByTestId('team-link-token').fill(teamToken);
    await page.getByTestId('team-link-forward-to').fill('http://127.0.0.1:9/unused');
    await page.getByTestId('team-link-enabled').uncheck();
    await page.getByTestId('team-link-browse').check();
    await page.getByTestId('team-link-save').click();

    // The page reloads against the team server: banner, and its inbox instead of the laptop's.
    const banner = page.getByTestId('remote-banner');
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain(`Viewing team server ${teamOrigin}`);
    expect(await banner.textContent()).toContain('alice · member');
    await expect.poll(() => rows.allTextContents(), { timeout: 30_000 }).toEqual([expect.stringContaining('/on-the-team-server')]);
    expect(await page.content()).not.toContain(teamToken);
    // Live: a capture arriving at the team server shows up here.
    await capture(team.ready.receiverUrl, '/live-from-the-team');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    await page.screenshot({ path: path.join(E2E_OUT, 'team-browse.png') });

    await page.getByTestId('browse-back').click();
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => rows.allTextContents(), { timeout: 30_000 }).toEqual([expect.stringContaining('/on-the-laptop')]);
    await page.close();
  });
});
