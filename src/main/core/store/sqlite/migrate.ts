import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

export class MigrationError extends Error {}

function hashOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Brings the schema up to date. Each migration runs in one transaction together with the row that
 * records it, so a crash leaves the database either before or after a migration, never inside.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT id, name, hash FROM schema_migrations').all() as { id: number; name: string; hash: string }[]).map(
      (row) => [row.id, row],
    ),
  );
  const known = new Set(migrations.map((m) => m.id));
  for (const id of applied.keys()) {
    if (!known.has(id)) {
      throw new MigrationError(
        `This data folder was written by a newer Hookbench (migration ${id} is unknown here); upgrade Hookbench to open it.`,
      );
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (id, name, hash, applied_at) VALUES (?, ?, ?, ?)');
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    const hash = hashOf(migration.sql);
    const done = applied.get(migration.id);
    if (done) {
      if (done.hash !== hash) {
        throw new MigrationError(`Migration ${migration.name} changed after it was applied (hash mismatch).`);
      }
      continue;
    }
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, migration.name, hash, new Date().toISOString());
    })();
    ran.push(migration.id);
  }
  return ran;
}
