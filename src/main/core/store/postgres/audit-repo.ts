import type { AuditRecord, AuditRepository } from '../repositories';
import type { PgDatabase } from './pg-database';
import type { AuditEntry, AuditFilter } from '../../../../shared/access-schemas';
import type { Page } from '../../../../shared/request-schemas';
import { toAuditEntry, type AuditRow } from '../audit-rows';

/** Who called which mutation, on what, and how it ended; newest first, paged by id. */
export class PgAuditRepo implements AuditRepository {
  constructor(private readonly db: PgDatabase) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.db.query('INSERT INTO audit_log (at, actor, actor_role, method, target, outcome) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.at,
      entry.actor,
      entry.actorRole,
      entry.method,
      entry.target,
      entry.outcome,
    ]);
  }

  async list({ actor, method, from, to, limit, cursor }: AuditFilter): Promise<Page<AuditEntry>> {
    // Only the filters given become conditions, so the planner sees plain predicates it can use the
    // (actor, id) and (method, id) indexes for.
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (actor !== undefined) add((p) => `actor = ${p}`, actor);
    if (method !== undefined) add((p) => `method = ${p}`, method);
    if (from !== undefined) add((p) => `at >= ${p}`, from);
    if (to !== undefined) add((p) => `at <= ${p}`, to);
    if (cursor !== undefined) add((p) => `id < ${p}`, Number(cursor));
    params.push(limit + 1);
    const { rows } = await this.db.query<AuditRow>(
      `SELECT id, at, actor, actor_role, method, target, outcome FROM audit_log
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(toAuditEntry);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }
}
