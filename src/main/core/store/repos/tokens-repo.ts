import type { Database, Statement } from 'better-sqlite3';
import type { TokenInfo } from '../../../../shared/access-schemas';
import { Role } from '../../../../shared/roles';

interface TokenRow {
  id: number;
  name: string;
  role: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A live token found by its hash: who it is, and the row to note its use on. */
export interface LiveToken {
  id: number;
  name: string;
  role: Role;
  lastUsedAt: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toInfo(row: TokenRow): TokenInfo {
  return {
    name: row.name,
    // A role written by a newer version reads as the least one here (listing only; auth refuses it).
    role: Role.safeParse(row.role).data ?? 'viewer',
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

const COLUMNS = 'id, name, role, created_at, last_used_at, revoked_at';

/** Named API tokens, by the SHA-256 of their text (the text itself is never stored). */
export class TokensRepo {
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
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`);
    // `hash` is UNIQUE, so this is one index probe per authenticated request.
    this.liveByHashStmt = db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE hash = ? AND revoked_at IS NULL`);
    this.liveByIdStmt = db.prepare('SELECT 1 FROM api_tokens WHERE id = ? AND revoked_at IS NULL');
    this.touchStmt = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
    this.listLiveStmt = db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE revoked_at IS NULL ORDER BY name`);
    this.listAllStmt = db.prepare(`SELECT ${COLUMNS} FROM api_tokens ORDER BY name, id`);
    this.revokeStmt = db.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING ${COLUMNS}`);
    this.revokedCountStmt = db.prepare('SELECT COUNT(*) AS n FROM api_tokens WHERE revoked_at IS NOT NULL');
  }

  /** null when a live token already has this name. */
  insert(token: { name: string; role: Role; hash: string; createdAt: number }): TokenInfo | null {
    try {
      const info = this.insertStmt.run(token);
      return toInfo(this.byIdStmt.get(Number(info.lastInsertRowid)) as TokenRow);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return null;
      throw error;
    }
  }

  /** The live token with this hash; a revoked, unknown or unreadable (newer role) one is null. */
  findLive(hash: string): LiveToken | null {
    const row = this.liveByHashStmt.get(hash) as TokenRow | undefined;
    const role = row && Role.safeParse(row.role).data;
    return row && role ? { id: row.id, name: row.name, role, lastUsedAt: row.last_used_at } : null;
  }

  isLive(id: number): boolean {
    return this.liveByIdStmt.get(id) !== undefined;
  }

  touch(id: number, at: number): void {
    this.touchStmt.run(at, id);
  }

  list(includeRevoked: boolean): TokenInfo[] {
    return ((includeRevoked ? this.listAllStmt : this.listLiveStmt).all() as TokenRow[]).map(toInfo);
  }

  /** Revokes the live token of that name; null when there is none. */
  revoke(name: string, at: number): TokenInfo | null {
    const row = this.revokeStmt.get(at, name) as TokenRow | undefined;
    return row ? toInfo(row) : null;
  }

  /**
   * Only ever grows (rows are never deleted or un-revoked), so a change means "something was
   * revoked", also by another process on the same file (`hookbench token revoke`).
   */
  revokedCount(): number {
    return (this.revokedCountStmt.get() as { n: number }).n;
  }
}
