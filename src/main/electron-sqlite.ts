import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the Electron-ABI build of better-sqlite3 lives. Node and Electron need different builds of
 * the same native addon, so `scripts/build-electron-sqlite.mjs` compiles one for Electron into
 * `native/electron/` and leaves node_modules' build (used by the tests and `serve`) untouched.
 */
export const ELECTRON_SQLITE_RELATIVE = path.join('native', 'electron', 'better_sqlite3.node');

export function electronSqliteBinding(appRoot: string): string | undefined {
  const override = process.env.HOOKBENCH_SQLITE_BINDING;
  if (override) return override;
  const candidate = path.join(appRoot, ELECTRON_SQLITE_RELATIVE);
  return fs.existsSync(candidate) ? candidate : undefined;
}
