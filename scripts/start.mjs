// `npm start`: the desktop app when Electron can run here; otherwise the same UI, headless.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectronBinary, findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (script, args = []) => spawnSync(process.execPath, [path.join(root, script), ...args], { cwd: root, stdio: 'inherit' });

/** The Electron binary, downloading it first if needed (saying so at once: it can take 2 minutes). */
async function obtainElectron() {
  const existing = findElectronBinary();
  if (existing) return { binary: existing, reason: null };
  return downloadElectronBinary();
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

const electron = await obtainElectron();
if (!electron.binary) {
  runHeadless(`Electron could not be obtained on this machine (${electron.reason})`);
} else if (run('scripts/build-electron-sqlite.mjs').status !== 0) {
  runHeadless('better-sqlite3 could not be built for Electron');
} else {
  if (run('scripts/ensure-built.mjs').status !== 0) process.exit(1);
  // Files given on the command line (a .har to open) reach the app as its own arguments.
  forwardSignals(spawn(electron.binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }));
}
