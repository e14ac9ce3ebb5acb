import type { Database, Statement } from 'better-sqlite3';
import type { AuditRecord, AuditRepository } from '../repositories';
import type { AuditEntry, AuditFilter } from '../../../../shared/access-schemas';
import type { Page } from '../../../../shared/request-schemas';
import { toAuditEntry, type AuditRow } from '../audit-rows';

/** Who called which mutation, on what, and how it ended; newest first, paged by id. */
export class AuditRepo implements AuditRepository {
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

  async record(entry: AuditRecord): Promise<void> {
    this.insertStmt.run(entry);
  }

  async list({ actor, method, from, to, limit, cursor }: AuditFilter): Promise<Page<AuditEntry>> {
    const rows = this.listStmt.all({
      actor: actor ?? null,
      method: method ?? null,
      from: from ?? null,
      to: to ?? null,
      before: cursor === undefined ? null : Number(cursor),
      limit: limit + 1,
    }) as AuditRow[];
    const items = rows.slice(0, limit).map(toAuditEntry);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }
}
