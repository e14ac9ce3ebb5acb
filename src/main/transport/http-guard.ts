import type { Caller } from '../../shared/roles';
import { Authenticator } from '../core/auth/authenticator';
import type { Credential, TokensService } from '../core/auth/tokens-service';

/**
 * Who is calling the headless API: the bearer token's owner. Which sites may call it at all (Host
 * and Origin, against DNS rebinding and CSRF) is SiteGuard's part (site-guard.ts), checked first;
 * failed authentications are rate-limited per client address around this (access-gate.ts).
 */
export class HttpGuard {
  private readonly auth: Authenticator;

  /** `token`: the single-user `--token` (an admin named owner); `tokens`: the named ones, in the database. */
  constructor(token: string, tokens: TokensService) {
    this.auth = new Authenticator(tokens, token);
  }

  /**
   * Who `Authorization: Bearer <token>` belongs to, or null. Read from the database on every
   * request, so a token revoked by any process is refused from its next request on.
   */
  async callerFor(authorization: string | undefined): Promise<Caller | null> {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    return match === null ? null : this.callerForToken(match[1]!);
  }

  async callerForToken(candidate: string): Promise<Caller | null> {
    return (await this.credentialFor(candidate))?.caller ?? null;
  }

  /** For long-lived connections (the push socket): the caller, and a way to re-check revocation. */
  credentialFor(candidate: string): Promise<Credential | null> {
    return this.auth.authenticate(candidate);
  }

  /** See TokensService.watchRevocations: at once in this process, within half a second from another. */
  watchRevocations(listener: () => void): () => void {
    return this.auth.watchRevocations(listener);
  }
}
