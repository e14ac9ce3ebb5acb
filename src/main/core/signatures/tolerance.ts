import type { ToleranceDirection } from '../../../shared/signatures';

/** Parses a Unix-seconds header strictly: `12abc` or `1.5` is not a timestamp. */
export function parseUnixSeconds(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,12}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * Returns why the timestamp is outside the window, or null when it is inside (or the check is off:
 * a tolerance of 0 or null, as Stripe's `tolerance = 0` means "do not check").
 */
export function toleranceProblem(ageSec: number, toleranceSec: number | null, direction: ToleranceDirection | null): string | null {
  if (!toleranceSec || !direction) return null;
  if (ageSec > toleranceSec) return `Timestamp is ${ageSec} s old; tolerance is ${toleranceSec} s`;
  if (direction === 'both' && -ageSec > toleranceSec) {
    return `Timestamp is ${-ageSec} s in the future; tolerance is ±${toleranceSec} s (check the sender's clock)`;
  }
  return null;
}
