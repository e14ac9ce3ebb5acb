import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PUSH_ROUTE, tokenToWsProtocol, WS_PROTOCOL, type PushEvent } from '../../src/shared/contract';
import { startHeadless, type Headless, type HeadlessOptions } from '../../src/main/headless';
import { ExposureError } from '../../src/main/transport/api-exposure';
import { tempDir } from '../helpers/temp-dir';
import { makeSelfSignedCert } from '../helpers/tls-cert';

/**
 * `serve` beyond loopback (issue 13): HTTPS with a certificate made here, --behind-proxy, exactly one
 * accepted origin, the failed-authentication limit per client address, and the configurations it
 * refuses before binding anything. Every socket is on 127.0.0.0/8: other client addresses are
 * 127.0.0.x source addresses (Linux routes the whole /8 to lo), and the "public" name is hooks.test,
 * sent as Host/SNI to 127.0.0.1.
 */

const TOKEN = 'owner-token-for-server-mode-tests';
const ORIGIN = 'https://hooks.test';
const cert = makeSelfSignedCert(['hooks.test', 'localhost', '127.0.0.1']);
afterAll(() => fs.rmSync(path.dirname(cert.certFile), { recursive: true, force: true }));

const servers: Headless[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(options: Partial<HeadlessOptions> = {}): Promise<Headless> {
  const server = await startHeadless({ dataDir: tempDir(), receiverPort: 0, uiPort: 0, host: '127.0.0.1', token: TOKEN, staticDir: null, ...options });
  servers.push(server);
  return server;
}

const startTls = (options: Partial<HeadlessOptions> = {}) => start({ apiOrigin: ORIGIN, tlsCert: cert.certFile, tlsKey: cert.keyFile, ...options });

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  /** The client's own address (127.0.0.x), so the server sees different clients. */
  from?: string;
  tls?: boolean;
}

