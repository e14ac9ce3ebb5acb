/**
 * Runs the latest scheduled task once things have been quiet for `delayMs` (window moves and
 * resizes fire dozens of events a second; the file is written once they stop). `flush` runs a
 * pending task at once (on close, so the last position is never lost).
 */
export class Debounced {
  private timer: NodeJS.Timeout | null = null;
  private task: (() => void) | null = null;

  constructor(private readonly delayMs: number) {}

  schedule(task: () => void): void {
    this.task = task;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const task = this.task;
    this.task = null;
    task?.();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.task = null;
  }
}
