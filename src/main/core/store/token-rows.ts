import type { TokenInfo } from '../../../shared/access-schemas';
import { Role } from '../../../shared/roles';
import type { LiveToken } from './repositories';

/**
 * An `api_tokens` row as both adapters select it (the hash stays in the database): the same
 * columns on SQLite and PostgreSQL, times in ms, so the column list and the mapping live here once.
 */
export interface TokenRow {
  id: number;
  name: string;
  role: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export const TOKEN_COLUMNS = 'id, name, role, created_at, last_used_at, revoked_at';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toTokenInfo(row: TokenRow): TokenInfo {
  return {
    name: row.name,
    // A role written by a newer version reads as the least one here (listing only; auth refuses it).
    role: Role.safeParse(row.role).data ?? 'viewer',
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

/** The row as a token that may authenticate; a missing one or one with a newer version's role is null. */
export function toLiveToken(row: TokenRow | undefined): LiveToken | null {
  const role = row && Role.safeParse(row.role).data;
  return row && role ? { id: row.id, name: row.name, role, lastUsedAt: row.last_used_at } : null;
}
