import type { SsrfPolicy } from '../shared/sender-schemas';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from './core/core';
import { startHttpServer } from './transport/http';

export interface HeadlessOptions {
  dataDir: string;
  receiverPort: number;
  uiPort: number;
  /** Receiver bind address. The UI/API is always bound to 127.0.0.1. */
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
  core: Core;
  close(): Promise<void>;
}

function defaultStaticDir(): string {
  // Built layout: out/main/cli.js next to out/renderer/index.html.
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '../renderer');
}

/** Starts the core and serves the API and UI over HTTP + WebSocket on loopback. */
export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const core = await Core.start({
    dataDir: options.dataDir,
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
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  const server = http;
  return {
    core,
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
