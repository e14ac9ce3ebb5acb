import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { BlockList } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * The sender's "public only" policy (PROVIDERS.md, FeedbackPulse's SSRF rules, IPv6 too): a target
 * may only be reached at a public address. Two checks, so DNS rebinding cannot slip through:
 *  1. every address the host resolves to is checked before connecting (one private answer among
 *     public ones refuses the whole target), and the connection uses exactly those answers;
 *  2. the address the socket actually connected to is checked before any byte is written (this
 *     also covers IP literals, for which Node does no lookup).
 */

/** `hostname` → addresses, like `dns.lookup(host, {all: true})`. Tests pass their own. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));

export class SsrfBlockedError extends Error {
  readonly code = 'ESSRF';
}

const RULES: [cidr: string, family: 'ipv4' | 'ipv6', why: string][] = [
  ['0.0.0.0/8', 'ipv4', '"this network"'],
  ['10.0.0.0/8', 'ipv4', 'private'],
  ['100.64.0.0/10', 'ipv4', 'carrier-grade NAT (shared)'],
  ['127.0.0.0/8', 'ipv4', 'loopback'],
  ['169.254.0.0/16', 'ipv4', 'link-local (cloud metadata lives here)'],
  ['172.16.0.0/12', 'ipv4', 'private'],
  ['192.0.0.0/24', 'ipv4', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'ipv4', 'documentation'],
  ['192.168.0.0/16', 'ipv4', 'private'],
  ['198.18.0.0/15', 'ipv4', 'benchmarking'],
  ['198.51.100.0/24', 'ipv4', 'documentation'],
  ['203.0.113.0/24', 'ipv4', 'documentation'],
  ['224.0.0.0/4', 'ipv4', 'multicast'],
  ['240.0.0.0/4', 'ipv4', 'reserved'],
  ['::/128', 'ipv6', 'unspecified'],
  ['::1/128', 'ipv6', 'loopback'],
  ['fc00::/7', 'ipv6', 'unique-local (private)'],
  ['fe80::/10', 'ipv6', 'link-local'],
  ['fec0::/10', 'ipv6', 'site-local'],
  ['ff00::/8', 'ipv6', 'multicast'],
  ['2001:db8::/32', 'ipv6', 'documentation'],
  ['100::/64', 'ipv6', 'discard-only'],
];

const LISTS = RULES.map(([cidr, family, why]) => {
  const list = new BlockList();
  const [base, bits] = cidr.split('/') as [string, string];
  list.addSubnet(base, Number(bits), family);
  return { list, family, why };
});

/** IPv4 carried inside an IPv6 address (mapped, compatible, NAT64, 6to4), which reaches that IPv4 host. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const words = expandIpv6(lower);
  if (!words) return null;
  const toV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zeros(0, 5) && words[5] === 0xffff) return toV4(words[6]!, words[7]!); // ::ffff:a.b.c.d
  if (zeros(0, 6) && (words[6]! !== 0 || words[7]! > 1)) return toV4(words[6]!, words[7]!); // ::a.b.c.d
  if (words[0] === 0x64 && words[1] === 0xff9b && zeros(2, 6)) return toV4(words[6]!, words[7]!); // NAT64
  if (words[0] === 0x2002) return toV4(words[1]!, words[2]!); // 6to4
  return null;
}

function expandIpv6(address: string): number[] | null {
  if (!net.isIPv6(address)) return null;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const a = parse(head);
  const b = tail === undefined ? [] : parse(tail);
  if (b.some(Number.isNaN) || a.some(Number.isNaN)) return null;
  return [...a, ...new Array(8 - a.length - b.length).fill(0), ...b];
}

/** Why an address may not be reached under "public only", or null when it is public. */
export function blockedReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIPv4(bare) ? 'ipv4' : net.isIPv6(bare) ? 'ipv6' : null;
  if (!family) return 'not an IP address';
  if (family === 'ipv6') {
    const v4 = embeddedIpv4(bare);
    if (v4) {
      const inner = blockedReason(v4);
      return inner ? `${inner} (IPv4 ${v4} inside an IPv6 address)` : null;
    }
  }
  for (const rule of LISTS) if (rule.family === family && rule.list.check(bare, family)) return rule.why;
  return null;
}

function refuse(host: string, address: string, why: string): SsrfBlockedError {
  const via = host === address ? address : `${host} resolves to ${address}`;
  return new SsrfBlockedError(`blocked by the target's "public only" policy: ${via}, a ${why} address`);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect that refuses a host when any of its addresses is not public. */
export function guardedLookup(resolver: Resolver) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolver(hostname).then(
      (answers) => {
        if (answers.length === 0) return callback(Object.assign(new Error(`host not found: ${hostname}`), { code: 'ENOTFOUND' }), '');
        for (const { address } of answers) {
          const why = blockedReason(address);
          if (why) return callback(refuse(hostname, address, why), '');
        }
        const wanted = options.family === 4 || options.family === 6 ? answers.filter((a) => a.family === options.family) : answers;
        if (wanted.length === 0) return callback(Object.assign(new Error(`no IPv${options.family} address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

type CreateConnection = (options: http.ClientRequestArgs, callback: (err: Error | null, socket?: Duplex) => void) => Duplex | undefined;

/**
 * Wraps an agent's connection factory: sockets are made with the guarded lookup and handed to
 * HTTP only after the connected peer address passed the check, so nothing is written to a
 * refused address.
 */
function guardConnections(agent: http.Agent, resolver: Resolver): void {
  const original = (agent as unknown as { createConnection: CreateConnection }).createConnection.bind(agent);
  (agent as unknown as { createConnection: CreateConnection }).createConnection = (options, callback) => {
    const host = String(options.host ?? options.hostname ?? '');
    const literal = host.replace(/^\[|\]$/g, '');
    if (net.isIP(literal)) {
      const why = blockedReason(literal);
      if (why) {
        process.nextTick(() => callback(refuse(literal, literal, why)));
        return undefined;
      }
    }
    const socket = original({ ...options, lookup: guardedLookup(resolver) } as http.ClientRequestArgs, () => {}) as net.Socket;
    const onError = (error: Error) => callback(error);
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      const remote = socket.remoteAddress ?? '';
      const why = blockedReason(remote);
      if (why) {
        const error = refuse(host, remote, why);
        socket.destroy(error);
        callback(error);
        return;
      }
      callback(null, socket);
    });
    return undefined;
  };
}

/** Keep-alive agents (http and https) that enforce "public only" on every connection. */
export function publicOnlyAgents(resolver: Resolver, options: http.AgentOptions): { http: http.Agent; https: https.Agent } {
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  guardConnections(agents.http, resolver);
  guardConnections(agents.https, resolver);
  return agents;
}

/** Checks an IP-literal URL host up front, so a blocked literal never even opens a socket. */
export function literalHostBlocked(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!net.isIP(host)) return null;
  const why = blockedReason(host);
  return why ? refuse(host, host, why).message : null;
}

/**
 * FeedbackPulse's rule "only public HTTPS URLs are allowed": under "public only" a plain http://
 * URL is refused (when saved, and again when sent, for targets stored before this rule).
 */
export function schemeBlocked(url: URL): string | null {
  return url.protocol === 'https:' ? null : `blocked by the target's "public only" policy: ${url.protocol}// is not allowed, only https:// (public HTTPS URLs only)`;
}
