import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_SEC, judgeAttempt, retryAfterSec } from '../../src/main/core/sender/retry-policy';

const now = Date.parse('2026-11-26T10:00:00Z');
const base = { status: null, responseHeaders: null, schedule: [15, 120], now, goneDisablesTarget: true } as const;

describe('retry policy', () => {
  it('retries on the schedule, then the delivery is dead', () => {
    expect(judgeAttempt({ ...base, outcome: 'timeout', cycleAttempts: 1 })).toEqual({ state: 'pending', nextRetryAt: now + 15_000, disableTarget: null });
    expect(judgeAttempt({ ...base, outcome: 'http_status', status: 500, cycleAttempts: 2 })).toMatchObject({ state: 'pending', nextRetryAt: now + 120_000 });
    expect(judgeAttempt({ ...base, outcome: 'refused', cycleAttempts: 3 })).toMatchObject({ state: 'dead', nextRetryAt: null });
    expect(judgeAttempt({ ...base, outcome: 'success', status: 204, cycleAttempts: 3 })).toMatchObject({ state: 'succeeded' });
  });

  it('410 kills the delivery and disables the target; policy, URL and signing refusals are dead at once', () => {
    expect(judgeAttempt({ ...base, outcome: 'http_status', status: 410, cycleAttempts: 1 })).toMatchObject({ state: 'dead', disableTarget: expect.stringMatching(/410 Gone/) });
    for (const outcome of ['ssrf_blocked', 'invalid_url', 'signing'] as const) expect(judgeAttempt({ ...base, outcome, cycleAttempts: 1 }).state).toBe('dead');
  });

  it('410 where the preset retries 4xx (FeedBackPro\'s doc) is an ordinary failure: retried on the schedule, target kept', () => {
    expect(judgeAttempt({ ...base, outcome: 'http_status', status: 410, cycleAttempts: 1, goneDisablesTarget: false })).toEqual({ state: 'pending', nextRetryAt: now + 15_000, disableTarget: null });
    expect(judgeAttempt({ ...base, outcome: 'http_status', status: 410, cycleAttempts: 3, goneDisablesTarget: false })).toMatchObject({ state: 'dead', disableTarget: null });
  });

  it('Retry-After on 429/503 replaces the delay (seconds or HTTP date, capped at a day); elsewhere it is ignored', () => {
    const after = (value: string, status = 429) => judgeAttempt({ ...base, outcome: 'http_status', status, responseHeaders: [['Retry-After', value]], cycleAttempts: 1 }).nextRetryAt! - now;
    expect(after('3')).toBe(3_000);
    expect(after(new Date(now + 90_000).toUTCString(), 503)).toBe(90_000);
    expect(after('999999999')).toBe(MAX_RETRY_AFTER_SEC * 1000);
    expect(after('soon')).toBe(15_000);
    expect(after('3', 500)).toBe(15_000);
    expect(retryAfterSec([['retry-after', new Date(now - 5_000).toUTCString()]], now)).toBe(0);
    expect(retryAfterSec([], now)).toBeNull();
  });
});
