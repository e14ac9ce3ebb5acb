import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterAll, afterEach } from 'vitest';
import type { SecretBox } from '../../src/main/core/secrets/secret-box';
import { openStore } from '../../src/main/core/store/open-store';
import { createPgDatabase, type PgDatabase } from '../../src/main/core/store/postgres/pg-database';
import type { Store } from '../../src/main/core/store/repositories';
import { pgAvailable, startPostgres, type PgServer } from './postgres';
import { tempDir } from './temp-dir';

/**
 * Both store adapters for the contract suites (test/integration/store-contract): `describe.each`
 * over `storeAdapters` runs one set of tests on a real SQLite file in a temp dir and on a fresh
 * PostgreSQL database, each opened by `openStore` as the app opens it. PostgreSQL runs one
 * throwaway cluster per test file, started on first use and stopped after the file; without
 * PostgreSQL installed its half of a suite is skipped.
 */

let cluster: Promise<PgServer> | null = null;
afterAll(async () => {
  if (cluster) await (await cluster).stop();
});

/** A fresh, empty database on this test file's cluster; returns its URL. */
export async function freshPgDatabase(): Promise<string> {
  cluster ??= startPostgres();
  return (await cluster).createDatabase();
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A connection of its own beside the store, for what the port cannot set up or show. */
export type RawConnection = { kind: 'sqlite'; db: Database } | { kind: 'postgres'; db: PgDatabase };

/** Runs one statement on a raw connection; placeholders are `$1`, `$2`… on both adapters. */
export async function rawQuery(raw: RawConnection, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (raw.kind === 'postgres') return (await raw.db.query(sql, params)).rows;
  const statement = raw.db.prepare(sql);
  // better-sqlite3 takes `$1` as a parameter named "1".
  const args = params.length > 0 ? [Object.fromEntries(params.map((value, i) => [i + 1, value]))] : [];
  if (statement.reader) return statement.all(...args) as Record<string, unknown>[];
  statement.run(...args);
  return [];
}

export interface OpenedStore {
  store: Store;
  /** The same database through a connection of its own (rows a newer version or another mode wrote). */
  raw: RawConnection;
  /** `rawQuery` on `raw`. */
  sql(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Opens the same database and data folder again, as a restart would (closed after the test). */
  reopen(options?: { secretBox?: SecretBox }): Promise<Store>;
}

export interface StoreAdapter {
  name: 'SQLite' | 'PostgreSQL';
  kind: Store['kind'];
  available: boolean;
  /** A fresh database, migrated and opened by `openStore`; closed after the test. */
  open(options?: { secretBox?: SecretBox }): Promise<OpenedStore>;
}

async function openOn(dataDir: string, databaseUrl: string | undefined, rawOf: (store: Store) => RawConnection, options: { secretBox?: SecretBox }): Promise<OpenedStore> {
  const reopen = async (again: { secretBox?: SecretBox } = {}) => {
    const store = await openStore({ dataDir, databaseUrl, ...again });
    cleanups.push(() => store.close());
    return store;
  };
  const store = await reopen(options);
  const raw = rawOf(store);
  cleanups.push(async () => (raw.kind === 'sqlite' ? raw.db.close() : raw.db.pool.end()));
  return { store, raw, sql: (sql, params) => rawQuery(raw, sql, params), reopen };
}

export const storeAdapters: StoreAdapter[] = [
  {
    name: 'SQLite',
    kind: 'sqlite',
    available: true,
    // The store's location is its file.
    open: (options = {}) => openOn(tempDir(), undefined, (store) => ({ kind: 'sqlite', db: new BetterSqlite3(store.location) }), options),
  },
  {
    name: 'PostgreSQL',
    kind: 'postgres',
    available: pgAvailable(),
    async open(options = {}) {
      const url = await freshPgDatabase();
      return openOn(tempDir(), url, () => ({ kind: 'postgres', db: createPgDatabase(url, { max: 2 }) }), options);
    },
  },
];
