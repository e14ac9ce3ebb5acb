import type { FtsIndexRepo } from './fts-index-repo';

/**
 * Keeps the full-text index caught up without slowing captures down. Indexing inside the capture
 * transaction cost a third of the ingest rate (DESIGN.md §9), so captures only nudge this indexer,
 * which works in small batches once writes pause (or at least every `maxDelayMs` under sustained
 * load), yielding to the event loop between batches. A search first catches up synchronously, so
 * results are always complete.
 */
export class FtsIndexer {
  private timer: NodeJS.Timeout | null = null;
  private firstNudge = 0;
  private stopped = false;

  constructor(
    private readonly repo: FtsIndexRepo,
    private readonly options = { idleMs: 150, maxDelayMs: 1_000, batch: 500 },
  ) {}

  /** Called after writes: schedules indexing once things are quiet. */
  nudge(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (this.timer === null) this.firstNudge = now;
    else if (now - this.firstNudge < this.options.maxDelayMs) clearTimeout(this.timer);
    else return; // overdue: let the pending timer fire rather than postponing it again
    this.timer = setTimeout(() => this.drain(), this.options.idleMs);
    this.timer.unref();
  }

  /** Indexes everything pending now (before a search, on close). */
  catchUp(): void {
    while (this.repo.indexBatch(this.options.batch * 10) > 0) {
      // keep going until nothing is left
    }
  }

  /** Removes deleted requests from the index (call inside the deleting transaction). */
  forget(ids: readonly number[]): void {
    const through = this.repo.indexedThrough();
    this.repo.remove(ids.filter((id) => id <= through));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private drain(): void {
    this.timer = null;
    if (this.stopped) return;
    // A batch ends at a row count or a byte budget; until one comes back empty, there may be more.
    if (this.repo.indexBatch(this.options.batch) > 0) {
      // Continue after pending I/O (captures) has had its turn.
      this.timer = setTimeout(() => this.drain(), 0);
      this.timer.unref();
    }
  }
}
