/**
 * Group commit for a database reached over the network (PostgreSQL): writes queued during one turn
 * of the event loop go to the database together, in one transaction, and each caller's promise
 * settles only after that transaction has committed. The twin of group-commit.ts, whose commit is
 * synchronous (SQLite); here the commit takes a round trip or more, so:
 *
 * - at most `maxInFlight` batches are in flight at a time (default one), and writes arriving
 *   meanwhile queue up as the next batch: under load the batches grow instead of the connections
 *   (one commit serves them all). A few batches in flight let one batch's fsync overlap the next
 *   one's statements (PostgreSQL then flushes their commits together);
 * - a failed commit rejects the writes of its own batch only.
 */
interface Waiter<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class AsyncGroupCommit<T, R> {
  private pending: Waiter<T, R>[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** The batches being committed; each settles (never rejects) when it is done. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Settles when the batch now pending has been committed (made when someone flushes). */
  private nextDone: { promise: Promise<void>; resolve: () => void } | null = null;
  /** How many transactions ran and how many writes they carried (tests and benchmarks read this). */
  readonly stats = { batches: 0, items: 0, largestBatch: 0 };

  /** `commit` must apply all items atomically (one transaction) and resolve to one result per item. */
  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly maxInFlight = 1,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything queued before the call has been committed (or has failed): shutdown, tests. */
  async flush(): Promise<void> {
    const waitFor = [...this.inFlight];
    if (this.pending.length > 0) {
      this.nextDone ??= deferred();
      waitFor.push(this.nextDone.promise);
      // Nothing waits for the next turn of the event loop: what is queued starts now if it may.
      if (this.inFlight.size < this.maxInFlight) this.start();
    }
    await Promise.all(waitFor);
  }

  get size(): number {
    return this.pending.length;
  }

  private schedule(): void {
    if (this.inFlight.size >= this.maxInFlight || this.scheduled || this.pending.length === 0) return;
    this.scheduled = setImmediate(() => this.start());
  }

  private start(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    const done = this.nextDone;
    this.pending = [];
    this.nextDone = null;
    const running: Promise<void> = this.run(batch).finally(() => {
      this.inFlight.delete(running);
      done?.resolve();
      this.schedule();
    });
    this.inFlight.add(running);
  }

  private async run(batch: Waiter<T, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await this.commit(batch.map((w) => w.item));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    this.stats.batches++;
    this.stats.items += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    results.forEach((r, i) => batch[i]!.resolve(r));
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
