import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_OUT, e2eSession, startTeamServer } from '../helpers/e2e';
import { request } from '../helpers/http';
import { startSink } from '../helpers/sink';
import { tempDir } from '../helpers/temp-dir';

/**
 * The laptop's UI linked to a team server, in Chromium: two real `serve` processes (a team one
 * with a named token, the laptop's own) and a node:http sink as the local app.
 */

const session = e2eSession();

describe('team server link in Chromium', () => {
  it('saves the link in Settings → Team server, goes live, and shows a team capture in the last forwards and at the local app', async () => {
    const { team, teamOrigin, token: teamToken } = await startTeamServer(session);
    const laptop = await session.serve(['--data-dir', tempDir()]);
    const sink = await startSink((_r, res) => {
      res.writeHead(200);
      res.end('ok');
    });

    const page = await session.browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(laptop.ready.uiUrl);
    await page.getByTestId('open-settings').click();
    const panel = page.getByTestId('team-link-panel');
    await panel.scrollIntoViewIfNeeded();
    await page.getByTestId('team-link-url').fill(teamOrigin);
    await page.getByTestId('team-link-token').fill(teamToken);
    await page.getByTestId('team-link-forward-to').fill(`${sink.url}/local`);
    await page.getByTestId('team-link-save').click();
    await expect.poll(() => page.getByTestId('team-link-state').textContent(), { timeout: 30_000 }).toBe('live');
    // Write-only: the field is emptied, and the page shows only a hint.
    expect(await page.getByTestId('team-link-token').inputValue()).toBe('');
    expect(await page.content()).not.toContain(teamToken);
    expect(await page.getByTestId('team-link-open').getAttribute('href')).toBe(teamOrigin);

    const res = await request(`${team.ready.receiverUrl}/orders/created?x=1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"order":42}' });
    expect(res.status).toBe(200);
    const id = res.headers['x-hookbench-request-id'];
    await expect.poll(() => page.getByTestId('team-link-forward').count(), { timeout: 30_000 }).toBe(1);
    const row = await page.getByTestId('team-link-forward').textContent();
    expect(row).toContain(`#${id}`);
    expect(row).toContain('POST /orders/created?x=1');
    expect(row).toContain('→ 200');
    const [got] = await sink.waitFor(1, 30_000);
    expect(got!.url).toBe('/local/orders/created?x=1');
    expect(got!.body.toString()).toBe('{"order":42}');
    await page.screenshot({ path: path.join(E2E_OUT, 'team-link-live.png') });
    await page.close();
  });
});
