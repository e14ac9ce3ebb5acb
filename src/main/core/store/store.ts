import type { Database } from 'better-sqlite3';
import { openDb, type OpenDbOptions } from './db';
import { RequestsRepo } from './repos/requests-repo';

/** The store: one database, its repositories, and an orderly close. */
export class Store {
  readonly requests: RequestsRepo;

  private constructor(private readonly db: Database) {
    this.requests = new RequestsRepo(db);
  }

  static open(options: OpenDbOptions): Store {
    return new Store(openDb(options));
  }

  /** The database file (for diagnostics and tests). */
  get path(): string {
    return this.db.name;
  }

  /** Commits pending writes, checkpoints the WAL into the main file, and closes. */
  close(): void {
    if (!this.db.open) return;
    this.requests.flush();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
