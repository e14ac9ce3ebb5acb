// Finds the Electron executable without triggering the electron package's implicit download
// (requiring `electron` downloads on first use, which hangs or fails offline), and runs that
// download explicitly, saying what it does while it does it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The electron package's folder; HOOKBENCH_ELECTRON_DIR points elsewhere (tests use a fake package). */
export function electronPackageDir() {
  return process.env.HOOKBENCH_ELECTRON_DIR ?? path.dirname(require.resolve('electron/package.json'));
}

/** The executable's path, or null when the binary is not on this machine. */
export function findElectronBinary(dir = electronPackageDir()) {
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const full = path.join(base, relative);
  return fs.existsSync(full) ? full : null;
}

export function electronVersion() {
  return require('electron/package.json').version;
}

export const DOWNLOAD_TIMEOUT_MS = 120_000;
export const DOWNLOAD_NOTICE = "Electron's binary is not installed yet: downloading it (this needs the internet; up to 2 minutes)";

/**
 * Runs the electron package's installer (its download) once, printing at once what is happening,
 * a dot every `tickMs` while it runs, and how it ended. Progress goes to `out` (stderr by default)
 * so stdout stays for the app's own output (`--json`). Resolves to the binary, or null and why.
 */
export function downloadElectronBinary({ packageDir = electronPackageDir(), timeoutMs = DOWNLOAD_TIMEOUT_MS, tickMs = 2_000, out = process.stderr } = {}) {
  out.write(`${DOWNLOAD_NOTICE}…`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(packageDir, 'install.js')], { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    const dots = setInterval(() => out.write('.'), tickMs);
    const deadline = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    const finish = (code, spawnError) => {
      clearInterval(dots);
      clearTimeout(deadline);
      const binary = code === 0 ? findElectronBinary(packageDir) : null;
      const seconds = Math.round((Date.now() - started) / 1000);
      if (binary) {
        out.write(` done (${seconds} s).\n`);
        return resolve({ binary, reason: null });
      }
      const reason = spawnError ? `its installer could not run (${spawnError.message})` : installFailureReason(stderr, { timedOut, code, timeoutMs });
      out.write(` failed after ${seconds} s: ${reason}.\n`);
      resolve({ binary: null, reason });
    };
    child.on('error', (error) => finish(null, error));
    child.on('exit', (code) => finish(code, null));
  });
}

/** Why the download failed, in plain words, from the installer's stderr (a stack trace, usually). */
export function installFailureReason(stderr, { timedOut = false, code = 1, timeoutMs = DOWNLOAD_TIMEOUT_MS } = {}) {
  if (timedOut) return `no answer from the download server within ${Math.round(timeoutMs / 1000)} s`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|fetch failed|getaddrinfo/i.test(stderr)) {
    return "the download server (GitHub) could not be reached; this machine seems to have no internet access";
  }
  const http = /Response code (\d{3})|HTTPError[^\n]*?(\d{3})/.exec(stderr);
  if (http) return `the download server answered HTTP ${http[1] ?? http[2]}`;
  if (/checksum/i.test(stderr)) return 'the downloaded file did not match its checksum (a proxy may have altered it)';
  if (/EACCES|EPERM/.test(stderr)) return 'node_modules/electron is not writable by this user';
  const first = stderr.split('\n').map((l) => l.trim()).find((l) => l !== '');
  if (first) return `its installer said "${first.slice(0, 200)}"`;
  return `its installer exited with code ${code ?? 'unknown'} without saying why`;
}
