import type { Database, Statement } from 'better-sqlite3';
import type { AuditEntry, AuditFilter } from '../../../../shared/access-schemas';
import type { Page } from '../../../../shared/request-schemas';
import { Role } from '../../../../shared/roles';

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  actor_role: string;
  method: string;
  target: string;
  outcome: string;
}

export type AuditRecord = Omit<AuditEntry, 'id' | 'at'> & { at: number };

function toEntry(row: AuditRow): AuditEntry {
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

/** Who called which mutation, on what, and how it ended; newest first, paged by id. */
export class AuditRepo {
  private readonly insertStmt: Statement;
  private readonly listStmt: Statement;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO audit_log (at, actor, actor_role, method, target, outcome)
      VALUES (@at, @actor, @actorRole, @method, @target, @outcome)`);
    // Each filter is "off" when its parameter is NULL, so one statement serves every combination.
    this.listStmt = db.prepare(`SELECT id, at, actor, actor_role, method, target, outcome FROM audit_log
      WHERE (@actor IS NULL OR actor = @actor) AND (@method IS NULL OR method = @method)
        AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at <= @to) AND (@before IS NULL OR id < @before)
      ORDER BY id DESC LIMIT @limit`);
  }

  record(entry: AuditRecord): void {
    this.insertStmt.run(entry);
  }

  list({ actor, method, from, to, limit, cursor }: AuditFilter): Page<AuditEntry> {
    const rows = this.listStmt.all({
      actor: actor ?? null,
      method: method ?? null,
      from: from ?? null,
      to: to ?? null,
      before: cursor === undefined ? null : Number(cursor),
      limit: limit + 1,
    }) as AuditRow[];
    const items = rows.slice(0, limit).map(toEntry);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }
}
