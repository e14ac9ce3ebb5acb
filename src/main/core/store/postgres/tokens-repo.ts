import type { LiveToken, TokensRepository } from '../repositories';
import type { PgDatabase } from './pg-database';
import type { TokenInfo } from '../../../../shared/access-schemas';
import type { Role } from '../../../../shared/roles';
import { TOKEN_COLUMNS, toLiveToken, toTokenInfo, type TokenRow } from '../token-rows';

/** PostgreSQL's unique_violation: the live name (or the hash) is taken. */
const UNIQUE_VIOLATION = '23505';

/** Named API tokens, by the SHA-256 of their text (the text itself is never stored). */
export class PgTokensRepo implements TokensRepository {
  constructor(private readonly db: PgDatabase) {}

  /** null when a live token already has this name. */
  async insert(token: { name: string; role: Role; hash: string; createdAt: number }): Promise<TokenInfo | null> {
    try {
      const { rows } = await this.db.query<TokenRow>(`INSERT INTO api_tokens (name, role, hash, created_at) VALUES ($1, $2, $3, $4) RETURNING ${TOKEN_COLUMNS}`, [
        token.name,
        token.role,
        token.hash,
        token.createdAt,
      ]);
      return toTokenInfo(rows[0]!);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  /** The live token with this hash; a revoked, unknown or unreadable (newer role) one is null. */
  async findLive(hash: string): Promise<LiveToken | null> {
    // `hash` is UNIQUE, so this is one index probe per authenticated request.
    const { rows } = await this.db.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE hash = $1 AND revoked_at IS NULL`, [hash]);
    return toLiveToken(rows[0]);
  }

  async isLive(id: number): Promise<boolean> {
    const { rowCount } = await this.db.query('SELECT 1 FROM api_tokens WHERE id = $1 AND revoked_at IS NULL', [id]);
    return (rowCount ?? 0) > 0;
  }

  async touch(id: number, at: number): Promise<void> {
    await this.db.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }

  async list(includeRevoked: boolean): Promise<TokenInfo[]> {
    const sql = includeRevoked
      ? `SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY name, id`
      : `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE revoked_at IS NULL ORDER BY name`;
    return (await this.db.query<TokenRow>(sql)).rows.map(toTokenInfo);
  }

  /** Revokes the live token of that name; null when there is none. */
  async revoke(name: string, at: number): Promise<TokenInfo | null> {
    const { rows } = await this.db.query<TokenRow>(`UPDATE api_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL RETURNING ${TOKEN_COLUMNS}`, [at, name]);
    return rows[0] ? toTokenInfo(rows[0]) : null;
  }

  /**
   * Only ever grows (rows are never deleted or un-revoked), so a change means "something was
   * revoked", also by another instance on the same database.
   */
  async revokedCount(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM api_tokens WHERE revoked_at IS NOT NULL');
    return rows[0]!.n;
  }
}
