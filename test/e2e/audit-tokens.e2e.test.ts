import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_OUT, e2eSession } from '../helpers/e2e';
import { json, request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

/**
 * Team use in Chromium: the owner makes named tokens in Settings (each shown once), a viewer's UI
 * hides what a viewer cannot do, and the Audit view lists who did what, filterable by actor.
 */

const session = e2eSession();

describe('tokens and audit in Chromium', () => {
  it('creates tokens in Settings, shows a viewer only what it may do, and lists who did what in the Audit view', async () => {
    const serve = await session.serve(['--data-dir', tempDir()]);
    const origin = new URL(serve.ready.uiUrl).origin;
    const owner = await session.browser().newPage({ viewport: { width: 1400, height: 900 } });
    owner.on('dialog', (d) => void d.accept());
    await owner.goto(serve.ready.uiUrl);
    await expect.poll(() => owner.getByTestId('caller').textContent()).toBe('owner · admin');

    // Settings → API tokens: each token is shown once, with a copy button.
    await owner.getByTestId('open-settings').click();
    const made: Record<string, string> = {};
    for (const [name, role] of [['alice', 'viewer'], ['bob', 'member']] as const) {
      await owner.getByTestId('token-name').fill(name);
      await owner.getByTestId('token-role').selectOption(role);
      await owner.getByTestId('token-create').click();
      await expect.poll(() => owner.getByTestId('token-created').textContent()).toContain(`Token for ${name} (${role})`);
      made[name] = (await owner.getByTestId('token-value').textContent())!;
      expect(made[name]).toMatch(/^hbk_[A-Za-z0-9_-]{43}$/);
    }
    await expect.poll(() => owner.getByTestId('token-row').count()).toBe(2);
    await owner.screenshot({ path: path.join(E2E_OUT, 'tokens-panel.png') });

    // The viewer's UI: its name and role, no Audit view, no token panel, Replay and Delete disabled.
    const res = await request(`${serve.ready.receiverUrl}/hook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(200);
    const viewer = await session.browser().newPage({ viewport: { width: 1400, height: 900 } });
    await viewer.goto(`${origin}/?token=${encodeURIComponent(made.alice!)}`);
    await expect.poll(() => viewer.getByTestId('caller').textContent()).toBe('alice · viewer');
    expect(await viewer.getByTestId('view-audit').count()).toBe(0);
    await viewer.getByTestId('open-settings').click();
    await viewer.getByTestId('retention-settings').waitFor();
    expect(await viewer.getByTestId('tokens-panel').count()).toBe(0);
    await viewer.getByTestId('request-row').first().click();
    await viewer.getByTestId('request-detail').waitFor();
    expect(await viewer.getByTestId('replay').isDisabled()).toBe(true);
    expect(await viewer.getByTestId('delete-one').isDisabled()).toBe(true);

    // Mutations by three actors: a refused one by alice, a replay by bob, a revocation by the owner.
    const auth = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
    expect((await json(`${origin}/api/v2/requests/1`, { method: 'DELETE', headers: { Authorization: `Bearer ${made.alice}` } })).status).toBe(403);
    const replay = await json(`${origin}/api/v2/requests/1/replay`, { method: 'POST', headers: auth(made.bob!), body: JSON.stringify({ url: `${serve.ready.receiverUrl}/again` }) });
    expect(replay.status).toBe(200);
    await owner.getByTestId('token-revoke').last().click(); // bob (rows are by name)
    await expect.poll(() => owner.getByTestId('token-row').count()).toBe(1);

    await owner.getByTestId('view-audit').click();
    const rows = owner.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBe(5);
    const actors = await owner.getByTestId('audit-actor').allTextContents();
    const methods = await owner.getByTestId('audit-method').allTextContents();
    const outcomes = await owner.getByTestId('audit-outcome').allTextContents();
    expect(actors.map((a, i) => `${a} ${methods[i]} ${outcomes[i]}`)).toEqual([
      'owner (admin) revokeToken ok',
      'bob (member) replayRequest ok',
      'alice (viewer) deleteRequest forbidden',
      'owner (admin) createToken ok',
      'owner (admin) createToken ok',
    ]);
    await owner.getByTestId('audit-filter-actor').fill('bob');
    await owner.getByTestId('audit-filter-apply').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await owner.getByTestId('audit-method').textContent()).toBe('replayRequest');
    await owner.screenshot({ path: path.join(E2E_OUT, 'audit-view.png') });

    // The revoked member's token no longer opens the UI's data.
    expect((await json(`${origin}/api/v2/info`, { headers: { Authorization: `Bearer ${made.bob}` } })).status).toBe(401);
  });
});
