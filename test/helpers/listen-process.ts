import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { ListenEvent } from '../../src/main/core/listen/listener';
import { cliBundle } from './cli-from-source';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ListenProcess {
  child: ChildProcess;
  /** Parsed `--json` lines so far. */
  events: ListenEvent[];
  stdout(): string;
  stderr(): string;
  /** Resolves with the first event (already seen or to come) that matches. */
  waitFor<T extends ListenEvent['type']>(type: T, match?: (e: Extract<ListenEvent, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<ListenEvent, { type: T }>>;
  /** Sends a signal and resolves with the exit code (null when killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Runs `hookbench listen ARGS…` (the CLI bundled from the sources) in its own process. */
export async function startListen(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ListenProcess> {
  const file = await cliBundle();
  const child = spawn(process.execPath, [file, 'listen', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const events: ListenEvent[] = [];
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    stdout += line + '\n';
    try {
      events.push(JSON.parse(line) as ListenEvent);
    } catch {
      // a human-format line
    }
    for (const w of waiters) w();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    events,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor(type, match = () => true, timeoutMs = 20_000) {
      type E = Extract<ListenEvent, { type: typeof type }>;
      const find = () => events.find((e): e is E => e.type === type && match(e as E));
      return new Promise<E>((resolve, reject) => {
        const check = () => {
          const found = find();
          if (!found) return;
          clear();
          resolve(found);
        };
        const timer = setTimeout(() => {
          clear();
          reject(new Error(`no ${type} event within ${timeoutMs} ms; stdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        const clear = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
