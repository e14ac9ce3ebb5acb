import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** An IPv4 address as Node may report it on a dual-stack socket (`::ffff:1.2.3.4`), in its plain form. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

function inList(list: BlockList, address: string): boolean {
  const a = plain(address);
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether binding to `host` keeps the API on this machine: 127.0.0.0/8, ::1 or `localhost`. Any
 * other name could resolve anywhere, so it counts as beyond loopback (the safe answer).
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  return h.toLowerCase() === 'localhost' || inList(LOOPBACK, h);
}

/**
 * The reverse proxies whose `X-Forwarded-*` headers are believed (`--trusted-proxy`, default: the
 * loopback addresses, i.e. a proxy on the same machine). From anyone else those headers are
 * ignored: any client can send them.
 */
export class ProxyTrust {
  private constructor(private readonly list: BlockList) {}

  /** Entries are addresses or CIDR ranges; an invalid one throws with a message naming it. */
  static parse(entries: readonly string[]): ProxyTrust {
    const list = new BlockList();
    for (const entry of entries) {
      const [address = '', prefix, extra] = entry.trim().split('/');
      const family = isIP(address);
      const bits = prefix === undefined ? null : Number(prefix);
      const maxBits = family === 4 ? 32 : 128;
      if (family === 0 || extra !== undefined || (bits !== null && (!/^\d+$/.test(prefix!) || bits > maxBits))) {
        throw new Error(`"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/8)`);
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits === null) list.addAddress(address, type);
      else list.addSubnet(address, bits, type);
    }
    return new ProxyTrust(list);
  }

  static loopback(): ProxyTrust {
    return new ProxyTrust(LOOPBACK);
  }

  trusts(address: string): boolean {
    return inList(this.list, address);
  }
}

/**
 * The address a request comes from: the TCP peer's, or, when that peer is a trusted proxy, the
 * first address in `X-Forwarded-For` that is not a trusted proxy, read from the right. Proxies
 * append the peer they saw, so the entries to the left of the last untrusted one are whatever the
 * client wrote: taking the leftmost ("first hop") would let a client pick a fresh address for every
 * attempt and walk past the failed-authentication limit.
 */
export function clientAddress(req: IncomingMessage, proxies: ProxyTrust | null): string {
  let address = plain(req.socket.remoteAddress ?? '');
  if (!proxies) return address;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  while (proxies.trusts(address) && hops.length > 0) {
    const hop = plain(hops.pop()!.trim());
    // Garbage in the header stops the walk at the last proxy that vouched for something valid.
    if (isIP(hop) === 0) break;
    address = hop;
  }
  return address;
}

/** Whether `X-Forwarded-*` headers on this request come from a trusted proxy. */
export function fromTrustedProxy(req: IncomingMessage, proxies: ProxyTrust | null): boolean {
  return proxies !== null && proxies.trusts(req.socket.remoteAddress ?? '');
}

/**
 * The key an address is rate-limited under: an IPv4 address itself, an IPv6 address its /64 (one
 * subscriber usually gets a whole /64, so per-address keys would give them 2^64 fresh tries).
 */
export function limiterKey(address: string): string {
  const a = plain(address);
  if (isIP(a) !== 6) return a;
  const [head = '', tail] = a.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (64:ff9b::1.2.3.4) stands for two groups.
  const width = right.length + (right.at(-1)?.includes('.') ? 1 : 0);
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - width)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
