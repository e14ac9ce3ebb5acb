import type { ReferenceTime, ToleranceDirection } from '../../../shared/signatures';

/** Parses a Unix-seconds header strictly: `12abc` or `1.5` is not a timestamp. */
export function parseUnixSeconds(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,12}$/.test(trimmed) ? Number(trimmed) : null;
}

/** When and how a signed timestamp is judged; `at` only words the verdict (`now` is the time used). */
export interface TimeCheck {
  timestamp: number | null;
  now: number;
  toleranceSec: number | null;
  direction: ToleranceDirection | null;
  at?: ReferenceTime;
}

function ageText(amount: string, at: ReferenceTime | undefined): string {
  if (at === 'arrival') return `Timestamp was ${amount} when the request arrived`;
  if (at === 'now') return `Timestamp is ${amount} now (checked against the current time, not the arrival)`;
  return `Timestamp is ${amount}`;
}

/**
 * Returns why the timestamp is outside the window, or null when it is inside (or the check is off:
 * a tolerance of 0 or null, as Stripe's `tolerance = 0` means "do not check").
 */
export function toleranceProblem(ageSec: number, toleranceSec: number | null, direction: ToleranceDirection | null, at?: ReferenceTime): string | null {
  if (!toleranceSec || !direction) return null;
  if (ageSec > toleranceSec) return `${ageText(`${ageSec} s old`, at)}; tolerance is ${toleranceSec} s`;
  if (direction === 'both' && -ageSec > toleranceSec) {
    return `${ageText(`${-ageSec} s in the future`, at)}; tolerance is ±${toleranceSec} s (check the sender's clock)`;
  }
  return null;
}

/** The verdict on the timestamp once the signature matched: the problem and its hint, or a note for a valid verdict. */
export function timeVerdict(check: TimeCheck): { late: string; hint: string } | { late: null; note: string } {
  if (check.timestamp === null) return { late: null, note: '' };
  const late = toleranceProblem(check.now - check.timestamp, check.toleranceSec, check.direction, check.at);
  if (late) {
    const hint =
      check.at === 'now'
        ? 'The signature itself is correct; the age was measured to the current time. Verify "at arrival" to judge the request as it came in.'
        : 'The signature itself is correct: this looks like a replay or a delayed redelivery.';
    return { late, hint };
  }
  // Say which clock judged the timestamp, so a later look at the verdict is not misread.
  if (!check.at) return { late: null, note: '' };
  if (!check.toleranceSec || !check.direction) return { late: null, note: '; timestamp not checked (tolerance off)' };
  return { late: null, note: `; timestamp checked against the ${check.at === 'arrival' ? 'arrival time' : 'current time'}` };
}
