import { describe, expect, it } from 'vitest';
import { nextAttemptText } from '../../src/renderer/src/features/sender/next-attempt';
import { secondsUntil, tunnelMessage } from '../../src/renderer/src/features/tunnel/tunnel-words';
import { clockTime } from '../../src/renderer/src/format';
import type { TunnelStatus } from '../../src/shared/tunnel-schemas';

/** What the Sender and the tunnel row say (pure functions their components render). */

const NOW = Date.parse('2026-12-02T10:40:00Z');
const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

describe("a pending delivery's next attempt", () => {
  const on = { active: true, paused: false };
  it('a time ahead is shown as a time', () => {
    expect(nextAttemptText({ state: 'pending', nextAttemptAt: iso(60_000) }, on, NOW)).toBe(`next ${clockTime(iso(60_000))}`);
  });
  it('a paused target holds it: no time, which would pass without an attempt', () => {
    expect(nextAttemptText({ state: 'pending', nextAttemptAt: iso(-38 * 60_000) }, { active: true, paused: true }, NOW)).toBe('paused: waits for the target to resume');
    expect(nextAttemptText({ state: 'pending', nextAttemptAt: iso(-1) }, { active: false, paused: false }, NOW)).toBe('waits: the target is switched off');
  });
  it('a time just passed on a running target is "due now", never a past "next"', () => {
    expect(nextAttemptText({ state: 'pending', nextAttemptAt: iso(-2_000) }, on, NOW)).toBe('due now');
  });
  it('finished or unscheduled deliveries say nothing', () => {
    expect(nextAttemptText({ state: 'succeeded', nextAttemptAt: null }, { active: true, paused: true }, NOW)).toBeNull();
    expect(nextAttemptText({ state: 'pending', nextAttemptAt: null }, on, NOW)).toBeNull();
  });
});

describe('the tunnel status message', () => {
  const base: TunnelStatus = { state: 'offline', publicUrl: null, host: 'http://127.0.0.1:4000', subdomain: null, attempt: 0, maxAttempts: 8, nextAttemptAt: null, lastError: null, since: iso(0) };
  const refused = 'The tunnel server at http://127.0.0.1:4000 refused the connection — is it running?';
  it('counts down to the next attempt, with the attempt and the bound', () => {
    expect(tunnelMessage({ ...base, state: 'reconnecting', attempt: 3, nextAttemptAt: iso(7_400), lastError: refused }, NOW)).toBe(`Retrying in 8 s (attempt 3 of 8): ${refused}`);
    expect(tunnelMessage({ ...base, state: 'reconnecting', attempt: 3, nextAttemptAt: null, lastError: refused }, NOW)).toBe(`Trying again now (attempt 3 of 8): ${refused}`);
    expect(secondsUntil(iso(-5_000), NOW)).toBe(0);
  });
  it('after the last attempt: gave up, with the reason', () => {
    expect(tunnelMessage({ ...base, state: 'failed', attempt: 8, lastError: refused }, NOW)).toBe(`Gave up after 8 attempts: ${refused}`);
  });
  it('off says nothing, even with an old error', () => {
    expect(tunnelMessage({ ...base, lastError: 'stale' }, NOW)).toBeNull();
  });
  it('online shows a problem that did not stop it (a taken subdomain)', () => {
    expect(tunnelMessage({ ...base, state: 'online', lastError: 'subdomain x is taken on this server; got y' }, NOW)).toBe('subdomain x is taken on this server; got y');
  });
});
