/**
 * Group commit: writes queued during one turn of the event loop are applied together in a single
 * transaction at the next `setImmediate`, and each caller's promise settles only after that
 * transaction has committed. One fsync-free WAL commit then serves many requests, so answering
 * only after the row is durable does not cost throughput.
 */
export class GroupCommit<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** How many transactions ran and how many writes they carried (tests and benchmarks read this). */
  readonly stats = { batches: 0, items: 0, largestBatch: 0 };

  /** `commit` must apply all items atomically (one transaction) and return one result per item. */
  constructor(private readonly commit: (items: T[]) => R[]) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Applies everything queued now (used on shutdown and by tests). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let results: R[];
    try {
      results = this.commit(batch.map((p) => p.item));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    this.stats.batches++;
    this.stats.items += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    results.forEach((r, i) => batch[i]!.resolve(r));
  }

  get size(): number {
    return this.pending.length;
  }
}
