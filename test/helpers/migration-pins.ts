import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

/**
 * The pin tests both adapters' migration lists need (migration-hashes.test.ts for SQLite,
 * pg-migration-hashes.test.ts for PostgreSQL): each runner refuses a database whose recorded hash
 * of a migration differs from the code's, so a shipped migration must never change. The pinned
 * hashes stay in each test file; only the checks live here once.
 */
export interface PinnedMigration {
  id: number;
  name: string;
  sql: string;
}

const hashOf = (sql: string) => createHash('sha256').update(sql).digest('hex');

/** Registers, under `title`, a test per shipped migration and one that every migration is pinned and numbered in order. */
export function describeMigrationPins(title: string, migrations: readonly PinnedMigration[], shipped: Readonly<Record<string, string>>): void {
  describe(title, () => {
    it.each(Object.entries(shipped))('%s is unchanged', (name, hash) => {
      const migration = migrations.find((m) => m.name === name);
      expect(migration, `${name} was removed; a shipped migration stays`).toBeDefined();
      expect(hashOf(migration!.sql), `${name} was edited after it shipped: add a new migration instead`).toBe(hash);
    });

    it('every migration is pinned, numbered as its name says, in order', () => {
      for (const m of migrations) {
        expect(shipped[m.name], `pin ${m.name}: '${hashOf(m.sql)}'`).toBeDefined();
        expect(m.name.startsWith(String(m.id).padStart(3, '0') + '-')).toBe(true);
      }
      const ids = migrations.map((m) => m.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    });
  });
}
