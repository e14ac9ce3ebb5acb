import type { HeaderPairs } from '../../../shared/request-schemas';
import type { AttemptOutcome } from '../../../shared/sender-schemas';

/** The longest Retry-After honoured; a receiver asking for more gets retried after a day. */
export const MAX_RETRY_AFTER_SEC = 24 * 3600;

/** `Retry-After` as seconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSec(headers: HeaderPairs, now: number): number | null {
  const value = headers.find(([n]) => n.toLowerCase() === 'retry-after')?.[1]?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Math.min(Number(value), MAX_RETRY_AFTER_SEC);
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), MAX_RETRY_AFTER_SEC);
}

export interface AttemptVerdict {
  state: 'pending' | 'succeeded' | 'dead';
  nextRetryAt: number | null;
  /** Set on 410 Gone: the target is switched off. */
  disableTarget: string | null;
}

/**
 * What an attempt's result means for its delivery: 2xx succeeds; 410 kills it and disables the
 * target where the preset says so (preset-policy.ts), else it is an ordinary failure; anything else retries on the schedule, after Retry-After
 * instead when a 429 or 503 gives one, until the schedule is used up and the delivery is dead.
 */
export function judgeAttempt(input: {
  outcome: AttemptOutcome;
  status: number | null;
  responseHeaders: HeaderPairs | null;
  /** Attempts made in this cycle, this one included. */
  cycleAttempts: number;
  schedule: readonly number[];
  /** The preset's reading of 410 Gone: switch the target off, or retry like any other 4xx. */
  goneDisablesTarget: boolean;
  now: number;
}): AttemptVerdict {
  if (input.outcome === 'success') return { state: 'succeeded', nextRetryAt: null, disableTarget: null };
  if (input.status === 410 && input.goneDisablesTarget) {
    return { state: 'dead', nextRetryAt: null, disableTarget: `The target answered 410 Gone at ${new Date(input.now).toISOString()}, so it was switched off` };
  }
  // A refusal by policy, a bad URL or a secret the scheme cannot use will not change by waiting:
  // dead at once, with the reason in the log.
  if (input.outcome === 'ssrf_blocked' || input.outcome === 'invalid_url' || input.outcome === 'signing') return { state: 'dead', nextRetryAt: null, disableTarget: null };
  if (input.cycleAttempts > input.schedule.length) return { state: 'dead', nextRetryAt: null, disableTarget: null };
  let delaySec = input.schedule[input.cycleAttempts - 1]!;
  if ((input.status === 429 || input.status === 503) && input.responseHeaders) delaySec = retryAfterSec(input.responseHeaders, input.now) ?? delaySec;
  return { state: 'pending', nextRetryAt: input.now + delaySec * 1000, disableTarget: null };
}
