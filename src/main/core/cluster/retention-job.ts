import type { RequestsService } from '../requests-service';
import type { Store } from '../store/repositories';

/** How often the oldest requests are trimmed on a shared database. */
export const RETENTION_EVERY_MS = 2_000;

/**
 * Retention on a shared database. On SQLite every capture's transaction trims (the file never
 * holds more than allowed); several instances doing that on PostgreSQL would fight over the same
 * oldest rows, so there one instance at a time (an advisory lock) trims every RETENTION_EVERY_MS:
 * the store can exceed the limit by about that long's worth of captures, never refuse one.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Pick<Store, 'endpoints' | 'tryLock'>,
    private readonly requests: RequestsService,
    private readonly everyMs = RETENTION_EVERY_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pass().then(
        () => undefined,
        () => undefined,
      ).finally(() => (this.running = null));
    }, this.everyMs);
    this.timer.unref();
  }

  /** One pass, if no other instance is making one: returns how many requests went. */
  async pass(): Promise<number> {
    const lock = await this.store.tryLock('retention');
    if (!lock) return 0;
    try {
      return await this.requests.applyRetention(await this.store.endpoints.retention());
    } catch (error) {
      process.stderr.write(`hookbench: retention pass failed: ${(error as Error).message}\n`);
      return 0;
    } finally {
      await lock.release();
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
