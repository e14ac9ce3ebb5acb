import { describe, expect, it } from 'vitest';
import { blockedReason, schemeBlocked } from '../../src/main/core/sender/ssrf';

// The "public only" address check (no traffic: pure classification).

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', '"this network"'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata lives here)'],
    ['100.100.100.200', 'carrier-grade NAT (shared)'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local (private)'],
    ['fd00:ec2::254', 'unique-local (private)'],
    ['ff02::1', 'multicast'],
    ['[::1]', 'loopback'],
    ['fe80::1%eth0', 'link-local'],
  ])('%s is refused as %s', (address, why) => {
    expect(blockedReason(address)).toBe(why);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata lives here)'],
    ['64:ff9b::c0a8:101', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['::127.0.0.1', 'loopback'],
  ])('IPv4 inside IPv6 is judged by the IPv4 address: %s', (address, why) => {
    expect(blockedReason(address)).toMatch(new RegExp(`^${why.replace(/[()]/g, '\\$&')} \\(IPv4 `));
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::6810:84e5', '::ffff:8.8.8.8', '2001:4860:4860::8888'])('%s is public', (address) => {
    expect(blockedReason(address)).toBeNull();
  });

  it('a host name is not an address', () => {
    expect(blockedReason('localhost')).toBe('not an IP address');
  });
});

describe('schemeBlocked (FeedbackPulse: "only public HTTPS URLs are allowed")', () => {
  it.each([
    ['http://hooks.example.test/in', true],
    ['HTTP://93.184.215.14/', true],
    ['https://hooks.example.test/in', false],
    ['https://[2606:4700::6810:84e5]/', false],
  ])('%s refused: %s', (url, refused) => {
    const why = schemeBlocked(new URL(url));
    if (refused) expect(why).toMatch(/"public only" policy: .*only https:\/\//);
    else expect(why).toBeNull();
  });
});
