import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ClusterChannel } from '../repositories';
import type { PgDatabase } from './pg-database';

/** The NOTIFY channel every instance of a database listens on. */
export const PUSH_CHANNEL = 'hookbench_push';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (default build). */
const MAX_PAYLOAD_BYTES = 7999;

/** Each payload starts with its sender's id and a space, so an instance can skip its own messages. */
const SENDER_ID_LENGTH = 12;

/** The largest message (UTF-8 bytes) `publish` takes; anything bigger should go as a reference to stored data. */
export const MAX_CLUSTER_MESSAGE_BYTES = MAX_PAYLOAD_BYTES - SENDER_ID_LENGTH - 1;

export interface PgClusterOptions {
  /** Names the listening connection in pg_stat_activity (tests pick it out by this). */
  applicationName?: string;
  /** Where outages are reported (stderr by default); never given the URL. */
  log?: (line: string) => void;
  /** Reconnect delays: doubling from `minMs` up to `maxMs`. */
  retry?: { minMs: number; maxMs: number };
}

export interface PgClusterChannel extends ClusterChannel {
  /** Stops listening for good and ends the listening connection. */
  close(): Promise<void>;
}

/**
 * Resolves once the channel is listening, so whatever is published after this reaches it. Fails
 * when the database cannot be reached at all; a connection lost later is re-made in the background.
 */
export async function openPgCluster(db: PgDatabase, url: string, options: PgClusterOptions = {}): Promise<PgClusterChannel> {
  const channel = new PgCluster(db, url, options);
  await channel.start();
  return channel;
}

/**
 * Messages between the instances of one database over LISTEN/NOTIFY. Publishing goes through the
 * pool (any connection will do); listening needs a connection of its own, held open, which is not
 * taken from the pool so that a busy pool never delays a push and the pool never hands it out.
 *
 * A message published while the listening connection is down is not received by this instance:
 * NOTIFY keeps nothing for absent listeners. Pushes are hints to refresh, so losing a few during an
 * outage costs a stale view until the next one, not data.
 */
class PgCluster implements PgClusterChannel {
  private readonly senderId = randomBytes(SENDER_ID_LENGTH / 2).toString('hex');
  private readonly listeners = new Set<(message: string) => void>();
  private readonly log: (line: string) => void;
  private readonly retry: { minMs: number; maxMs: number };
  private client: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly db: PgDatabase,
    private readonly url: string,
    private readonly options: PgClusterOptions,
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.retry = options.retry ?? { minMs: 250, maxMs: 10_000 };
  }

  async start(): Promise<void> {
    this.client = await this.listen();
  }

  async publish(message: string): Promise<void> {
    const payload = `${this.senderId} ${message}`;
    const bytes = Buffer.byteLength(payload);
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new Error(
        `cluster message too large for PostgreSQL NOTIFY: ${Buffer.byteLength(message)} bytes, the limit is ${MAX_CLUSTER_MESSAGE_BYTES}; publish a reference instead`,
      );
    }
    await this.db.query('SELECT pg_notify($1, $2)', [PUSH_CHANNEL, payload]);
  }

  subscribe(listener: (message: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** A new connection, listening. Handlers are attached before connecting: an unhandled 'error' would crash the process. */
  private async listen(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: this.options.applicationName ?? 'hookbench-listen', keepAlive: true });
    client.on('notification', (notification) => this.deliver(notification));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${PUSH_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private deliver(notification: pg.Notification): void {
    if (notification.channel !== PUSH_CHANNEL || notification.payload === undefined) return;
    const space = notification.payload.indexOf(' ');
    // Our own message (NOTIFY reaches every listener of the database, the sender's too).
    if (space < 0 || notification.payload.slice(0, space) === this.senderId) return;
    const message = notification.payload.slice(space + 1);
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (error) {
        // One failing subscriber must not keep the message from the others.
        this.log(`hookbench: a cluster message listener failed: ${(error as Error).message}`);
      }
    }
  }

  /** The listening connection dropped ('error' and 'end' may both come): make a new one, once. */
  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    // pg's messages name the host at most, never the URL's password.
    this.log(`hookbench: lost the database notification connection (${error.message}); reconnecting`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = Math.min(this.retry.minMs * 2 ** this.failures, this.retry.maxMs);
    this.retryTimer = setTimeout(() => void this.reconnect(), delay);
    // A pending retry alone must not keep the process alive.
    this.retryTimer.unref();
  }

  private async reconnect(): Promise<void> {
    this.retryTimer = null;
    try {
      const client = await this.listen();
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.failures = 0;
      this.log('hookbench: database notification connection restored');
    } catch {
      // Logged once when the outage began; keep trying quietly, slower each time.
      this.failures++;
      if (!this.closed) this.scheduleReconnect();
    }
  }
}
