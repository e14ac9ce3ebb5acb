import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeTunnelError } from '../../src/main/core/tunnel/tunnel-errors';
import { refusedPort } from '../helpers/refused-port';

/**
 * The tunnel's error wording, from errors Node's fetch really throws (on loopback, and a DNS name
 * reserved never to resolve, RFC 6761): never the bare "fetch failed".
 */

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A loopback server that treats each connection with `onConnection` (never answers, or hangs up). */
async function rawServer(onConnection: (socket: Socket) => void): Promise<string> {
  const server = createServer(onConnection);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function fetchError(url: string, timeoutMs = 10_000): Promise<unknown> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return error;
  }
  throw new Error(`${url} answered`);
}

describe('describeTunnelError', () => {
  it('a refused port: says so and asks whether the server runs', async () => {
    const server = `http://127.0.0.1:${await refusedPort()}`;
    const error = await fetchError(`${server}/x`);
    expect((error as Error).message).toBe('fetch failed');
    expect(describeTunnelError(error, server)).toBe(`The tunnel server at ${server} refused the connection — is it running?`);
  });

  it('a host that does not resolve: a DNS failure, at once', async () => {
    const started = Date.now();
    const error = await fetchError('http://tunnel.invalid/x');
    expect(describeTunnelError(error, 'http://tunnel.invalid')).toBe("Can't find the tunnel server host tunnel.invalid (DNS lookup failed)");
    // The resolver answers .invalid locally (or fails at once without a network): no hang.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a server that never answers: a timeout with the limit', async () => {
    const server = await rawServer(() => {});
    const error = await fetchError(`${server}/x`, 200);
    expect(describeTunnelError(error, server)).toBe(`The tunnel server at ${server} did not answer within 8 s`);
  });

  it('a server that hangs up: closed the connection', async () => {
    const server = await rawServer((socket) => socket.destroy());
    const error = await fetchError(`${server}/x`);
    expect(describeTunnelError(error, server)).toMatch(new RegExp(`^The tunnel server at ${server.replace(/\./g, '\\.')} closed the connection$`));
  });

  it('an unknown failure keeps its inner reason and never says only "fetch failed"', () => {
    const error = new TypeError('fetch failed', { cause: new Error('something odd') });
    expect(describeTunnelError(error, 'https://lt.example')).toBe('Could not reach the tunnel server at https://lt.example: something odd');
    expect(describeTunnelError(new TypeError('fetch failed'), 'https://lt.example')).toBe('Could not reach the tunnel server at https://lt.example');
  });
});
