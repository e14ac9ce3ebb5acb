import type { SsrfPolicy } from '../shared/sender-schemas';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from './core/core';
import { resolveApiExposure, type ApiExposureFlags } from './transport/api-exposure';
import { startHttpServer } from './transport/http';

/**
 * `apiHost` (default 127.0.0.1), `apiOrigin`, `tlsCert`/`tlsKey`, `behindProxy`, `trustedProxies`:
 * the UI/API beyond loopback, checked by resolveApiExposure before anything is bound.
 */
export interface HeadlessOptions extends ApiExposureFlags {
  dataDir: string;
  /** `postgres://…`: share this database with other instances (default: SQLite in dataDir). */
  databaseUrl?: string;
  receiverPort: number;
  uiPort: number;
  /** Receiver bind address (the UI/API's is `apiHost`). */
  host: string;
  token?: string;
  /** Open the tunnel at start (`--tunnel`). */
  tunnel?: { host?: string; subdomain?: string };
  /** SSRF policy of new sender targets (`--sender-ssrf`). */
  senderDefaultSsrf?: SsrfPolicy;
  /** Built renderer; defaults to `out/renderer` next to this bundle. */
  staticDir?: string | null;
}

export interface ReadyInfo {
  receiverUrl: string;
  uiUrl: string;
  token: string;
  publicUrl: string | null;
}

export interface Headless {
  ready: ReadyInfo;
  /** Where the UI/API actually listens (`ready.uiUrl` names the public origin when one is set). */
  api: { host: string; port: number };
  core: Core;
  close(): Promise<void>;
}

function defaultStaticDir(): string {
  // Built layout: out/main/cli.js next to out/renderer/index.html.
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '../renderer');
}

/** Starts the core and serves the API and UI over HTTP(S) + WebSocket, on loopback unless told otherwise. */
export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  // First, before the receiver or the API opens a socket: a refused configuration binds nothing.
  const exposure = resolveApiExposure(options);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const core = await Core.start({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    receiverHost: options.host,
    receiverPort: options.receiverPort,
    mode: 'headless',
    tunnel: options.tunnel,
    senderDefaultSsrf: options.senderDefaultSsrf,
  });
  let http;
  try {
    http = await startHttpServer(core.api, {
      port: options.uiPort,
      token,
      staticDir: options.staticDir === undefined ? defaultStaticDir() : options.staticDir,
      exposure,
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  const server = http;
  return {
    core,
    api: { host: exposure.host, port: server.port },
    ready: {
      receiverUrl: core.receiverUrl,
      uiUrl: `${server.url}/?token=${encodeURIComponent(token)}`,
      token,
      publicUrl: core.tunnel.status.state === 'online' ? core.tunnel.status.publicUrl : null,
    },
    async close() {
      // The receiver goes first so every request it accepted is committed before the DB closes.
      await server.close();
      await core.close();
    },
  };
}
