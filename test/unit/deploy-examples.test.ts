import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apiExposureFlags, SERVE_OPTIONS } from '../../src/main/serve-flags';
import { resolveApiExposure } from '../../src/main/transport/api-exposure';
import { makeSelfSignedCert } from '../helpers/tls-cert';

/**
 * The Dockerfile and the systemd unit cannot be run here (no base images, no systemd), so their
 * commands are checked against what the CLI accepts: the same flag table, and the same start-up
 * checks `serve` runs before it binds anything (resolveApiExposure binds nothing itself).
 */

/** `serve`'s arguments after `node …/bin/hookbench.js`, checked like cli.ts does. */
function checkServeArgs(argv: string[]) {
  expect(argv[0]).toMatch(/^(\/usr\/bin\/)?node$/);
  expect(argv[1]).toMatch(/\/bin\/hookbench\.js$/);
  expect(argv[2]).toBe('serve');
  const { values, positionals } = parseArgs({ args: argv.slice(2), options: SERVE_OPTIONS, allowPositionals: true });
  expect(positionals).toEqual(['serve']);
  return { values, exposure: resolveApiExposure(apiExposureFlags(values)) };
}

describe('deploy examples', () => {
  it('the Dockerfile runs the built bin with serve flags the CLI accepts, on paths the build produces', () => {
    const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
    const json = (instruction: string) => JSON.parse(new RegExp(`^${instruction} (\\[.*\\])$`, 'm').exec(dockerfile)![1]!) as string[];
    const argv = [...json('ENTRYPOINT'), ...json('CMD')];
    const { values, exposure } = checkServeArgs(argv);
    expect(values['data-dir']).toBe('/data');
    expect(exposure.host).toBe('0.0.0.0');
    expect(exposure.proxies?.trusts('172.17.0.2')).toBe(true);
    expect(exposure.origin).toMatch(/^https:\/\//);
    // What the image copies exists in a build: the bin, and the scripts it runs.
    expect(fs.existsSync('bin/hookbench.js')).toBe(true);
    expect(dockerfile).toMatch(/^RUN npm run build/m);
    expect(JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.build).toBeTruthy();
    expect(dockerfile).toMatch(/^EXPOSE 8989 8990$/m);
    expect([values['receiver-port'], values['ui-port']]).toEqual(['8989', '8990']);
  });

  it('the systemd unit starts serve behind a proxy on loopback, and its HTTPS variant parses too', () => {
    const unit = fs.readFileSync('deploy/hookbench.service', 'utf8');
    const [active, ...others] = [...unit.matchAll(/^ExecStart=(.*)$/gm)].map((m) => m[1]!.split(/\s+/));
    expect(others).toEqual([]);
    const { exposure } = checkServeArgs(active!);
    expect(exposure).toMatchObject({ host: '127.0.0.1', origin: 'https://hooks.example.com', tls: null });
    // The commented-out HTTPS line, with a certificate made here in place of the server's files.
    const cert = makeSelfSignedCert(['hooks.example.com']);
    try {
      const tlsLine = /^#ExecStart=(.*)$/m.exec(unit)![1]!.replace(/\/etc\/hookbench\/tls\/fullchain\.pem/, cert.certFile).replace(/\/etc\/hookbench\/tls\/privkey\.pem/, cert.keyFile);
      const https = checkServeArgs(tlsLine.split(/\s+/)).exposure;
      expect(https).toMatchObject({ host: '0.0.0.0', origin: 'https://hooks.example.com:8443', proxies: null });
      expect(https.tls?.cert.equals(cert.cert)).toBe(true);
    } finally {
      fs.rmSync(path.dirname(cert.certFile), { recursive: true, force: true });
    }
  });
});
