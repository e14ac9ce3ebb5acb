/**
 * Throwaway PostgreSQL clusters for tests: each `startPostgres()` runs its own server in a temp
 * dir on a free loopback port (initdb as the `postgres` user when running as root). Tests take a
 * fresh database each (`createDatabase()`) so they never see each other's rows. The code lives in
 * scripts/ because the benchmarks start clusters the same way.
 */
export { pgAvailable, startPostgres, type PgServer } from '../../scripts/pg-cluster.mjs';
