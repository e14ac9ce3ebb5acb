import pg from 'pg';

/**
 * The PostgreSQL connection pool, set up the way every repository expects: BIGINT (int8) and
 * COUNT(*) come back as JS numbers (ids and millisecond times stay far below 2^53), NUMERIC too
 * (sums of sizes), and `bytea` as Buffer (pg's default).
 */
export interface PgDatabase {
  readonly pool: pg.Pool;
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    // 20 = int8, 1700 = numeric.
    if (oid === 20 || oid === 1700) return (value: string) => (value === null ? null : Number(value));
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function createPgDatabase(url: string, options: { max?: number; applicationName?: string } = {}): PgDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, application_name: options.applicationName ?? 'hookbench' });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => process.stderr.write(`hookbench: database connection lost: ${error.message}\n`));
  return {
    pool,
    query: (sql, params) => pool.query(sql, params),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        // A transaction an error left aborted answers COMMIT with ROLLBACK and no error: never
        // report that as done (a capture would be acknowledged without being stored).
        const done = await client.query('COMMIT');
        if (done.command !== 'COMMIT') throw new Error(`the transaction was rolled back (${done.command})`);
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** The URL with its password masked, for messages and `Store.location` (never log a password). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
