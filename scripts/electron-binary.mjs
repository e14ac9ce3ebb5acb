// Finds the Electron executable without triggering the electron package's implicit download
// (requiring `electron` downloads on first use, which hangs or fails offline).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function electronPackageDir() {
  return path.dirname(require.resolve('electron/package.json'));
}

/** The executable's path, or null when the binary is not on this machine. */
export function findElectronBinary() {
  const dir = electronPackageDir();
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
