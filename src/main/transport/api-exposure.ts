import fs from 'node:fs';
import tls from 'node:tls';
import { isLoopbackHost, ProxyTrust } from './client-address';

/** How `serve` exposes its UI/API (`--api-host`, `--api-origin`, `--tls-cert/--tls-key`, `--behind-proxy`, `--trusted-proxy`). */
export interface ApiExposureFlags {
  apiHost?: string;
  apiOrigin?: string;
  tlsCert?: string;
  tlsKey?: string;
  behindProxy?: boolean;
  trustedProxies?: string[];
}

/** The checked result: what the HTTP transport binds, serves and accepts. */
export interface ApiExposure {
  host: string;
  /** The one origin accepted in Host/Origin (`https://hooks.example.com`), or null for loopback mode. */
  origin: string | null;
  tls: { cert: Buffer; key: Buffer } | null;
  /** Set with `--behind-proxy`: whose `X-Forwarded-*` headers to believe. */
  proxies: ProxyTrust | null;
}

/** A configuration `serve` refuses to start with; the message says what to change. */
export class ExposureError extends Error {}

export const DEFAULT_API_HOST = '127.0.0.1';

function readPem(file: string, flag: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a directory' : (e.code ?? e.message);
    throw new ExposureError(`cannot read ${flag} ${file}: ${why}`);
  }
}

function loadTls(certFile: string | undefined, keyFile: string | undefined): ApiExposure['tls'] {
  if (certFile === undefined && keyFile === undefined) return null;
  if (certFile === undefined || keyFile === undefined) {
    throw new ExposureError('--tls-cert and --tls-key go together: give both (the certificate chain and its private key, PEM files) or neither');
  }
  const pair = { cert: readPem(certFile, '--tls-cert'), key: readPem(keyFile, '--tls-key') };
  try {
    // Fails now, with OpenSSL's reason, on a file that is not PEM or a key that is not the certificate's.
    tls.createSecureContext(pair);
  } catch (error) {
    // OpenSSL's reason names the problem, never the file's contents.
    throw new ExposureError(`--tls-cert ${certFile} and --tls-key ${keyFile} are not a usable certificate and private key: ${(error as Error).message}`);
  }
  return pair;
}

function parseOrigin(value: string): URL {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    throw new ExposureError(`--api-origin must be an origin like https://hooks.example.com (scheme, host and an optional port; no path), got "${value}"`);
  }
  return url;
}

/**
 * Checks the flags and reads the certificate, before anything is bound: a configuration that
 * would put the API on the network in clear text never opens a socket. Loopback without any of
 * these flags is today's behaviour.
 */
export function resolveApiExposure(flags: ApiExposureFlags): ApiExposure {
  const host = flags.apiHost ?? DEFAULT_API_HOST;
  if (host.trim() === '') throw new ExposureError('--api-host must be an address to bind to, e.g. 0.0.0.0 or 10.0.0.5');
  const loopback = isLoopbackHost(host);
  const behindProxy = flags.behindProxy === true;
  if (flags.trustedProxies !== undefined && !behindProxy) throw new ExposureError('--trusted-proxy goes with --behind-proxy');

  const tlsPair = loadTls(flags.tlsCert, flags.tlsKey);
  if (!loopback && !tlsPair && !behindProxy) {
    throw new ExposureError(
      `--api-host ${host} is not a loopback address, so the UI/API and its tokens would cross the network in clear text. ` +
        'Serve it over HTTPS (--tls-cert FILE --tls-key FILE) or behind a TLS-terminating reverse proxy (--behind-proxy), ' +
        'with --api-origin set to the address users open (e.g. --api-origin https://hooks.example.com)',
    );
  }
  const origin = flags.apiOrigin === undefined ? null : parseOrigin(flags.apiOrigin);
  if (!origin && (!loopback || behindProxy)) {
    throw new ExposureError(
      `--api-origin is required with ${behindProxy ? '--behind-proxy' : `a non-loopback --api-host (${host})`}: ` +
        'it is the address users open (e.g. --api-origin https://hooks.example.com) and the only Host/Origin the API accepts',
    );
  }
  if (origin?.protocol === 'http:') {
    if (tlsPair) throw new ExposureError(`with --tls-cert/--tls-key the --api-origin is https://, got "${flags.apiOrigin}"`);
    if (!isLoopbackHost(origin.hostname)) throw new ExposureError(`--api-origin must be https:// (tokens travel with every request), got "${flags.apiOrigin}"`);
  }
  if (origin?.protocol === 'https:' && !tlsPair && !behindProxy) {
    throw new ExposureError(`an https:// --api-origin needs --tls-cert/--tls-key (Hookbench serves HTTPS) or --behind-proxy (a proxy does)`);
  }

  let proxies: ProxyTrust | null = null;
  if (behindProxy) {
    try {
      proxies = flags.trustedProxies === undefined ? ProxyTrust.loopback() : ProxyTrust.parse(flags.trustedProxies);
    } catch (error) {
      throw new ExposureError(`--trusted-proxy: ${(error as Error).message}`);
    }
  }
  return { host, origin: origin?.origin ?? null, tls: tlsPair, proxies };
}
