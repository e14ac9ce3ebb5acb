import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOWNLOAD_NOTICE, downloadElectronBinary, installFailureReason } from '../../../scripts/electron-binary.mjs';
import { tempDir } from '../../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../../..');

/** A stand-in for node_modules/electron: its install.js is the given script (a real child process). */
function fakeElectronPackage(installJs: string): string {
  const dir = tempDir('hookbench-fake-electron-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"electron","version":"45.0.0"}');
  fs.writeFileSync(path.join(dir, 'install.js'), installJs);
  return dir;
}

/** What the electron installer prints offline on this kind of machine (a fetch stack trace). */
const OFFLINE_STDERR = `TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at async FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:46:30)`;

function recorder() {
  const chunks: string[] = [];
  return { out: { write: (text: string) => chunks.push(text) }, text: () => chunks.join(''), chunks };
}

describe('npm start: obtaining the Electron binary says what it does', () => {
  it('says at once that it downloads, then why it failed (offline) in plain words', async () => {
    const pkg = fakeElectronPackage(`process.stderr.write(${JSON.stringify(OFFLINE_STDERR)}); process.exit(1);`);
    const log = recorder();
    const pending = downloadElectronBinary({ packageDir: pkg, out: log.out });
    // Before the installer has even started: the first thing printed.
    expect(log.chunks[0]).toBe(`${DOWNLOAD_NOTICE}…`);
    expect(DOWNLOAD_NOTICE).toBe("Electron's binary is not installed yet: downloading it (this needs the internet; up to 2 minutes)");
    const result = await pending;
    expect(result).toEqual({ binary: null, reason: 'the download server (GitHub) could not be reached; this machine seems to have no internet access' });
    expect(log.text()).toMatch(/… ?\.* failed after \d+ s: the download server \(GitHub\) could not be reached; this machine seems to have no internet access\.\n$/);
  });

  it('prints a dot while it works and finds the binary the installer put in place', async () => {
    const pkg = fakeElectronPackage(`
      const fs = require('node:fs'); const path = require('node:path');
      setTimeout(() => {
        fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
        fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\n', { mode: 0o755 });
        fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
      }, 800);`);
    const log = recorder();
    const result = await downloadElectronBinary({ packageDir: pkg, out: log.out, tickMs: 100 });
    expect(result).toEqual({ binary: path.join(pkg, 'dist', 'electron'), reason: null });
    expect(log.text()).toMatch(new RegExp(`^${escape(DOWNLOAD_NOTICE)}…\\.+ done \\(\\d+ s\\)\\.\\n$`));
  });

  it('gives up at the deadline and says so', async () => {
    const pkg = fakeElectronPackage('setInterval(() => {}, 1000);');
    const log = recorder();
    const result = await downloadElectronBinary({ packageDir: pkg, out: log.out, timeoutMs: 1000, tickMs: 200 });
    expect(result).toEqual({ binary: null, reason: 'no answer from the download server within 1 s' });
    expect(log.text()).toContain('failed after');
  });

  it('names other failures in plain words', () => {
    expect(installFailureReason('HTTPError: Response code 404 (Not Found) for https://github.com/...')).toBe('the download server answered HTTP 404');
    expect(installFailureReason('Error: Generated checksum for "electron.zip" did not match expected checksum.')).toBe('the downloaded file did not match its checksum (a proxy may have altered it)');
    expect(installFailureReason("Error: EACCES: permission denied, open '/usr/lib/node_modules/electron/path.txt'")).toBe('node_modules/electron is not writable by this user');
    expect(installFailureReason('\n  Something odd happened\n  at x')).toBe('its installer said "Something odd happened"');
    expect(installFailureReason('', { code: 3 })).toBe('its installer exited with code 3 without saying why');
  });

  it('HOOKBENCH_ELECTRON_DIR points start.mjs at another electron package (how these tests fake one)', () => {
    const pkg = fakeElectronPackage('');
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron\n');
    const found = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./scripts/electron-binary.mjs'); console.log(m.electronPackageDir() + '|' + m.findElectronBinary())"], {
      cwd: root,
      env: { ...process.env, HOOKBENCH_ELECTRON_DIR: pkg },
      encoding: 'utf8',
    });
    expect(found.stdout.trim()).toBe(`${pkg}|${path.join(pkg, 'dist', 'electron')}`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

