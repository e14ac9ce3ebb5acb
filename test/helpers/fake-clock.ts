import type { Clock } from '../../src/main/core/sender/clock';

/**
 * A clock the test moves by hand: timers fire when `advance` passes their due time, so a
 * schedule of hours runs in milliseconds. Only the sender's schedule uses it; request timeouts
 * stay real.
 */
export class FakeClock implements Clock {
  private timers = new Map<number, { due: number; fn: () => void }>();
  private nextId = 1;

  constructor(private current = Date.parse('2026-11-26T10:00:00Z')) {}

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { due: this.current + ms, fn });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward and fires every timer now due, earliest first. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.due <= target).sort((a, b) => a[1].due - b[1].due)[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.current = Math.max(this.current, next[1].due);
      next[1].fn();
    }
    this.current = target;
  }

  /** When the earliest timer is due (ms since the epoch), or null. */
  nextDue(): number | null {
    const dues = [...this.timers.values()].map((t) => t.due);
    return dues.length ? Math.min(...dues) : null;
  }
}
