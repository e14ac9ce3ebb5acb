/**
 * Throwaway PostgreSQL clusters (scripts/pg-cluster.mjs), for tests and benchmarks: each
 * `startPostgres()` runs its own server in a temp dir on a free loopback port, with trust auth
 * and the `postgres` superuser.
 */
export interface PgServer {
  /** The `postgres` database as the superuser. */
  readonly url: string;
  readonly port: number;
  /** A fresh, empty database with a unique name; returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server at once (no checkpoint) and removes its files. */
  stop(): Promise<void>;
}

export function startPostgres(): Promise<PgServer>;
/** Whether PostgreSQL server binaries are installed here. */
export function pgAvailable(): boolean;
