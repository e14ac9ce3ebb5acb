export interface FailureLimiterOptions {
  /** Failures a key may have within one window; the next attempt is refused until the window ends. */
  maxFailures: number;
  windowMs: number;
  /** Keys remembered at most, so a flood of addresses cannot grow memory without bound. */
  maxKeys: number;
  now?: () => number;
}

interface Window {
  failures: number;
  endsAt: number;
}

/** 10 failed authentications per minute per client address: plenty for a typo, useless for guessing. */
export const AUTH_FAILURE_LIMIT: FailureLimiterOptions = { maxFailures: 10, windowMs: 60_000, maxKeys: 10_000 };

/**
 * Counts failures per key in fixed windows, in memory. Only failures count: a client that keeps
 * succeeding is never slowed down. A blocked key is refused before its attempt is even checked, so
 * guessing on cannot tell a right answer from a wrong one.
 */
export class FailureLimiter {
  /** In order of window start (a key is re-inserted when it opens a new window), oldest first. */
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(private readonly options: FailureLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whole seconds until `key` may try again, or 0 when it may try now. */
  retryAfterSec(key: string): number {
    const w = this.windows.get(key);
    const now = this.now();
    if (!w || w.failures < this.options.maxFailures || now >= w.endsAt) return 0;
    return Math.max(1, Math.ceil((w.endsAt - now) / 1000));
  }

  recordFailure(key: string): void {
    const now = this.now();
    const w = this.windows.get(key);
    if (w && now < w.endsAt) {
      w.failures++;
      return;
    }
    this.windows.delete(key);
    this.evict(now);
    this.windows.set(key, { failures: 1, endsAt: now + this.options.windowMs });
  }

  get size(): number {
    return this.windows.size;
  }

  private evict(now: number): void {
    // Windows all have the same length, so the expired ones are at the front.
    for (const [key, w] of this.windows) {
      if (w.endsAt > now && this.windows.size < this.options.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
