import type { Clock } from './clock';

/** After a pass failed (the database unreachable), the next one runs this much later. */
const RETRY_AFTER_FAILURE_MS = 1_000;

/**
 * Runs the sender's pump one pass at a time. A pass awaits the database, so two could otherwise
 * overlap and claim past a target's concurrency; a pass asked for while one runs is run right
 * after it instead (however many were asked for). Between passes a timer sleeps until the time
 * the last pass said is next due.
 */
export class SerialPump {
  private running: Promise<void> | null = null;
  private again = false;
  private queued: NodeJS.Immediate | null = null;
  private timer: unknown = null;
  private timerDue: number | null = null;
  private stopped = false;

  constructor(
    /** One pass; resolves to when the next one is due (ms), or null for "not until asked". */
    private readonly pass: () => Promise<number | null>,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A pass on the next turn of the event loop: every request of this turn shares it. */
  request(): void {
    if (this.queued || this.stopped) return;
    this.queued = setImmediate(() => {
      this.queued = null;
      void this.run();
    });
  }

  /** A pass now, or right after the running one; resolves once it is done. */
  run(): Promise<void> {
    if (this.queued) clearImmediate(this.queued);
    this.queued = null;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (this.stopped) return Promise.resolve();
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no pass is queued or running. */
  async settle(): Promise<void> {
    while (this.queued || this.running) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** No more passes; resolves when the running one is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.queued) clearImmediate(this.queued);
    this.queued = null;
    this.arm(null);
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      let due: number | null;
      try {
        due = await this.pass();
      } catch (error) {
        this.onError(error);
        due = this.clock.now() + RETRY_AFTER_FAILURE_MS;
      }
      this.arm(this.stopped ? null : due);
    } while (this.again && !this.stopped);
  }

  private arm(due: number | null): void {
    if (due === this.timerDue && this.timer !== null) return;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    this.timerDue = due;
    if (due === null) return;
    // setTimeout's limit is about 24.8 days; the pump re-arms on waking.
    const wait = Math.min(Math.max(0, due - this.clock.now()), 2 ** 31 - 1);
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.timerDue = null;
      void this.run();
    }, wait);
  }
}
