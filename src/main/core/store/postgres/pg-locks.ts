import pg from 'pg';
import type { SingletonLock } from '../repositories';

export interface PgLockOptions {
  /** Called once if the lock's connection drops while held: the lock is gone, another instance may take it. */
  onLost?: (error: Error) => void;
  /** Names the lock's connection in pg_stat_activity. */
  applicationName?: string;
}

/**
 * The lock named `name` if no other instance holds it, else null. A session-level advisory lock
 * on a connection of its own, held for the lock's life: not a pool connection, since the pool
 * would hand it to other work (and release nothing), and so that a killed process's connection
 * ends and PostgreSQL frees its locks at once. `keepAlive` lets a silently vanished peer's
 * connection be noticed too (on the server, after its TCP keepalive settings).
 */
export async function tryLock(url: string, name: string, options: PgLockOptions = {}): Promise<SingletonLock | null> {
  const client = new pg.Client({ connectionString: url, application_name: options.applicationName ?? 'hookbench-lock', keepAlive: true });
  let held = false;
  let released = false;
  const drop = (error: Error) => {
    if (!held || released) return;
    held = false;
    client.end().catch(() => undefined);
    options.onLost?.(error);
  };
  // Attached before connecting: an unhandled 'error' on an idle client would crash the process.
  client.on('error', drop);
  client.on('end', () => drop(new Error('lock connection ended')));

  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext('hookbench:' || $1)) AS ok`, [name]);
    held = rows[0]?.ok === true;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  if (!held) {
    await client.end().catch(() => undefined);
    return null;
  }
  return {
    async release() {
      if (released) return;
      released = true;
      if (held) {
        held = false;
        // Ending the session frees the lock anyway; unlocking first just says so explicitly.
        await client.query(`SELECT pg_advisory_unlock(hashtext('hookbench:' || $1))`, [name]).catch(() => undefined);
      }
      await client.end().catch(() => undefined);
    },
  };
}
