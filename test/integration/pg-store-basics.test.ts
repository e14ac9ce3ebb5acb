import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE } from '../../src/shared/endpoint-schemas';
import { KeyFileSecretBox, SecretSealer } from '../../src/main/core/secrets/secret-box';
import { PgEndpointSecretsRepo } from '../../src/main/core/store/postgres/endpoint-secrets-repo';
import { PgEndpointsRepo } from '../../src/main/core/store/postgres/endpoints-repo';
import { checkSharedKey, SharedKeyError } from '../../src/main/core/store/postgres/key-check';
import { migrate } from '../../src/main/core/store/postgres/migrate';
import { migrations } from '../../src/main/core/store/postgres/migrations';
import { MAX_CLUSTER_MESSAGE_BYTES, openPgCluster, type PgClusterChannel } from '../../src/main/core/store/postgres/pg-cluster';
import { createPgDatabase, type PgDatabase } from '../../src/main/core/store/postgres/pg-database';
import { tryLock } from '../../src/main/core/store/postgres/pg-locks';
import { pgAvailable, startPostgres, type PgServer } from '../helpers/postgres';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

let server: PgServer;
const opened: { end(): Promise<unknown> }[] = [];

/** A pool on a fresh database, closed after the test. */
function pool(url: string): PgDatabase {
  const db = createPgDatabase(url);
  opened.push(db.pool);
  return db;
}

async function migrated(): Promise<{ url: string; db: PgDatabase }> {
  const url = await server.createDatabase();
  const db = pool(url);
  await migrate(db, migrations);
  return { url, db };
}

const sealer = () => new SecretSealer(KeyFileSecretBox.open(tempDir()));

/** The first row of a query (tests only ask ones that return one). */
async function one(db: PgDatabase, sql: string, params?: unknown[]): Promise<Record<string, unknown>> {
  const row = (await db.query(sql, params)).rows[0];
  if (!row) throw new Error(`no row from ${sql}`);
  return row;
}

/** Ends the backends of `applicationName` on this database, as a crash or a network cut would. */
async function terminate(db: PgDatabase, applicationName: string): Promise<number> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pg_terminate_backend(pid) AS ok, pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
    [applicationName],
  );
  return rows.length;
}

/**
 * What only the PostgreSQL store has: several instances at once on one database (concurrent
 * migrators and secret replaces), the cluster channel, singleton locks and the shared key check.
 * The repositories' behaviour, the same on both adapters, is in test/integration/store-contract.
 */
