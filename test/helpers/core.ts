import { afterEach } from 'vitest';
import type { ApiSurface } from '../../src/main/core/api';
import { Core, type CoreOptions } from '../../src/main/core/core';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import { LOCAL_ADMIN } from '../../src/shared/roles';
import { startHeadless, type Headless } from '../../src/main/headless';
import { tempDir } from './temp-dir';

const running: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.close();
});

/** A core on a temp data dir and a free loopback port, closed after the test. */
export async function startTestCore(overrides: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await Core.start({
    dataDir: tempDir(),
    receiverHost: '127.0.0.1',
    receiverPort: 0,
    mode: 'headless',
    ...overrides,
  });
  running.push(core);
  return core;
}

/** The headless server in-process (API only unless `staticDir` is given), closed after the test. */
export async function startTestHeadless(options: { token?: string; dataDir?: string; tunnel?: { host?: string; subdomain?: string } } = {}): Promise<Headless> {
  const server = await startHeadless({
    dataDir: options.dataDir ?? tempDir(),
    receiverPort: 0,
    uiPort: 0,
    host: '127.0.0.1',
    token: options.token ?? 'test-token-0123456789',
    staticDir: null,
    tunnel: options.tunnel,
  });
  running.push(server);
  return server;
}

/** Lets a test close a server itself (e.g. to restart on the same data) without a double close. */
export function forget(server: { close(): Promise<void> }): void {
  const i = running.indexOf(server);
  if (i !== -1) running.splice(i, 1);
}

/**
 * Calls the core's API in-process as the person at the desktop (an admin), as the IPC transport
 * does; role checks themselves are tested through the HTTP transport with named tokens.
 */
export function asLocal(api: ApiSurface): { call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodOutput<K>> } {
  return { call: (name, input) => api.call(name, input, LOCAL_ADMIN) };
}
