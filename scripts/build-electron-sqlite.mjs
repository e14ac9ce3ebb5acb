// Builds better-sqlite3 for Electron's ABI into native/electron/, leaving node_modules' own build
// (the Node ABI one that `serve` and the tests load) untouched. Electron 45 bundles Node 24
// (module ABI 150); a Node 20 build (ABI 115) will not load in it, hence the separate copy, which
// the app passes to better-sqlite3 as `nativeBinding`.
//
// Needs Electron's headers (node-gyp fetches them from --dist-url, or set
// HOOKBENCH_ELECTRON_HEADERS to a local headers folder). Exits non-zero with one clear line when
// they cannot be had (offline machines).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'native', 'electron');
const outFile = path.join(outDir, 'better_sqlite3.node');
const marker = path.join(outDir, 'build.json');

const version = electronVersion();
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(fs.readFileSync(path.join(sqliteDir, 'package.json'), 'utf8')).version;
const wanted = { electron: version, betterSqlite3: sqliteVersion, arch: process.arch, platform: process.platform };

if (fs.existsSync(outFile) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === JSON.stringify(wanted)) {
  console.log(`better-sqlite3 for Electron ${version} is up to date (${path.relative(root, outFile)})`);
  process.exit(0);
}

// Build in a scratch copy so node_modules/better-sqlite3/build (the Node build) is never touched.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-sqlite-electron-'));
fs.cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`) });

const nodeGyp = process.env.npm_config_node_gyp ?? 'node-gyp';
const args = ['rebuild', '--release', `--target=${version}`, `--arch=${process.arch}`, '--runtime=electron'];
if (process.env.HOOKBENCH_ELECTRON_HEADERS) args.push(`--nodedir=${process.env.HOOKBENCH_ELECTRON_HEADERS}`);
else args.push('--dist-url=https://electronjs.org/headers');
// npm may point node-gyp at this Node's headers (npm_config_nodedir); that would build for Node.
const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];

const isJs = nodeGyp.endsWith('.js');
const result = spawnSync(isJs ? process.execPath : nodeGyp, isJs ? [nodeGyp, ...args] : args, { cwd: work, env, stdio: 'inherit' });
const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
if (result.status !== 0 || !fs.existsSync(built)) {
  console.error(`Could not build better-sqlite3 for Electron ${version}: Electron's headers are not reachable from this machine.`);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(built, outFile);
fs.writeFileSync(marker, JSON.stringify(wanted));
fs.rmSync(work, { recursive: true, force: true });
console.log(`Built better-sqlite3 ${sqliteVersion} for Electron ${version}: ${path.relative(root, outFile)}`);
