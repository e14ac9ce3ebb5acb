import type { Database } from 'better-sqlite3';
import { KeyFileSecretBox, SecretSealer, type SecretBox } from '../secrets/secret-box';
import { openDb, type OpenDbOptions } from './db';
import { FtsIndexer } from './fts-indexer';
import { EndpointSecretsRepo } from './repos/endpoint-secrets-repo';
import { EndpointsRepo } from './repos/endpoints-repo';
import { FtsIndexRepo } from './repos/fts-index-repo';
import { RequestsRepo } from './repos/requests-repo';
import { SendsRepo } from './repos/sends-repo';
import { SettingsRepo } from './repos/settings-repo';
import { DeliveriesRepo } from './repos/deliveries-repo';
import { TargetsRepo } from './repos/targets-repo';
import { TokensRepo } from './repos/tokens-repo';
import { AuditRepo } from './repos/audit-repo';
import { TeamLinkRepo } from './repos/team-link-repo';

/** The store: one database, its repositories, and an orderly close. */
export class Store {
  readonly requests: RequestsRepo;
  readonly endpoints: EndpointsRepo;
  readonly secrets: EndpointSecretsRepo;
  readonly sends: SendsRepo;
  readonly settings: SettingsRepo;
  readonly targets: TargetsRepo;
  readonly deliveries: DeliveriesRepo;
  readonly tokens: TokensRepo;
  readonly audit: AuditRepo;
  readonly teamLink: TeamLinkRepo;
  readonly searchIndex: FtsIndexer;

  private constructor(
    private readonly db: Database,
    sealer: SecretSealer,
  ) {
    const ftsRepo = new FtsIndexRepo(db);
    this.searchIndex = new FtsIndexer(ftsRepo);
    this.requests = new RequestsRepo(db, this.searchIndex);
    this.endpoints = new EndpointsRepo(db);
    this.secrets = new EndpointSecretsRepo(db, sealer);
    this.sends = new SendsRepo(db);
    this.settings = new SettingsRepo(db);
    this.targets = new TargetsRepo(db, sealer);
    this.deliveries = new DeliveriesRepo(db);
    this.tokens = new TokensRepo(db);
    this.audit = new AuditRepo(db);
    this.teamLink = new TeamLinkRepo(this.settings, sealer);
    this.requests.setRetention(this.endpoints.retention());
    // Requests captured before a crash (or by an older version) may still be unindexed.
    if (ftsRepo.behind()) this.searchIndex.nudge();
  }

  /**
   * `secretBox` is where new secrets are sealed (the desktop app passes the OS keychain); the key
   * file next to the database is always there too, so either mode opens what the other sealed
   * with it.
   */
  static open(options: OpenDbOptions & { secretBox?: SecretBox }): Store {
    const keyFile = KeyFileSecretBox.open(options.dataDir);
    const sealer = options.secretBox ? new SecretSealer(options.secretBox, keyFile) : new SecretSealer(keyFile);
    return new Store(openDb(options), sealer);
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
