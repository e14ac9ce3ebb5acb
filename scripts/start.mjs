// `npm start`: the desktop app when Electron can run here; otherwise the same UI, headless.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageDir, findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (script, args = []) => spawnSync(process.execPath, [path.join(root, script), ...args], { cwd: root, stdio: 'inherit' });

function obtainElectron() {
  const existing = findElectronBinary();
  if (existing) return existing;
  // The electron package downloads its binary on first use; try once, quietly, with a deadline.
  spawnSync(process.execPath, [path.join(electronPackageDir(), 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return findElectronBinary();
}

function runHeadless(reason) {
  console.log(`${reason}: starting Hookbench headless instead (same UI, in your browser).`);
  if (run('scripts/ensure-built.mjs').status !== 0) process.exit(1);
  const child = spawn(process.execPath, [path.join(root, 'out/main/cli.js'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  forwardSignals(child);
}

/** Passes a stop request on to the app (a terminal's Ctrl+C reaches both; `kill` reaches only us). */
function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = obtainElectron();
if (!electron) {
  runHeadless('Electron could not be obtained on this machine (its binary download failed)');
} else if (run('scripts/build-electron-sqlite.mjs').status !== 0) {
  runHeadless('better-sqlite3 could not be built for Electron');
} else {
  if (run('scripts/ensure-built.mjs').status !== 0) process.exit(1);
  forwardSignals(spawn(electron, [root], { cwd: root, stdio: 'inherit' }));
}
