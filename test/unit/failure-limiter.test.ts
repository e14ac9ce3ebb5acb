import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../src/main/transport/failure-limiter';
import { isLoopbackHost, limiterKey, ProxyTrust } from '../../src/main/transport/client-address';

describe('FailureLimiter', () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('blocks a key after maxFailures within the window, with the seconds left, and lets it try again after', () => {
    const c = clock();
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000, maxKeys: 100, now: c.now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSec('a')).toBe(0);
      limiter.recordFailure('a');
    }
    expect(limiter.retryAfterSec('a')).toBe(60);
    expect(limiter.retryAfterSec('b')).toBe(0);
    c.advance(59_500);
    expect(limiter.retryAfterSec('a')).toBe(1);
    c.advance(500);
    expect(limiter.retryAfterSec('a')).toBe(0);
    // A new window starts from scratch.
    limiter.recordFailure('a');
    expect(limiter.retryAfterSec('a')).toBe(0);
  });

  it('keeps at most maxKeys keys: expired windows go first, then the oldest', () => {
    const c = clock();
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 1_000, maxKeys: 3, now: c.now });
    limiter.recordFailure('old');
    c.advance(2_000);
    for (const key of ['k1', 'k2', 'k3']) limiter.recordFailure(key);
    expect(limiter.size).toBe(3);
    expect(limiter.retryAfterSec('k1')).toBe(1);
    limiter.recordFailure('k4');
    expect(limiter.size).toBe(3);
    expect(limiter.retryAfterSec('k1')).toBe(0);
    expect(limiter.retryAfterSec('k4')).toBe(1);
    for (let i = 0; i < 10_000; i++) limiter.recordFailure(`flood-${i}`);
    expect(limiter.size).toBe(3);
  });
});

describe('client addresses', () => {
  it('loopback is 127.0.0.0/8, ::1 and localhost; everything else is beyond it', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.0.2.1', '10.0.0.1', '128.0.0.1', 'hooks.example.com', 'localhost.evil.example', '::2']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('limits IPv4 per address and IPv6 per /64', () => {
    expect(limiterKey('203.0.113.9')).toBe('203.0.113.9');
    expect(limiterKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(limiterKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limiterKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(limiterKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(limiterKey('::1')).toBe('0:0:0:0::/64');
    expect(limiterKey('::a:b:c:d:e:1.2.3.4')).toBe('0:a:b:c::/64');
  });

  it('parses --trusted-proxy addresses and CIDR ranges, and names a bad entry', () => {
    const trust = ProxyTrust.parse(['10.0.0.5', '172.16.0.0/12', 'fd00::/8']);
    for (const a of ['10.0.0.5', '::ffff:10.0.0.5', '172.31.255.1', 'fd12::1']) expect(trust.trusts(a), a).toBe(true);
    for (const a of ['10.0.0.6', '172.32.0.1', '127.0.0.1', 'fe80::1', 'garbage']) expect(trust.trusts(a), a).toBe(false);
    for (const bad of ['proxy.local', '10.0.0.0/33', '10.0.0.0/x', '1.2.3.4/8/1', '']) expect(() => ProxyTrust.parse([bad]), bad).toThrow(/is not an IP address or CIDR range/);
  });
});
