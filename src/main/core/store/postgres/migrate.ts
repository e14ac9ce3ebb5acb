import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PgDatabase } from './pg-database';
import type { Migration } from './migrations';

export class MigrationError extends Error {}

function hashOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Held for the whole run, so when several instances start at once on one database only one
 * migrates; the others wait, then find everything applied. A session lock (not a transaction one)
 * because the run spans several transactions; if the process dies its connection ends and
 * PostgreSQL frees the lock. Its own key, apart from the `hookbench:NAME` job locks (pg-locks.ts).
 */
const MIGRATION_LOCK = `hashtext('hookbench-migrations')`;

/**
 * Brings the schema up to date; returns the ids it applied. Each migration runs in one transaction
 * together with the row that records it, so a crash leaves the database either before or after a
 * migration, never inside (PostgreSQL's DDL is transactional). Refuses a database migrated by a
 * newer Hookbench, or one whose recorded hash differs from the code's, like the SQLite runner.
 */
export async function migrate(db: PgDatabase, migrations: readonly Migration[]): Promise<number[]> {
  const client = await db.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      return await migrateLocked(client, migrations);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch((error: Error) => {
        // Cannot tell whether the lock is still held: drop the connection, which frees it.
        broken = error;
      });
    }
  } finally {
    client.release(broken);
  }
}

async function migrateLocked(client: pg.PoolClient, migrations: readonly Migration[]): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
  const { rows } = await client.query<{ id: number; name: string; hash: string }>('SELECT id, name, hash FROM schema_migrations');
  const applied = new Map(rows.map((row) => [row.id, row]));

  const known = new Set(migrations.map((m) => m.id));
  for (const id of applied.keys()) {
    if (!known.has(id)) {
      throw new MigrationError(`This database was written by a newer Hookbench (migration ${id} is unknown here); upgrade Hookbench to open it.`);
    }
  }

  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    const hash = hashOf(migration.sql);
    const done = applied.get(migration.id);
    if (done) {
      if (done.hash !== hash) throw new MigrationError(`Migration ${migration.name} changed after it was applied (hash mismatch).`);
      continue;
    }
    await client.query('BEGIN');
    try {
      // No parameters: the simple protocol runs a script of several statements.
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (id, name, hash, applied_at) VALUES ($1, $2, $3, now())', [migration.id, migration.name, hash]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    ran.push(migration.id);
  }
  return ran;
}
