import type { Database } from 'better-sqlite3';
import type { SecretSealer } from '../../secrets/secret-box';
import type { ClusterChannel, SingletonLock, Store } from '../repositories';
import { TeamLinkRepo } from '../team-link-repo';
import { openDb, type OpenDbOptions } from './db';
import { FtsIndexer } from './fts-indexer';
import { AuditRepo } from './audit-repo';
import { DeliveriesRepo } from './deliveries-repo';
import { EndpointSecretsRepo } from './endpoint-secrets-repo';
import { EndpointsRepo } from './endpoints-repo';
import { FtsIndexRepo } from './fts-index-repo';
import { RequestsRepo } from './requests-repo';
import { SchemasRepo } from './schemas-repo';
import { SendsRepo } from './sends-repo';
import { SettingsRepo } from './settings-repo';
import { TargetsRepo } from './targets-repo';
import { TokensRepo } from './tokens-repo';

/** One process per SQLite file: nothing to tell other instances, and every singleton is ours. */
const noCluster: ClusterChannel = {
  publish: async () => undefined,
  subscribe: () => () => undefined,
};

/** The embedded store: one SQLite file in the data folder. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly shared = false;
  readonly cluster = noCluster;
  readonly requests: RequestsRepo;
  readonly schemas: SchemasRepo;
  readonly endpoints: EndpointsRepo;
  readonly secrets: EndpointSecretsRepo;
  readonly sends: SendsRepo;
  readonly settings: SettingsRepo;
  readonly targets: TargetsRepo;
  readonly deliveries: DeliveriesRepo;
  readonly tokens: TokensRepo;
  readonly audit: AuditRepo;
  readonly teamLink: TeamLinkRepo;
  private readonly searchIndex: FtsIndexer;

  private constructor(
    private readonly db: Database,
    sealer: SecretSealer,
  ) {
    const ftsRepo = new FtsIndexRepo(db);
    this.searchIndex = new FtsIndexer(ftsRepo);
    this.requests = new RequestsRepo(db, this.searchIndex);
    this.schemas = new SchemasRepo(db);
    this.endpoints = new EndpointsRepo(db);
    this.secrets = new EndpointSecretsRepo(db, sealer);
    this.sends = new SendsRepo(db);
    this.settings = new SettingsRepo(db);
    this.targets = new TargetsRepo(db, sealer);
    this.deliveries = new DeliveriesRepo(db);
    this.tokens = new TokensRepo(db);
    this.audit = new AuditRepo(db);
    this.teamLink = new TeamLinkRepo(this.settings, sealer);
    // Requests captured before a crash (or by an older version) may still be unindexed.
    if (ftsRepo.behind()) this.searchIndex.nudge();
  }

  /**
   * Opens (creating and migrating) the database, and applies the stored retention policy: on
   * SQLite it is enforced inside every capture's transaction, so the file never holds more.
   */
  static async open(options: OpenDbOptions & { sealer: SecretSealer }): Promise<SqliteStore> {
    const store = new SqliteStore(openDb(options), options.sealer);
    await store.requests.applyRetention(await store.endpoints.retention());
    return store;
  }

  /** The database file. */
  get location(): string {
    return this.db.name;
  }

  async tryLock(): Promise<SingletonLock> {
    return { release: async () => undefined };
  }

  /** Commits pending writes, checkpoints the WAL into the main file, and closes. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.requests.flush();
    this.searchIndex.stop();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
