import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations';

export interface OpenDbOptions {
  /** Folder that holds `hookbench.sqlite`; created if missing. */
  dataDir: string;
  /**
   * Path to a better-sqlite3 native addon built for the running runtime. Electron needs its own
   * ABI build (see scripts/build-electron-sqlite.mjs); under Node the package's own build is used.
   */
  nativeBinding?: string;
}

export const DB_FILE = 'hookbench.sqlite';

export function openDb({ dataDir, nativeBinding }: OpenDbOptions): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(path.join(dataDir, DB_FILE), nativeBinding ? { nativeBinding } : {});
  // WAL lets readers (the UI) run while the receiver writes. NORMAL keeps every committed
  // transaction across an application crash (only an OS crash can lose the last ones) and is what
  // makes group commit cheap.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (error) {
    // A refused database (newer version, changed migration) must not stay open behind the error.
    db.close();
    throw error;
  }
  return db;
}
