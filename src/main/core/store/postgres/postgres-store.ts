import type { SecretSealer } from '../../secrets/secret-box';
import type { SingletonLock, Store } from '../repositories';
import { TeamLinkRepo } from '../team-link-repo';
import { PgAuditRepo } from './audit-repo';
import { PgDeliveriesRepo } from './deliveries-repo';
import { PgEndpointSecretsRepo } from './endpoint-secrets-repo';
import { PgEndpointsRepo } from './endpoints-repo';
import { checkSharedKey } from './key-check';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { openPgCluster, type PgClusterChannel } from './pg-cluster';
import { createPgDatabase, redactUrl, type PgDatabase } from './pg-database';
import { tryLock } from './pg-locks';
import { PgRequestsRepo } from './requests-repo';
import { PgSchemasRepo } from './schemas-repo';
import { PgSendsRepo } from './sends-repo';
import { PgSettingsRepo } from './settings-repo';
import { PgTargetsRepo } from './targets-repo';
import { PgTokensRepo } from './tokens-repo';

export interface PostgresStoreOptions {
  url: string;
  sealer: SecretSealer;
  /** Seals with the key file only: the shared-key check must not depend on a keychain one instance has. */
  keyFile: SecretSealer;
  /** Shown in pg_stat_activity, to tell instances apart. */
  instanceName?: string;
}

/**
 * The shared store: one PostgreSQL database that several Hookbench instances use at once. Opening
 * migrates (one instance at a time, under an advisory lock), checks that this instance seals
 * secrets with the same key as the others, and starts listening for the other instances' pushes.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly shared = true;
  readonly location: string;
  readonly requests: PgRequestsRepo;
  readonly schemas: PgSchemasRepo;
  readonly endpoints: PgEndpointsRepo;
  readonly secrets: PgEndpointSecretsRepo;
  readonly sends: PgSendsRepo;
  readonly settings: PgSettingsRepo;
  readonly targets: PgTargetsRepo;
  readonly deliveries: PgDeliveriesRepo;
  readonly tokens: PgTokensRepo;
  readonly audit: PgAuditRepo;
  readonly teamLink: TeamLinkRepo;
  private closed = false;

  private constructor(
    private readonly db: PgDatabase,
    private readonly url: string,
    readonly cluster: PgClusterChannel,
    sealer: SecretSealer,
  ) {
    this.location = redactUrl(url);
    this.requests = new PgRequestsRepo(db);
    this.schemas = new PgSchemasRepo(db);
    this.endpoints = new PgEndpointsRepo(db);
    this.secrets = new PgEndpointSecretsRepo(db, sealer);
    this.sends = new PgSendsRepo(db);
    this.settings = new PgSettingsRepo(db);
    this.targets = new PgTargetsRepo(db, sealer);
    this.deliveries = new PgDeliveriesRepo(db);
    this.tokens = new PgTokensRepo(db);
    this.audit = new PgAuditRepo(db);
    this.teamLink = new TeamLinkRepo(this.settings, sealer);
  }

  static async open({ url, sealer, keyFile, instanceName }: PostgresStoreOptions): Promise<PostgresStore> {
    const applicationName = instanceName ? `hookbench ${instanceName}` : 'hookbench';
    const db = createPgDatabase(url, { applicationName });
    try {
      await migrate(db, migrations);
      await checkSharedKey(db, keyFile);
      const cluster = await openPgCluster(db, url, { applicationName: `${applicationName} push` });
      return new PostgresStore(db, url, cluster, sealer);
    } catch (error) {
      await db.pool.end().catch(() => undefined);
      throw error;
    }
  }

  tryLock(name: string): Promise<SingletonLock | null> {
    return tryLock(this.url, name, { applicationName: `hookbench lock ${name}` });
  }

  /** Commits queued captures, stops listening, and closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.requests.flush();
    await this.cluster.close();
    await this.db.pool.end();
  }
}