/** One request to the API on 127.0.0.1:port, as a client of hooks.test (Host and SNI), the certificate pinned. */
function call(port: number, urlPath: string, options: CallOptions = {}): Promise<Reply> {
  const tls = options.tls ?? true;
  return new Promise((resolve, reject) => {
    const req = (tls ? https : http).request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: options.method ?? 'GET',
        localAddress: options.from ?? '127.0.0.1',
        headers: { Host: 'hooks.test', ...options.headers },
        ...(tls ? { ca: cert.cert, servername: 'hooks.test' } : {}),
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Opens the push socket; resolves with it, or rejects with the status (and Retry-After) it was refused with. */
function openPush(port: number, options: { token?: string; origin?: string; from?: string; tls?: boolean } = {}): Promise<WebSocket> {
  const tls = options.tls ?? true;
  return new Promise((resolve, reject) => {
    const protocols = options.token === undefined ? [WS_PROTOCOL] : [WS_PROTOCOL, tokenToWsProtocol(options.token)];
    const ws = new WebSocket(`${tls ? 'wss' : 'ws'}://127.0.0.1:${port}${PUSH_ROUTE}`, protocols, {
      headers: { Host: 'hooks.test', Origin: options.origin ?? ORIGIN },
      localAddress: options.from,
      ...(tls ? { ca: cert.cert, servername: 'hooks.test' } : {}),
    });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => {
      reject(new Error(`refused ${res.statusCode}${res.headers['retry-after'] ? ` retry-after=${res.headers['retry-after']}` : ''}`));
      res.resume();
    });
    ws.on('error', reject);
  });
}

describe('serve over HTTPS (--tls-cert/--tls-key, --api-origin)', () => {
  it('serves the API over HTTPS with a certificate the client verifies, names the configured origin in uiUrl, and sends HSTS', async () => {
    const server = await startTls();
    expect(server.ready.uiUrl).toBe(`${ORIGIN}/?token=${TOKEN}`);
    expect(server.api.host).toBe('127.0.0.1');
    const port = server.api.port;
    const info = await call(port, '/api/v2/requests', { headers: bearer(TOKEN) });
    expect(info.status).toBe(200);
    expect(JSON.parse(info.text)).toEqual({ items: [], nextCursor: null });
    expect(info.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(info.headers['content-security-policy']).toContain("default-src 'self'");
    // A client that does not trust this certificate is refused by TLS itself.
    const untrusted = new Promise((resolve) => {
      https.get({ host: '127.0.0.1', port, path: '/', servername: 'hooks.test', agent: false }, resolve).on('error', (e: NodeJS.ErrnoException) => resolve(e.code));
    });
    expect(await untrusted).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    // Plain HTTP to the HTTPS port gets no API (Node answers 400 and closes).
    const plain = await call(port, '/api/v2/requests', { tls: false, headers: bearer(TOKEN) }).catch((e: Error) => e);
    expect(plain instanceof Error ? plain.message : plain.status).not.toBe(200);
  });

  it('pushes captures over wss:// from the configured origin, and refuses the socket to another origin or no token', async () => {
    const server = await startTls();
    const port = server.api.port;
    await expect(openPush(port, { token: TOKEN, origin: 'https://evil.example' })).rejects.toThrow('refused 403');
    await expect(openPush(port, { token: TOKEN, origin: 'http://hooks.test' })).rejects.toThrow('refused 403');
    await expect(openPush(port, {})).rejects.toThrow('refused 401');
    const ws = await openPush(port, { token: TOKEN });
    const received = new Promise<PushEvent>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as PushEvent)));
    await fetch(`${server.ready.receiverUrl}/over-wss`, { method: 'POST', body: 'hi' });
    expect((await received).payload).toMatchObject({ method: 'POST', path: '/over-wss' });
    ws.close();
  });

  it('accepts exactly the configured origin in Host and Origin: not its loopback names, another scheme, port or host', async () => {
    const server = await startTls();
    const port = server.api.port;
    const refusedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, 'hooks.test:8443', 'evil.example', 'hooks.test.evil.example'];
    for (const host of refusedHosts) {
      const res = await call(port, '/api/v2/requests', { headers: { ...bearer(TOKEN), Host: host } });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.text).error.code).toBe('forbidden');
    }
    for (const origin of ['http://hooks.test', 'https://hooks.test:8443', 'https://evil.example', `https://127.0.0.1:${port}`, 'null']) {
      const res = await call(port, '/api/v2/requests', { headers: { ...bearer(TOKEN), Origin: origin } });
      expect(res.status, origin).toBe(403);
    }
    // The static UI is behind the same check.
    expect((await call(port, '/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await call(port, '/api/v2/requests', { headers: { ...bearer(TOKEN), Origin: ORIGIN } })).status).toBe(200);
    expect((await call(port, '/api/v2/requests', { headers: { ...bearer(TOKEN), Host: 'HOOKS.TEST' } })).status).toBe(200);
  });

  it('keeps loopback mode with TLS on the loopback names (no --api-origin): https origins with the port', async () => {
    const server = await start({ tlsCert: cert.certFile, tlsKey: cert.keyFile });
    const port = server.api.port;
    expect(server.ready.uiUrl).toBe(`https://127.0.0.1:${port}/?token=${TOKEN}`);
    const ok = await call(port, '/api/v2/requests', { headers: { ...bearer(TOKEN), Host: `localhost:${port}`, Origin: `https://localhost:${port}` } });
    expect(ok.status).toBe(200);
    expect((await call(port, '/api/v2/requests', { headers: { ...bearer(TOKEN), Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` } })).status).toBe(403);
  });
});

describe('serve behind a reverse proxy (--behind-proxy, --trusted-proxy)', () => {
  const PROXY = '127.0.0.2';

  it('serves plain HTTP to the proxy, accepts only the configured origin, and believes X-Forwarded-Proto only from the proxy', async () => {
    const server = await start({ apiOrigin: ORIGIN, behindProxy: true, trustedProxies: [PROXY] });
    const port = server.api.port;
    expect(server.ready.uiUrl).toBe(`${ORIGIN}/?token=${TOKEN}`);
    const viaProxy = await call(port, '/api/v2/requests', { tls: false, from: PROXY, headers: { ...bearer(TOKEN), 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' } });
    expect(viaProxy.status).toBe(200);
    // Users reach it over https (the proxy's), so HSTS is sent for the proxy to pass on.
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000');
    expect((await call(port, '/api/v2/requests', { tls: false, from: PROXY, headers: { ...bearer(TOKEN), Host: `127.0.0.1:${port}` } })).status).toBe(403);
    // A proxy that also forwards plain http is refused: the token would have crossed in clear.
    const clear = await call(port, '/api/v2/requests', { tls: false, from: PROXY, headers: { ...bearer(TOKEN), 'X-Forwarded-Proto': 'http' } });
    expect(clear.status).toBe(403);
    expect(JSON.parse(clear.text).error.message).toContain('https://hooks.test');
    // From a peer that is not the proxy the header means nothing.
    expect((await call(port, '/api/v2/requests', { tls: false, from: '127.0.0.3', headers: { ...bearer(TOKEN), 'X-Forwarded-Proto': 'http' } })).status).toBe(200);
  });

  it('limits failures per X-Forwarded-For address only from the trusted proxy; anyone else is judged by the socket address', async () => {
    const server = await start({ apiOrigin: ORIGIN, behindProxy: true, trustedProxies: [PROXY] });
    const port = server.api.port;
    const fail = (from: string, forwardedFor: string) =>
      call(port, '/api/v2/requests', { tls: false, from, headers: { ...bearer('wrong-token-guess'), 'X-Forwarded-For': forwardedFor } });
    const succeed = (from: string, forwardedFor: string) =>
      call(port, '/api/v2/requests', { tls: false, from, headers: { ...bearer(TOKEN), 'X-Forwarded-For': forwardedFor } });

    // Through the proxy: the client it names is limited, not the proxy (other clients go on).
    // The proxy appended 198.51.100.7; what the client wrote to its left (a fresh address each
    // time) must not give it fresh tries.
    for (let i = 0; i < 10; i++) expect((await fail(PROXY, `10.9.9.${i}, 198.51.100.7`)).status).toBe(401);
    expect((await succeed(PROXY, '10.9.9.99, 198.51.100.7')).status).toBe(429);
    expect((await succeed(PROXY, '198.51.100.8')).status).toBe(200);

    // Not the proxy: X-Forwarded-For is ignored, so changing it does not escape the limit.
    for (let i = 0; i < 10; i++) expect((await fail('127.0.0.3', `198.51.100.${20 + i}`)).status).toBe(401);
    expect((await succeed('127.0.0.3', '198.51.100.99')).status).toBe(429);
    expect((await succeed('127.0.0.4', '198.51.100.99')).status).toBe(200);
  });
});

describe('failed authentications are limited per client address', () => {
  it('answers 429 with Retry-After after 10 failures, even to the right token, while other addresses and successes go on', async () => {
    const server = await startTls();
    const port = server.api.port;
    const attacker = '127.0.0.5';
    // Successes are never counted.
    for (let i = 0; i < 15; i++) expect((await call(port, '/api/v2/requests', { from: attacker, headers: bearer(TOKEN) })).status).toBe(200);
    for (let i = 0; i < 10; i++) {
      const res = await call(port, '/api/v2/requests', { from: attacker, headers: bearer(`guess-${i}-0123456789`) });
      expect(res.status).toBe(401);
    }
    const limited = await call(port, '/api/v2/requests', { from: attacker, headers: bearer('guess-10-0123456789') });
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text).error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The right token does not get through either: a locked-out guesser learns nothing.
    expect((await call(port, '/api/v2/requests', { from: attacker, headers: bearer(TOKEN) })).status).toBe(429);
    // The push socket is locked for it too.
    await expect(openPush(port, { token: TOKEN, from: attacker })).rejects.toThrow(/refused 429 retry-after=\d+/);
    // Another address: its own right and wrong tokens are judged as usual.
    expect((await call(port, '/api/v2/requests', { from: '127.0.0.6', headers: bearer(TOKEN) })).status).toBe(200);
    expect((await call(port, '/api/v2/requests', { from: '127.0.0.6', headers: bearer('one-typo-0123456789') })).status).toBe(401);
    const ws = await openPush(port, { token: TOKEN, from: '127.0.0.6' });
    ws.close();
    // Requests that need no token (the static UI) are not limited.
    expect((await call(port, '/', { from: attacker })).status).not.toBe(429);
  });

  it('counts failed push-socket upgrades the same way', async () => {
    const server = await startTls();
    const port = server.api.port;
    const from = '127.0.0.7';
    for (let i = 0; i < 5; i++) await expect(openPush(port, { token: `ws-guess-${i}-0123456789`, from })).rejects.toThrow('refused 401');
    for (let i = 0; i < 5; i++) await expect(openPush(port, { from })).rejects.toThrow('refused 401');
    await expect(openPush(port, { token: TOKEN, from })).rejects.toThrow('refused 429');
    expect((await call(port, '/api/v2/requests', { from, headers: bearer(TOKEN) })).status).toBe(429);
  });

  it('applies in loopback mode too, where the site check is unchanged', async () => {
    const server = await start();
    const port = server.api.port;
    const url = `http://127.0.0.1:${port}/api/v2/requests`;
    for (let i = 0; i < 10; i++) expect((await fetch(url, { headers: bearer('not-the-token-0123') })).status).toBe(401);
    const limited = await fetch(url, { headers: bearer(TOKEN) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('no token or secret in an error body', () => {
  it('never echoes the token tried, the real token or the query string', async () => {
    const server = await startTls();
    const port = server.api.port;
    const wrong = 'wrong-but-secret-looking-token-42';
    const bodies: string[] = [];
    const keep = async (p: Promise<Reply>) => bodies.push((await p).text);
    await keep(call(port, '/api/v2/requests', { headers: bearer(wrong) }));
    await keep(call(port, `/api/v2/requests?token=${TOKEN}`, { headers: { Host: 'evil.example' } }));
    await keep(call(port, `/api/v2/nope?token=${TOKEN}`, { headers: bearer(TOKEN) }));
    await keep(call(port, `/api/v2/requests/abc?token=${TOKEN}`, { headers: bearer(TOKEN) }));
    for (let i = 0; i < 10; i++) await keep(call(port, '/api/v2/requests', { from: '127.0.0.8', headers: bearer(wrong) }));
    await keep(call(port, '/api/v2/requests', { from: '127.0.0.8', headers: bearer(TOKEN) }));
    expect(bodies).toHaveLength(15);
    for (const body of bodies) {
      expect(JSON.parse(body).error.code).toMatch(/^[a-z_]+$/);
      expect(body).not.toContain(TOKEN);
      expect(body).not.toContain(wrong);
    }
  });
});

describe('configurations refused before anything is bound', () => {
  const cases: [string, Partial<HeadlessOptions>, RegExp][] = [
    ['a non-loopback --api-host without TLS or a proxy', { apiHost: '0.0.0.0' }, /--api-host 0\.0\.0\.0 is not a loopback address.*--tls-cert FILE --tls-key FILE.*--behind-proxy/],
    ['another non-loopback address', { apiHost: '192.0.2.1', apiOrigin: ORIGIN }, /--api-host 192\.0\.2\.1 is not a loopback address/],
    ['IPv6 any', { apiHost: '::' }, /--api-host :: is not a loopback address/],
    ['a host name (could resolve anywhere)', { apiHost: 'hooks.example.com', apiOrigin: ORIGIN }, /is not a loopback address/],
    ['only --tls-cert', { tlsCert: cert.certFile }, /--tls-cert and --tls-key go together/],
    ['only --tls-key', { apiHost: '0.0.0.0', apiOrigin: ORIGIN, tlsKey: cert.keyFile }, /--tls-cert and --tls-key go together/],
    ['an unreadable certificate', { tlsCert: '/nonexistent/cert.pem', tlsKey: cert.keyFile }, /cannot read --tls-cert \/nonexistent\/cert\.pem: no such file/],
    ['a certificate that is not PEM', { tlsCert: cert.keyFile, tlsKey: cert.keyFile }, /are not a usable certificate and private key/],
    ['TLS beyond loopback without --api-origin', { apiHost: '0.0.0.0', tlsCert: cert.certFile, tlsKey: cert.keyFile }, /--api-origin is required with a non-loopback --api-host/],
    ['--behind-proxy without --api-origin', { behindProxy: true }, /--api-origin is required with --behind-proxy/],
    ['an http:// public origin', { apiHost: '0.0.0.0', behindProxy: true, apiOrigin: 'http://hooks.example.com' }, /--api-origin must be https:\/\//],
    ['an http:// origin with TLS', { tlsCert: cert.certFile, tlsKey: cert.keyFile, apiOrigin: 'http://localhost:8990' }, /with --tls-cert\/--tls-key the --api-origin is https/],
    ['an https:// origin nobody serves', { apiOrigin: ORIGIN }, /needs --tls-cert\/--tls-key .* or --behind-proxy/],
    ['an origin with a path', { behindProxy: true, apiOrigin: 'https://hooks.example.com/hookbench' }, /--api-origin must be an origin like/],
    ['--trusted-proxy without --behind-proxy', { trustedProxies: ['10.0.0.1'] }, /--trusted-proxy goes with --behind-proxy/],
    ['a --trusted-proxy that is not an address', { behindProxy: true, apiOrigin: ORIGIN, trustedProxies: ['proxy.local'] }, /--trusted-proxy: "proxy\.local" is not an IP address or CIDR range/],
  ];
  it.each(cases)('refuses %s', async (_name, options, message) => {
    const dataDir = path.join(tempDir(), 'data');
    const error = await startHeadless({ dataDir, receiverPort: 0, uiPort: 0, host: '127.0.0.1', token: TOKEN, staticDir: null, ...options }).then(
      (s) => (servers.push(s), null),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExposureError);
    expect((error as Error).message).toMatch(message);
    // Refused before the core started: not even the data folder was made, let alone a socket.
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('the key of another certificate is refused with OpenSSL\'s reason', async () => {
    const other = makeSelfSignedCert(['other.test']);
    try {
      await expect(start({ apiOrigin: ORIGIN, tlsCert: cert.certFile, tlsKey: other.keyFile })).rejects.toThrow(/not a usable certificate and private key: .*mismatch/);
    } finally {
      fs.rmSync(path.dirname(other.certFile), { recursive: true, force: true });
    }
  });
});
