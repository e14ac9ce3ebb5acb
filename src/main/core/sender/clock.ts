/**
 * The sender's notion of time. Production uses the system clock; tests pass a fake one so an
 * hour-long retry schedule runs in milliseconds (timeouts of individual requests stay real).
 */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    // A pending retry hours away must not keep a CLI or test process alive.
    timer.unref();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
