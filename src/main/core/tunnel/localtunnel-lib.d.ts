// The `localtunnel` client's Tunnel class (lib/Tunnel.js), which ships without types.
declare module 'localtunnel/lib/Tunnel.js' {
  import { EventEmitter } from 'node:events';

  export interface TunnelInfo {
    name: string;
    url: string;
    max_conn: number;
    remote_host: string;
    remote_port: number;
    local_port: number;
  }

  export default class Tunnel extends EventEmitter {
    constructor(opts: { port: number; host: string; subdomain?: string; local_host?: string });
    url?: string;
    clientId?: string;
    closed: boolean;
    open(cb: (err?: Error) => void): void;
    close(): void;
    _init(cb: (err: Error | null, info?: TunnelInfo) => void): void;
    _getInfo(body: unknown): TunnelInfo;
  }
}
