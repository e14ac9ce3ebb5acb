/**
 * Retry pacing for `hookbench listen`: the push socket, an unreachable server and a local app that
 * is down all wait 0.5 s, 1 s, 2 s … up to 30 s between tries. A little jitter (up to 20% less)
 * keeps a team's listeners from all knocking at the same instant after a server restart.
 */
export const BACKOFF_MIN_MS = 500;
export const BACKOFF_MAX_MS = 30_000;

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - 0.2 * random()));
}

/** Resolves after `ms`, or at once when `signal` aborts (a stopping listener never waits out a backoff). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
