import { KeyFileSecretBox, SecretSealer, type SecretBox } from '../secrets/secret-box';
import type { Store } from './repositories';
import { PostgresStore } from './postgres/postgres-store';
import { SqliteStore } from './sqlite/sqlite-store';

export interface OpenStoreOptions {
  /** The data folder: the SQLite file (when no database URL is given) and the secrets key file. */
  dataDir: string;
  /** `postgres://…`: share one PostgreSQL database between several instances instead of the SQLite file. */
  databaseUrl?: string;
  /** Where new secrets are sealed (the desktop app passes the OS keychain); default: the key file. */
  secretBox?: SecretBox;
  /** better-sqlite3 addon built for the running runtime (Electron's ABI); see sqlite/db.ts. */
  nativeBinding?: string;
  /** A name for this instance in the database's connection list (PostgreSQL). */
  instanceName?: string;
}

/**
 * Opens the store the options ask for. The key file next to the data is always there too, so
 * either mode opens what the other sealed with it; on a shared database every instance needs the
 * same key file (the PostgreSQL store checks, and says so, at open).
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const keyFile = KeyFileSecretBox.open(options.dataDir);
  const sealer = options.secretBox ? new SecretSealer(options.secretBox, keyFile) : new SecretSealer(keyFile);
  // The key check uses the key file alone: it is what instances share (a desktop keychain is not).
  if (options.databaseUrl) return PostgresStore.open({ url: options.databaseUrl, sealer, keyFile: new SecretSealer(keyFile), instanceName: options.instanceName });
  return SqliteStore.open({ dataDir: options.dataDir, nativeBinding: options.nativeBinding, sealer });
}

/** True for URLs the PostgreSQL store takes (what `--database` accepts). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
