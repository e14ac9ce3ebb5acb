import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * Throwaway PostgreSQL clusters for tests: each `startPostgres()` runs its own server in a temp
 * dir on a free loopback port, with trust auth (no password) and the `postgres` superuser. Tests
 * take a fresh database each (`createDatabase()`) so they never see each other's rows.
 */

/** The bin dir of the newest installed PostgreSQL (Debian layout), or null. */
function binDir() {
  const root = '/usr/lib/postgresql';
  let versions;
  try {
    versions = fs.readdirSync(root);
  } catch {
    return null;
  }
  const found = versions
    .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  const newest = found[0];
  return newest === undefined ? null : path.join(root, newest, 'bin');
}

/** Whether PostgreSQL server binaries are installed here (tests skip otherwise). */
export function pgAvailable() {
  return binDir() !== null;
}

const isRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: run its tools as the `postgres` user then. */
function asServerUser(file, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Servers still running, stopped when the test process exits without calling stop(). */
const running = new Set();
process.once('exit', () => {
  for (const stopNow of running) stopNow();
});

let databaseCounter = 0;

/** @returns {Promise<import('./pg-cluster.d.mts').PgServer>} */
export async function startPostgres() {
  const bin = binDir();
  if (!bin) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install the Debian package `postgresql`');
  }
  // root/data is the cluster, root itself holds the socket and the server log.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-pg-'));
  const data = path.join(root, 'data');
  if (isRoot) {
    const { uid, gid } = serverUser();
    fs.chownSync(root, uid, gid);
  }
  const removeRoot = () => fs.rmSync(root, { recursive: true, force: true });
  try {
    // --no-sync: a test cluster need not survive a machine crash; it makes initdb several times faster.
    await run(...asServerUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']));
  } catch (error) {
    removeRoot();
    throw new Error(`initdb failed: ${describe(error)}`);
  }

  const pgCtl = path.join(bin, 'pg_ctl');
  let port = 0;
  // Another process may grab the free port between our probe and the server's bind: try again then.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${root} -c fsync=on -c max_connections=200`;
    try {
      await run(...asServerUser(pgCtl, ['-D', data, '-l', path.join(root, 'server.log'), '-o', options, '-w', 'start']));
      break;
    } catch (error) {
      if (attempt >= 3) {
        const log = readOr(path.join(root, 'server.log'));
        removeRoot();
        throw new Error(`pg_ctl start failed: ${describe(error)}\n${log}`);
      }
    }
  }

  const stopNow = () => {
    try {
      execFileSync(...asServerUser(pgCtl, ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    } catch {
      // Already stopped.
    }
    removeRoot();
  };
  running.add(stopNow);

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase() {
      const name = `hb_${process.pid}_${++databaseCounter}_${Date.now().toString(36)}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(stopNow);
      try {
        await run(...asServerUser(pgCtl, ['-D', data, '-m', 'immediate', 'stop']));
      } catch {
        // Already stopped: removing the files is what is left.
      }
      removeRoot();
    },
  };
}

function serverUser() {
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root but there is no `postgres` user to run PostgreSQL as');
  return { uid, gid };
}

function describe(error) {
  const e = error;
  return [e.message, e.stderr].filter(Boolean).join('\n');
}

function readOr(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
