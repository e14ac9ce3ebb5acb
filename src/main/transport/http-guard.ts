import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../../shared/roles';
import { constantTimeEqual } from '../core/constant-time';

/** Whoever holds the single `--token` / `HOOKBENCH_TOKEN`: the server's owner, an admin. */
export const TOKEN_OWNER: Caller = { name: 'owner', role: 'admin' };

/**
 * Who may talk to the headless API. Binding to loopback is not enough on its own: a web page the
 * user visits can reach 127.0.0.1 too (CSRF), or point its own hostname at 127.0.0.1 (DNS
 * rebinding). So every request must name this server in `Host`, any `Origin` must be this server's
 * own, and the API needs the bearer token, which only the UI URL printed at start carries.
 */
export class HttpGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(
    port: number,
    private readonly token: string,
  ) {
    const names = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
    this.hosts = new Set(names);
    this.origins = new Set(names.map((n) => `http://${n}`));
  }

  /** null when Host and Origin are acceptable, otherwise the reason to refuse (403). */
  checkSite(headers: IncomingHttpHeaders): string | null {
    const host = headers.host?.toLowerCase();
    if (!host || !this.hosts.has(host)) return 'this Host is not allowed (Hookbench answers only on its loopback address)';
    const origin = headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) {
      return 'cross-origin requests are not allowed';
    }
    return null;
  }

  /** Who `Authorization: Bearer <token>` belongs to, or null (checked in constant time). */
  callerFor(authorization: string | undefined): Caller | null {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    return match === null ? null : this.callerForToken(match[1]!);
  }

  callerForToken(candidate: string): Caller | null {
    return constantTimeEqual(candidate, this.token) ? TOKEN_OWNER : null;
  }
}
