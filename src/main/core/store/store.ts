import type { Database } from 'better-sqlite3';
import { openDb, type OpenDbOptions } from './db';
import { FtsIndexer } from './fts-indexer';
import { FtsIndexRepo } from './repos/fts-index-repo';
import { RequestsRepo } from './repos/requests-repo';

/** The store: one database, its repositories, and an orderly close. */
export class Store {
  readonly requests: RequestsRepo;
  readonly searchIndex: FtsIndexer;

  private constructor(private readonly db: Database) {
    const ftsRepo = new FtsIndexRepo(db);
    this.searchIndex = new FtsIndexer(ftsRepo);
    this.requests = new RequestsRepo(db, this.searchIndex);
    // Requests captured before a crash (or by an older version) may still be unindexed.
    if (ftsRepo.behind()) this.searchIndex.nudge();
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
    this.searchIndex.stop();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
