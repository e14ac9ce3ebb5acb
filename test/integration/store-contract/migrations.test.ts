import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrate as pgMigrate } from '../../../src/main/core/store/postgres/migrate';
import { migrations as pgMigrations } from '../../../src/main/core/store/postgres/migrations';
import { migrate as sqliteMigrate } from '../../../src/main/core/store/sqlite/migrate';
import { migrations as sqliteMigrations } from '../../../src/main/core/store/sqlite/migrations';
import { storeAdapters, type RawConnection } from '../../helpers/stores';

/**
 * The migration runners, held to one behaviour on both adapters: each adapter has its own list of
 * migrations, but both apply them once, record each with the hash of its SQL, and refuse a
 * database they cannot be sure of (an applied migration edited since, or one from a newer version).
 */

interface Migration {
  id: number;
  name: string;
  sql: string;
}

const shipped: Record<RawConnection['kind'], readonly Migration[]> = { sqlite: sqliteMigrations, postgres: pgMigrations };

/** The adapter's own runner, on the raw connection. */
async function runMigrations(raw: RawConnection, list: readonly Migration[]): Promise<number[]> {
  return raw.kind === 'sqlite' ? sqliteMigrate(raw.db, list) : pgMigrate(raw.db, list);
}

const hashOf = (sql: string) => createHash('sha256').update(sql).digest('hex');

describe.each(storeAdapters)('migrations: $name', (adapter) => {
  const test = it.skipIf(!adapter.available);
  const list = shipped[adapter.kind];

  test('a fresh database gets every shipped migration, each recorded with the SHA-256 of its SQL', async () => {
    const { sql } = await adapter.open();
    expect(await sql('SELECT id, name, hash FROM schema_migrations ORDER BY id')).toEqual(list.map((m) => ({ id: m.id, name: m.name, hash: hashOf(m.sql) })));
  });

  test('opening the database again applies none and leaves the records as they were', async () => {
    const { store, sql, raw, reopen } = await adapter.open();
    const before = await sql('SELECT id, name, hash, applied_at FROM schema_migrations ORDER BY id');
    await store.close();
    await reopen();
    expect(await sql('SELECT id, name, hash, applied_at FROM schema_migrations ORDER BY id')).toEqual(before);
    expect(await runMigrations(raw, list)).toEqual([]);
  });

  test('refuses a database whose recorded hash differs from the code\'s ("changed after it was applied")', async () => {
    const { store, sql, raw, reopen } = await adapter.open();
    const first = list[0]!;
    const changed = `Migration ${first.name} changed after it was applied (hash mismatch).`;
    // The code's SQL edited since it was applied…
    await expect(runMigrations(raw, list.map((m) => (m === first ? { ...m, sql: `${m.sql}\n-- edited` } : m)))).rejects.toThrow(changed);
    // …or the record: either way the hashes differ.
    await sql('UPDATE schema_migrations SET hash = $1 WHERE id = $2', ['0'.repeat(64), first.id]);
    await store.close();
    await expect(reopen()).rejects.toThrow(changed);
  });

  test('refuses a database written by a newer Hookbench (a migration id it does not know)', async () => {
    const { store, sql, reopen } = await adapter.open();
    await sql('INSERT INTO schema_migrations (id, name, hash, applied_at) VALUES ($1, $2, $3, $4)', [999, '999-future', 'x', '2099-01-01T00:00:00.000Z']);
    await store.close();
    await expect(reopen()).rejects.toThrow(/was written by a newer Hookbench \(migration 999 is unknown here\); upgrade Hookbench to open it\.$/);
  });

  test('applies new migrations on top, in id order, and records them', async () => {
    const { raw, sql } = await adapter.open();
    const later = [
      { id: 902, name: '902-second', sql: 'ALTER TABLE later_one ADD COLUMN y INTEGER;' },
      { id: 901, name: '901-first', sql: 'CREATE TABLE later_one (x INTEGER);' },
    ];
    expect(await runMigrations(raw, [...list, ...later])).toEqual([901, 902]);
    expect(await sql('SELECT id, hash FROM schema_migrations WHERE id > $1 ORDER BY id', [900])).toEqual([
      { id: 901, hash: hashOf(later[1]!.sql) },
      { id: 902, hash: hashOf(later[0]!.sql) },
    ]);
    await sql('INSERT INTO later_one (x, y) VALUES (1, 2)');
    expect(await runMigrations(raw, [...list, ...later])).toEqual([]);
  });

  test('a failing migration is rolled back whole and not recorded', async () => {
    const { raw, sql } = await adapter.open();
    const broken = { id: 900, name: '900-broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT no_such_column FROM half_done;' };
    await expect(runMigrations(raw, [...list, broken])).rejects.toThrow(/no_such_column/);
    expect(await sql('SELECT id FROM schema_migrations WHERE id = $1', [900])).toEqual([]);
    await expect(sql('SELECT x FROM half_done')).rejects.toThrow(/half_done/);
  });
});
