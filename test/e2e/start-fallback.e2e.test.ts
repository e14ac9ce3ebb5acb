import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { request } from '../helpers/http';
import { tempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');

// Where Electron can run, `npm start` opens the desktop app instead (see test/electron).
describe.skipIf(findElectronBinary() !== null)('npm start without an Electron binary', () => {
  it('says so in one line, then serves the same UI headless and prints its URL', async () => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--json', '--receiver-port', '0', '--ui-port', '0', '--data-dir', tempDir()], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = (await lines.next()).value as string;
    expect(first).toMatch(/^Electron could not be obtained on this machine \(.+\): starting Hookbench headless instead/);
    // The download attempt was announced before it ran, and its end said why (progress goes to stderr).
    await expect.poll(() => stderr).toMatch(/^Electron's binary is not installed yet: downloading it \(this needs the internet; up to 2 minutes\)….* failed after \d+ s: .+\.\n/s);
    const ready = JSON.parse((await lines.next()).value as string) as { uiUrl: string; receiverUrl: string };
    const page = await request(ready.uiUrl);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<div id="root"></div>');
    expect((await request(ready.receiverUrl + '/via-start', { method: 'POST', body: 'x' })).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
