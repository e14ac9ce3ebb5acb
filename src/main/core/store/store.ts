import type { Database } from 'better-sqlite3';
import { KeyFileSecretBox, type SecretBox } from '../secrets/secret-box';
import { openDb, type OpenDbOptions } from './db';
import { FtsIndexer } from './fts-indexer';
import { EndpointSecretsRepo } from './repos/endpoint-secrets-repo';
import { EndpointsRepo } from './repos/endpoints-repo';
import { FtsIndexRepo } from './repos/fts-index-repo';
import { RequestsRepo } from './repos/requests-repo';
import { SendsRepo } from './repos/sends-repo';

/** The store: one database, its repositories, and an orderly close. */
export class Store {
  readonly requests: RequestsRepo;
  readonly endpoints: EndpointsRepo;
  readonly secrets: EndpointSecretsRepo;
  readonly sends: SendsRepo;
  readonly searchIndex: FtsIndexer;

  private constructor(
    private readonly db: Database,
    box: SecretBox,
  ) {
    const ftsRepo = new FtsIndexRepo(db);
    this.searchIndex = new FtsIndexer(ftsRepo);
    this.requests = new RequestsRepo(db, this.searchIndex);
    this.endpoints = new EndpointsRepo(db);
    this.secrets = new EndpointSecretsRepo(db, box);
    this.sends = new SendsRepo(db);
    this.requests.setRetention(this.endpoints.retention());
    // Requests captured before a crash (or by an older version) may still be unindexed.
    if (ftsRepo.behind()) this.searchIndex.nudge();
  }

  /** `secretBox` defaults to a key file next to the database (headless mode). */
  static open(options: OpenDbOptions & { secretBox?: SecretBox }): Store {
    return new Store(openDb(options), options.secretBox ?? KeyFileSecretBox.open(options.dataDir));
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
