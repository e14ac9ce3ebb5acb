import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let bundled: Promise<string> | null = null;

/**
 * `src/main/cli.ts` bundled as it is now (packages stay external), so integration tests can run
 * the real CLI in its own process without `npm run build` (which would replace out/ under other
 * running tests). Written under node_modules/.cache so the bundle resolves the packages.
 */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = path.join(root, 'node_modules/.cache/hookbench-test-cli');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `cli-${process.pid}-${Date.now()}.mjs`);
    await build({
      input: path.join(root, 'src/main/cli.ts'),
      platform: 'node',
      external: [/^[^./]/],
      logLevel: 'silent',
      output: { file, format: 'esm' },
    });
    return file;
  })();
  return bundled;
}

/** Runs `hookbench ARGS…` from the sources in a child process and collects its output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const file = await cliBundle();
  const child = spawn(process.execPath, [file, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  return { code, stdout, stderr };
}

/** Removes this process's bundle (call from afterAll). */
export async function removeCliBundle(): Promise<void> {
  if (!bundled) return;
  const file = await bundled.catch(() => null);
  bundled = null;
  if (file) fs.rmSync(file, { force: true });
}
