import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/core/store/sqlite/db';
import { migrate, MigrationError } from '../../src/main/core/store/sqlite/migrate';
import { migrations } from '../../src/main/core/store/sqlite/migrations';
import { tempDir } from '../helpers/temp-dir';

function scratchDb() {
  return new BetterSqlite3(path.join(tempDir(), 'm.sqlite'));
}

describe('migrations', () => {
  it('applies every migration once, records it with a hash, and is a no-op on reopen', () => {
    const dir = tempDir();
    const db = openDb({ dataDir: dir });
    const rows = db.prepare('SELECT id, name, hash FROM schema_migrations ORDER BY id').all() as { id: number; hash: string }[];
    expect(rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const again = openDb({ dataDir: dir });
    expect(migrate(again, migrations)).toEqual([]);
    again.close();
  });

  it('rolls a failing migration back whole, leaving the database as it was', () => {
    const db = scratchDb();
    const bad = [{ id: 1, name: 'bad', sql: 'CREATE TABLE half_done (x); INSERT INTO nowhere VALUES (1);' }];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    const db = scratchDb();
    migrate(db, [{ id: 1, name: 'one', sql: 'CREATE TABLE t (x);' }]);
    expect(() => migrate(db, [{ id: 1, name: 'one', sql: 'CREATE TABLE t (x, y);' }])).toThrow(MigrationError);
    db.close();
  });

  it('refuses a database written by a newer version (unknown migration)', () => {
    const db = scratchDb();
    migrate(db, [
      { id: 1, name: 'one', sql: 'CREATE TABLE t (x);' },
      { id: 2, name: 'two', sql: 'CREATE TABLE u (x);' },
    ]);
    expect(() => migrate(db, [{ id: 1, name: 'one', sql: 'CREATE TABLE t (x);' }])).toThrow(/newer Hookbench/);
    db.close();
  });

  it('loads better-sqlite3 through an explicit nativeBinding path (how the Electron build is used)', () => {
    const binding = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    const db = openDb({ dataDir: tempDir(), nativeBinding: binding });
    expect(db.prepare('SELECT count(*) AS n FROM requests').get()).toEqual({ n: 0 });
    db.close();
    expect(() => openDb({ dataDir: tempDir(), nativeBinding: '/nonexistent/better_sqlite3.node' })).toThrow();
  });
});
