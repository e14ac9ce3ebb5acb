import fs from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pgAvailable, startPostgres } from '../helpers/postgres';

describe.skipIf(!pgAvailable())('test/helpers/postgres', () => {
  it('starts a cluster, makes separate databases, and removes everything on stop', async () => {
    const server = await startPostgres();
    let dataDir = '';
    try {
      const first = await server.createDatabase();
      const second = await server.createDatabase();
      expect(first).not.toBe(second);
      expect(first).toMatch(new RegExp(`^postgres://postgres@127\\.0\\.0\\.1:${server.port}/`));

      const a = new pg.Client({ connectionString: first });
      const b = new pg.Client({ connectionString: second });
      await Promise.all([a.connect(), b.connect()]);
      try {
        await a.query('CREATE TABLE t (x int)');
        await a.query('INSERT INTO t VALUES (42)');
        expect((await a.query('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
        // A fresh database: the other one's table is not there.
        expect((await b.query(`SELECT to_regclass('t') AS t`)).rows[0].t).toBeNull();
        dataDir = (await a.query('SHOW data_directory')).rows[0].data_directory as string;
      } finally {
        await Promise.all([a.end(), b.end()]);
      }
      expect(fs.existsSync(dataDir)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
