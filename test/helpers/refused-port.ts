import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on: bound once to get a free number, then closed, so a
 * connection to it is refused at once (ECONNREFUSED), as by a server that is not running.
 */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
