import Tunnel from 'localtunnel/lib/Tunnel.js';
import { randomBytes } from 'node:crypto';
import type { ConnectOptions, TunnelConnection, TunnelProvider } from './tunnel-provider';

/** How long one attempt may take: asking the server for a tunnel, then opening its sockets. */
const CONNECT_TIMEOUT_MS = 8_000;

interface ServerAnswer {
  id?: string;
  port?: number;
  url?: string;
  max_conn_count?: number;
  message?: string;
}

function plain(error: unknown, host: string): string {
  const e = error as Error & { cause?: { code?: string } };
  const code = e.cause?.code ?? (e as NodeJS.ErrnoException).code;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `tunnel server ${host} did not answer in time`;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return `tunnel server ${host} is unreachable (connection refused)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `tunnel server ${host} is unreachable (host not found)`;
  return e.message;
}

/**
 * localtunnel, through the official `localtunnel` client's socket pool (lib/Tunnel.js). Only the
 * first step — asking the server for a tunnel — is done here, once per attempt with a timeout: the
 * client's own version retries forever in the background, so a failed attempt could never be
 * abandoned and would come back later as a second tunnel. Reconnecting is the TunnelManager's job.
 */
export class LocaltunnelProvider implements TunnelProvider {
  readonly name = 'localtunnel';

  async connect({ host, subdomain, localPort }: ConnectOptions): Promise<TunnelConnection> {
    const base = host.replace(/\/+$/, '');
    // Always ask for a name: some localtunnel-server builds serve a landing page at `/?new`.
    const asked = subdomain ?? `hb-${randomBytes(6).toString('hex')}`;
    let answer: ServerAnswer;
    try {
      const res = await fetch(`${base}/${asked}`, { signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS), headers: { Accept: 'application/json' } });
      answer = (await res.json().catch(() => ({}))) as ServerAnswer;
      if (!res.ok) throw new Error(answer.message ? `tunnel server refused: ${answer.message}` : `tunnel server answered ${res.status}`);
    } catch (error) {
      throw new Error(plain(error, base));
    }
    if (!answer.id || !answer.port || !answer.url) throw new Error(`tunnel server ${base} sent an answer that is not a localtunnel tunnel`);

    const tunnel = new Tunnel({ port: localPort, host: base, subdomain: asked });
    tunnel._init = (cb) => cb(null, tunnel._getInfo(answer));
    const downListeners: ((reason: string) => void)[] = [];
    let online = false;
    let down = false;

    return new Promise<TunnelConnection>((resolve, reject) => {
      const timer = setTimeout(() => {
        tunnel.close();
        reject(new Error(`could not open the tunnel's connections to ${base} (port ${answer.port})`));
      }, CONNECT_TIMEOUT_MS);
      // The client re-emits every socket error; without a listener they would crash the process.
      tunnel.on('error', (error: Error) => {
        if (!online) {
          clearTimeout(timer);
          tunnel.close();
          reject(new Error(plain(error, base)));
          return;
        }
        if (down) return;
        down = true;
        tunnel.close();
        const reason = /connection refused/i.test(error.message) ? `lost the tunnel server ${base}` : error.message;
        for (const listener of downListeners) listener(reason);
      });
      tunnel.once('url', (url: string) => {
        online = true;
        clearTimeout(timer);
        resolve({
          url,
          subdomain: answer.id ?? null,
          onDown: (listener) => downListeners.push(listener),
          close: () => {
            down = true;
            tunnel.close();
          },
        });
      });
      tunnel.open((error) => {
        if (error) {
          clearTimeout(timer);
          reject(new Error(plain(error, base)));
        }
      });
    });
  }
}
