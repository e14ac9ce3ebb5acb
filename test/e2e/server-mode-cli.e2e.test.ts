import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServe } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { makeSelfSignedCert } from '../helpers/tls-cert';

/**
 * The built `hookbench serve` with the team-server flags: the configurations it refuses (exit 2, a
 * message saying what to change, nothing started), and HTTPS / behind-proxy starts. Everything
 * listens on 127.0.0.1; the refused addresses are refused before any socket is opened.
 */

const BIN = path.resolve('bin/hookbench.js');
const TOKEN = 'cli-owner-token-0123456789';
const cert = makeSelfSignedCert(['hooks.test']);
afterAll(() => fs.rmSync(path.dirname(cert.certFile), { recursive: true, force: true }));

/** Runs `serve` to its exit (a refused start exits by itself). */
function runServe(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--receiver-port', '0', '--ui-port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('hookbench serve beyond loopback (CLI)', () => {
  const refused: [string, string[], RegExp][] = [
    ['0.0.0.0 without TLS or a proxy', ['--api-host', '0.0.0.0'], /refusing to start: --api-host 0\.0\.0\.0 is not a loopback address, .*in clear text\. Serve it over HTTPS \(--tls-cert FILE --tls-key FILE\) or behind a TLS-terminating reverse proxy \(--behind-proxy\)/],
    ['192.0.2.1 with an origin but no TLS or proxy', ['--api-host', '192.0.2.1', '--api-origin', 'https://hooks.test'], /--api-host 192\.0\.2\.1 is not a loopback address/],
    ['only --tls-cert', ['--api-host', '0.0.0.0', '--api-origin', 'https://hooks.test', '--tls-cert', cert.certFile], /--tls-cert and --tls-key go together/],
    ['an unreadable certificate', ['--api-origin', 'https://hooks.test', '--tls-cert', '/nonexistent/cert.pem', '--tls-key', cert.keyFile], /cannot read --tls-cert \/nonexistent\/cert\.pem: no such file/],
    ['--behind-proxy without --api-origin', ['--behind-proxy'], /--api-origin is required with --behind-proxy/],
  ];
  it.each(refused)('refuses %s with a clear message, exit 2, before starting anything', async (_name, args, message) => {
    const dataDir = path.join(tempDir(), 'data');
    const result = await runServe(['--data-dir', dataDir, '--json', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('Usage:');
    expect(result.stdout).toBe('');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('serves HTTPS with --tls-cert/--tls-key, and its human output names the origin and port but not the token', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', tempDir(), '--receiver-port', '0', '--ui-port', '0', '--api-origin', 'https://hooks.test', '--tls-cert', cert.certFile, '--tls-key', cert.keyFile], {
      env: { ...process.env, HOOKBENCH_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let stdout = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          if (stdout.includes('Press Ctrl+C')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect(stdout).not.toContain(TOKEN);
      const port = Number(/UI and API: +https:\/\/hooks\.test \(listening on 127\.0\.0\.1, port (\d+)\)/.exec(stdout)?.[1]);
      expect(port).toBeGreaterThan(0);
      const status = await new Promise<number>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, path: '/api/v2/requests', servername: 'hooks.test', ca: cert.cert, headers: { Host: 'hooks.test', Authorization: `Bearer ${TOKEN}` }, agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('prints the configured origin in the --json ready line behind a proxy', async () => {
    const serve = await startServe(['--data-dir', tempDir(), '--behind-proxy', '--api-origin', 'https://hooks.test'], { HOOKBENCH_TOKEN: TOKEN });
    try {
      expect(serve.ready.uiUrl).toBe(`https://hooks.test/?token=${TOKEN}`);
      expect(serve.ready.token).toBe(TOKEN);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});
