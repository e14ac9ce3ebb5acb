import type { CreatedToken, TokenInfo } from '../../../shared/access-schemas';
import { ApiError } from '../../../shared/errors';
import type { Caller, Role } from '../../../shared/roles';
import type { TokensRepository } from '../store/repositories';
import { hashToken, newToken } from './token-secret';

/** A token that was accepted: who it is, and whether it still holds (revocation, re-checked later). */
export interface Credential {
  caller: Caller;
  /** Re-reads the database: false once the token is revoked (by this process or another one). */
  stillValid(): Promise<boolean>;
}

/** Noting every use would put a write on every API request; once a minute tells an admin enough. */
const TOUCH_EVERY_MS = 60_000;
/**
 * How often open push sockets look for revocations made by another process on the same database
 * (`hookbench token revoke` while `serve` runs). One COUNT on a small table: cheap enough to run
 * twice a second, and the closing then happens "at once" as far as a person can tell.
 */
export const REVOCATION_POLL_MS = 500;

/** Named tokens: create (shown once), list, revoke, and the lookup behind every authenticated call. */
export class TokensService {
  private readonly revokedListeners = new Set<() => void>();

  constructor(private readonly repo: TokensRepository) {}

  async create(name: string, role: Role): Promise<CreatedToken> {
    const token = newToken();
    const info = await this.repo.insert({ name, role, hash: hashToken(token), createdAt: Date.now() });
    if (!info) throw new ApiError('invalid_input', `a token named "${name}" already exists; revoke it first or pick another name`);
    return { ...info, token };
  }

  list(includeRevoked = false): Promise<TokenInfo[]> {
    return this.repo.list(includeRevoked);
  }

  async revoke(name: string): Promise<TokenInfo> {
    const revoked = await this.repo.revoke(name, Date.now());
    if (!revoked) throw new ApiError('not_found', `there is no live token named "${name}"`);
    for (const listener of this.revokedListeners) listener();
    return revoked;
  }

  /** The named token this text is, or null (unknown or revoked): one indexed lookup by its hash. */
  async authenticate(token: string): Promise<Credential | null> {
    const found = await this.repo.findLive(hashToken(token));
    if (!found) return null;
    const now = Date.now();
    if (found.lastUsedAt === null || now - found.lastUsedAt >= TOUCH_EVERY_MS) await this.repo.touch(found.id, now);
    return { caller: { name: found.name, role: found.role }, stillValid: () => this.repo.isLive(found.id) };
  }

  /**
   * Calls `listener` when a token may have been revoked: at once for a revocation through this
   * process, within REVOCATION_POLL_MS for one by another process on the same database.
   */
  watchRevocations(listener: () => void): () => void {
    let seen: number | null = null;
    const check = async (report: boolean) => {
      let now: number;
      try {
        now = await this.repo.revokedCount();
      } catch {
        return; // the database is closing; the watcher is about to be dropped too
      }
      if (seen !== null && now !== seen && report) listener();
      seen = now;
    };
    void check(false);
    // Told at once about our own revocations, the poll need not report them a second time.
    const local = () => {
      listener();
      void check(false);
    };
    this.revokedListeners.add(local);
    let polling = false;
    const poll = setInterval(() => {
      if (polling) return;
      polling = true;
      void check(true).finally(() => (polling = false));
    }, REVOCATION_POLL_MS);
    poll.unref();
    return () => {
      clearInterval(poll);
      this.revokedListeners.delete(local);
    };
  }
}
