import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCert {
  certFile: string;
  keyFile: string;
  /** The certificate itself (PEM): clients pin it as their only CA. */
  cert: Buffer;
}

/**
 * A self-signed certificate (P-256, one day) for `names` (DNS names, or IP addresses), made with the
 * openssl CLI in its own temp folder. Callers remove `path.dirname(certFile)` when done (or let the
 * OS temp cleaner do it); it holds a throwaway key only.
 */
export function makeSelfSignedCert(names: string[]): TestCert {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-cert-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${san}`, '-keyout', keyFile, '-out', certFile],
    { stdio: 'pipe' },
  );
  return { certFile, keyFile, cert: fs.readFileSync(certFile) };
}
