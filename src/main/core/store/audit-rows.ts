import type { AuditEntry } from '../../../shared/access-schemas';
import { Role } from '../../../shared/roles';

/**
 * An `audit_log` row as both adapters select it: the same columns on SQLite and PostgreSQL (`at`
 * in ms), so the mapping to the API's entry lives here once.
 */
export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  actor_role: string;
  method: string;
  target: string;
  outcome: string;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    actorRole: Role.safeParse(row.actor_role).data ?? 'viewer',
    method: row.method,
    target: row.target,
    outcome: row.outcome,
  };
}
