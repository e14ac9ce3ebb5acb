import type { IncomingHttpHeaders } from 'node:http';

export interface SiteGuardOptions {
  /** The port the API listens on (what loopback clients put in Host). */
  port: number;
  /** The address it is bound to (a loopback one in loopback mode). */
  host: string;
  /** `--api-origin`: the one origin users open, when set. */
  origin: string | null;
  /** Hookbench itself serves HTTPS (`--tls-cert`). */
  tls: boolean;
}

/** `host:port` as in a Host header or a URL (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Which sites may talk to the API. Binding to loopback is not enough on its own: a web page the user
 * visits can reach 127.0.0.1 too (CSRF), or point its own hostname at it (DNS rebinding). So every
 * request must name this server in `Host`, which a browser always sets to the name it resolved and
 * a page cannot change, and any `Origin` must be this server's own.
 *
 * Loopback mode accepts this server's loopback names with its port. With `--api-origin` exactly
 * that origin is accepted and nothing else, not even the loopback names: a team server has one
 * address. `X-Forwarded-Host` is never used instead of `Host`: a page can set that header itself,
 * so a proxy that passes it through would undo the DNS-rebinding check; the proxy must keep `Host`
 * (Caddy does by default; nginx: `proxy_set_header Host $host`).
 */
export class SiteGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;
  private readonly scheme: string;
  private readonly name: string;

  constructor(options: SiteGuardOptions) {
    if (options.origin !== null) {
      const url = new URL(options.origin);
      this.hosts = new Set([url.host]);
      this.origins = new Set([url.origin]);
      this.scheme = url.protocol.slice(0, -1);
      this.name = url.origin;
    } else {
      const names = new Set(['127.0.0.1', 'localhost', '::1', options.host].map((h) => hostPort(h.toLowerCase(), options.port)));
      this.scheme = options.tls ? 'https' : 'http';
      this.hosts = names;
      this.origins = new Set([...names].map((n) => `${this.scheme}://${n}`));
      this.name = 'its loopback address';
    }
  }

  /**
   * null when the request may go on, otherwise the reason to refuse it (403). `forwardedProto` is
   * the scheme a trusted proxy says the client used (never read from anyone else).
   */
  check(headers: IncomingHttpHeaders, forwardedProto?: string): string | null {
    const host = headers.host?.toLowerCase();
    if (!host || !this.hosts.has(host)) return `this Host is not allowed (Hookbench answers only as ${this.name})`;
    const origin = headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) return 'cross-origin requests are not allowed';
    // A proxy that also forwards plain http would let the token cross the network in clear.
    const proto = forwardedProto?.split(',')[0]!.trim().toLowerCase();
    if (proto && proto !== this.scheme) return `use ${this.name} (this request came through the proxy over ${proto})`;
    return null;
  }
}
