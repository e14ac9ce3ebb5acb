import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ReadyInfo } from '../../src/main/headless';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeProcess {
  ready: ReadyInfo;
  child: ChildProcess;
  stderr: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The built CLI `bin/hookbench.js` runs. HOOKBENCH_E2E_OUT names another build folder
 * (`npx electron-vite build --outDir out-mine`), so that several people can build and run e2e
 * tests in one checkout without replacing each other's `out/` mid-run.
 */
const builtCli = path.resolve(root, process.env.HOOKBENCH_E2E_OUT ?? 'out', 'main/cli.js');

/** Runs the built `hookbench serve --json` on free ports and waits for its ready line. */
export function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [builtCli, 'serve', '--json', '--receiver-port', '0', '--ui-port', '0', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`serve did not get ready: ${stderr}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve({
        ready: JSON.parse(line) as ReadyInfo,
        child,
        stderr: () => stderr,
        stop: async (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}
