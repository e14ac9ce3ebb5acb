import type { Database, Statement } from 'better-sqlite3';
import type { LiveToken, TokensRepository } from '../repositories';
import type { TokenInfo } from '../../../../shared/access-schemas';
import type { Role } from '../../../../shared/roles';
import { TOKEN_COLUMNS, toLiveToken, toTokenInfo, type TokenRow } from '../token-rows';

/** Named API tokens, by the SHA-256 of their text (the text itself is never stored). */
export class TokensRepo implements TokensRepository {
  private readonly insertStmt: Statement;
  private readonly byIdStmt: Statement;
  private readonly liveByHashStmt: Statement;
  private readonly liveByIdStmt: Statement;
  private readonly touchStmt: Statement;
  private readonly listLiveStmt: Statement;
  private readonly listAllStmt: Statement;
  private readonly revokeStmt: Statement;
  private readonly revokedCountStmt: Statement;

  constructor(db: Database) {
    this.insertStmt = db.prepare('INSERT INTO api_tokens (name, role, hash, created_at) VALUES (@name, @role, @hash, @createdAt)');
    this.byIdStmt = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = ?`);
    // `hash` is UNIQUE, so this is one index probe per authenticated request.
    this.liveByHashStmt = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE hash = ? AND revoked_at IS NULL`);
    this.liveByIdStmt = db.prepare('SELECT 1 FROM api_tokens WHERE id = ? AND revoked_at IS NULL');
    this.touchStmt = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
    this.listLiveStmt = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE revoked_at IS NULL ORDER BY name`);
    this.listAllStmt = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY name, id`);
    this.revokeStmt = db.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING ${TOKEN_COLUMNS}`);
    this.revokedCountStmt = db.prepare('SELECT COUNT(*) AS n FROM api_tokens WHERE revoked_at IS NOT NULL');
  }

  /** null when a live token already has this name. */
  async insert(token: { name: string; role: Role; hash: string; createdAt: number }): Promise<TokenInfo | null> {
    try {
      const info = this.insertStmt.run(token);
      return toTokenInfo(this.byIdStmt.get(Number(info.lastInsertRowid)) as TokenRow);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return null;
      throw error;
    }
  }

  /** The live token with this hash; a revoked, unknown or unreadable (newer role) one is null. */
  async findLive(hash: string): Promise<LiveToken | null> {
    return toLiveToken(this.liveByHashStmt.get(hash) as TokenRow | undefined);
  }

  async isLive(id: number): Promise<boolean> {
    return this.liveByIdStmt.get(id) !== undefined;
  }

  async touch(id: number, at: number): Promise<void> {
    this.touchStmt.run(at, id);
  }

  async list(includeRevoked: boolean): Promise<TokenInfo[]> {
    return ((includeRevoked ? this.listAllStmt : this.listLiveStmt).all() as TokenRow[]).map(toTokenInfo);
  }

  /** Revokes the live token of that name; null when there is none. */
  async revoke(name: string, at: number): Promise<TokenInfo | null> {
    const row = this.revokeStmt.get(at, name) as TokenRow | undefined;
    return row ? toTokenInfo(row) : null;
  }

  /**
   * Only ever grows (rows are never deleted or un-revoked), so a change means "something was
   * revoked", also by another process on the same file (`hookbench token revoke`).
   */
  async revokedCount(): Promise<number> {
    return (this.revokedCountStmt.get() as { n: number }).n;
  }
}