describe.skipIf(!pgAvailable())('PostgreSQL store basics', () => {
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.end().catch(() => undefined)));
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('migrations', () => {
    // What both runners share (hashes, refusals, rollback) is in store-contract/migrations.test.ts.
    it('apply once when four instances start at the same time on one fresh database', async () => {
      const url = await server.createDatabase();
      const results = await Promise.all([1, 2, 3, 4].map(() => migrate(pool(url), migrations)));
      expect(results.filter((ran) => ran.length > 0)).toEqual([migrations.map((m) => m.id)]);
      expect((await one(pool(url), 'SELECT count(*) AS n FROM schema_migrations')).n).toBe(migrations.length);
      // And again: nothing left to do.
      expect(await migrate(pool(url), migrations)).toEqual([]);
    });
  });

  describe('endpoint secrets', () => {
    // The rest of the repository's behaviour is in store-contract/endpoints-and-settings.test.ts.
    it('concurrent replaces leave one whole set, never a mix', async () => {
      const { db } = await migrated();
      const secrets = new PgEndpointSecretsRepo(db, sealer());
      await new PgEndpointsRepo(db).save({ slug: 'e', name: 'e', response: DEFAULT_RESPONSE, forwardUrl: null, proxy: false, scheme: null, customScheme: null, createdAt: new Date().toISOString() });
      await Promise.all([secrets.replace('e', ['a1', 'a2']), secrets.replace('e', ['b1', 'b2']), secrets.replace('e', ['c1', 'c2'])]);
      expect([['a1', 'a2'], ['b1', 'b2'], ['c1', 'c2']]).toContainEqual(await secrets.reveal('e'));
    });
  });

  describe('cluster channel', () => {
    const channels: PgClusterChannel[] = [];
    afterEach(async () => {
      await Promise.all(channels.splice(0).map((c) => c.close()));
    });

    it('delivers from one instance to another, not to itself, and comes back after its connection is cut', async () => {
      const { url, db } = await migrated();
      const logs: string[] = [];
      const a = await openPgCluster(pool(url), url, { applicationName: 'listen-a', log: () => undefined });
      const b = await openPgCluster(pool(url), url, { applicationName: 'listen-b', log: (line) => logs.push(line), retry: { minMs: 20, maxMs: 200 } });
      channels.push(a, b);
      const atA: string[] = [];
      const atB: string[] = [];
      a.subscribe((m) => atA.push(m));
      const unsubscribe = b.subscribe((m) => atB.push(m));

      await a.publish('hello {"kind":"request"} ünïcode');
      await until(() => atB.length === 1, 'B receives');
      expect(atB).toEqual(['hello {"kind":"request"} ünïcode']);

      expect(await terminate(db, 'listen-b')).toBe(1);
      // Published until one arrives: those sent while B reconnects are lost, by design.
      let n = 0;
      await until(async () => {
        await a.publish(`after-${++n}`);
        return atB.some((m) => m.startsWith('after-'));
      }, 'B to listen again');
      await a.publish('later');
      await until(() => atB.includes('later'), 'a later message');
      expect(logs.filter((l) => l.includes('lost the database notification connection'))).toHaveLength(1);
      expect(logs.some((l) => l.includes('restored'))).toBe(true);
      expect(logs.join('\n')).not.toContain('postgres://');

      // B → A works too; nobody hears itself.
      await b.publish('from b');
      await until(() => atA.includes('from b'), 'A receives');
      expect(atA).toEqual(['from b']);

      unsubscribe();
      await a.publish('unheard');
      await b.publish('sync');
      await until(() => atA.includes('sync'), 'A receives the sync');
      expect(atB).not.toContain('unheard');
    });

    it('keeps retrying through a longer outage, and says so once', async () => {
      const { url, db } = await migrated();
      const name = new URL(url).pathname.slice(1);
      const logs: string[] = [];
      const a = await openPgCluster(pool(url), url, { log: () => undefined });
      const b = await openPgCluster(pool(url), url, { applicationName: 'listen-b', log: (line) => logs.push(line), retry: { minMs: 10, maxMs: 40 } });
      channels.push(a, b);
      const atB: string[] = [];
      b.subscribe((m) => atB.push(m));
      // Refuse new connections (superusers too) so every retry fails for a while.
      const admin = pool(server.url);
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await terminate(db, 'listen-b');
      await new Promise((resolve) => setTimeout(resolve, 400));
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      let n = 0;
      await until(async () => {
        await a.publish(`back-${++n}`);
        return atB.length > 0;
      }, 'B to listen again');
      expect(logs.filter((l) => l.includes('lost the database notification connection'))).toHaveLength(1);
      expect(logs.filter((l) => l.includes('restored'))).toHaveLength(1);
    });

    it('takes a message up to the NOTIFY limit and refuses a longer one', async () => {
      const { url } = await migrated();
      const a = await openPgCluster(pool(url), url);
      const b = await openPgCluster(pool(url), url);
      channels.push(a, b);
      const atB: string[] = [];
      b.subscribe((m) => atB.push(m));
      const biggest = 'é'.repeat(Math.floor(MAX_CLUSTER_MESSAGE_BYTES / 2)) + (MAX_CLUSTER_MESSAGE_BYTES % 2 ? 'x' : '');
      expect(Buffer.byteLength(biggest)).toBe(MAX_CLUSTER_MESSAGE_BYTES);
      await a.publish(biggest);
      await until(() => atB.length === 1, 'the biggest message');
      expect(atB[0]).toBe(biggest);
      await expect(a.publish(`${biggest}x`)).rejects.toThrow(/too large for PostgreSQL NOTIFY.*limit is \d+; publish a reference instead/);
    });
  });

  describe('singleton locks', () => {
    it('lets one holder at a time have a name, and frees it on release', async () => {
      const { url } = await migrated();
      const first = await tryLock(url, 'tunnel');
      expect(first).not.toBeNull();
      expect(await tryLock(url, 'tunnel')).toBeNull();
      const other = await tryLock(url, 'retention');
      expect(other).not.toBeNull();
      await first!.release();
      await first!.release();
      const second = await tryLock(url, 'tunnel');
      expect(second).not.toBeNull();
      await Promise.all([second!.release(), other!.release()]);
    });

    it("frees a lock when its holder's connection ends (a killed instance)", async () => {
      const { url, db } = await migrated();
      let lost: Error | null = null;
      const held = await tryLock(url, 'tunnel', { applicationName: 'lock-holder', onLost: (error) => (lost = error) });
      expect(held).not.toBeNull();
      expect(await tryLock(url, 'tunnel')).toBeNull();
      expect(await terminate(db, 'lock-holder')).toBe(1);
      let taken: Awaited<ReturnType<typeof tryLock>> = null;
      await until(async () => (taken = await tryLock(url, 'tunnel')) !== null, 'the lock to be free');
      await until(() => lost !== null, 'the holder to hear it lost the lock');
      await held!.release();
      await taken!.release();
    });

    it('keeps locks apart per database', async () => {
      const one = await tryLock((await migrated()).url, 'tunnel');
      const two = await tryLock((await migrated()).url, 'tunnel');
      // Advisory locks are cluster-wide, keyed by database too: another database's "tunnel" is free.
      expect(one).not.toBeNull();
      expect(two).not.toBeNull();
      await Promise.all([one!.release(), two!.release()]);
    });
  });

  describe('shared key check', () => {
    it('passes for instances with the same key and refuses another key clearly', async () => {
      const { db } = await migrated();
      const keyDir = tempDir();
      await checkSharedKey(db, new SecretSealer(KeyFileSecretBox.open(keyDir)));
      const stored = (await one(db, `SELECT value FROM settings WHERE key = 'secretsKeyCheck'`)).value;
      await checkSharedKey(db, new SecretSealer(KeyFileSecretBox.open(keyDir)));
      // The first check stays.
      expect((await one(db, `SELECT value FROM settings WHERE key = 'secretsKeyCheck'`)).value).toBe(stored);
      const other = checkSharedKey(db, sealer());
      await expect(other).rejects.toBeInstanceOf(SharedKeyError);
      await expect(checkSharedKey(db, sealer())).rejects.toThrow(
        "This database's secrets were sealed with another key: give every instance the same key file (copy secrets.key from the first instance's data folder)",
      );
    });

    it('lets exactly one of two instances with different keys through when they start together', async () => {
      const { db } = await migrated();
      const results = await Promise.allSettled([checkSharedKey(db, sealer()), checkSharedKey(db, sealer())]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    });

    it('refuses a damaged check value', async () => {
      const { db } = await migrated();
      await db.query(`INSERT INTO settings (key, value) VALUES ('secretsKeyCheck', '"not base64 sealed"')`);
      await expect(checkSharedKey(db, sealer())).rejects.toBeInstanceOf(SharedKeyError);
    });
  });
});

