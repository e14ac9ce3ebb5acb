import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { registerIpc } from '../../src/main/transport/ipc';
import { createHttpClient } from '../../src/renderer/src/api/http-client';
import { createIpcClient } from '../../src/renderer/src/api/ipc-client';
import type { HookbenchClient } from '../../src/renderer/src/api/client-types';
import { buildBridge } from '../../src/shared/bridge';
import { methodNames, type PushEvent } from '../../src/shared/contract';
import type { Headless } from '../../src/main/headless';
import { startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { InMemoryIpc } from '../helpers/in-memory-ipc';

/**
 * The same cases over both transports, through the renderer's real clients: HTTP + WebSocket
 * (headless) and IPC (desktop; Electron's pipe replaced by an in-memory one, see InMemoryIpc).
 */

beforeAll(() => {
  // The renderer's HTTP client uses the browser's WebSocket; Node 20 has none built in.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

interface Harness {
  server: Headless;
  client: HookbenchClient;
  ipc?: InMemoryIpc;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const transports: Record<string, () => Promise<Harness>> = {
  http: async () => {
    const server = await startTestHeadless({ token: 'contract-token-123' });
    const client = createHttpClient(new URL(server.ready.uiUrl).origin, server.ready.token);
    await new Promise<void>((resolve) => {
      const off = client.onConnection((state) => state === 'online' && (off(), resolve()));
    });
    // Before the server goes (cleanups run first): a client left open would keep reconnecting.
    cleanups.push(() => client.close());
    return { server, client };
  },
  ipc: async () => {
    const server = await startTestHeadless();
    const ipc = new InMemoryIpc();
    const unregister = registerIpc(server.core.api, {
      ipcMain: ipc.main,
      targets: () => [ipc.window],
      isTrustedUrl: (url) => url.startsWith('app://hookbench/'),
    });
    cleanups.push(unregister);
    return { server, client: createIpcClient(buildBridge(ipc.renderer)), ipc };
  },
};

async function capture(server: Headless, path: string, body: string, headers: Record<string, string> = {}) {
  const res = await request(server.ready.receiverUrl + path, { method: 'POST', body, headers });
  return Number(res.headers['x-hookbench-request-id']);
}

describe.each(Object.keys(transports))('contract over %s', (name) => {
  const start = transports[name]!;

  it('getInfo names the receiver', async () => {
    const { server, client } = await start();
    const info = await client.call('getInfo', {});
    expect(info.receiverUrl).toBe(server.ready.receiverUrl);
    expect(info.publicUrl).toBeNull();
  });

  it('lists newest first with cursor paging, and gets one request whole', async () => {
    const { server, client } = await start();
    expect(await client.call('listRequests', {})).toEqual({ items: [], nextCursor: null });
    const ids = [];
    for (const n of [1, 2, 3]) ids.push(await capture(server, `/p/${n}`, `{"n":${n}}`, { 'Content-Type': 'application/json', 'X-Order': String(n) }));
    const first = await client.call('listRequests', { limit: 2 });
    expect(first.items.map((r) => r.path)).toEqual(['/p/3', '/p/2']);
    expect(first.nextCursor).not.toBeNull();
    const second = await client.call('listRequests', { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.path)).toEqual(['/p/1']);
    expect(second.nextCursor).toBeNull();

    const detail = await client.call('getRequest', { id: ids[1]! });
    expect(detail.method).toBe('POST');
    expect(Buffer.from(detail.bodyBase64, 'base64').toString()).toBe('{"n":2}');
    expect(detail.headers).toContainEqual(['X-Order', '2']);
    expect(detail.contentType).toBe('application/json');
  });

  it('reports errors with their contract codes', async () => {
    const { client } = await start();
    await expect(client.call('getRequest', { id: 424242 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.call('listRequests', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(client.call('listRequests', { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('pushes request.captured to the UI', async () => {
    const { server, client } = await start();
    const got = new Promise<PushEvent>((resolve) => {
      const off = client.onEvent((e) => (off(), resolve(e)));
    });
    const id = await capture(server, '/live', 'x');
    const event = await got;
    expect(event).toMatchObject({ event: 'request.captured', payload: { id, path: '/live' } });
  });
});

describe('IPC specifics', () => {
  it('registers exactly one channel per contract method', async () => {
    const { ipc } = await transports.ipc!();
    for (const name of methodNames) await expect(ipc!.renderer.invoke(`hookbench:${name}`, {})).resolves.toBeDefined();
  });

  it('refuses calls from an untrusted frame (another origin, or an iframe)', async () => {
    const { client, ipc } = await transports.ipc!();
    ipc!.frameUrl = 'https://evil.example/';
    await expect(client.call('listRequests', {})).rejects.toMatchObject({ code: 'forbidden' });
    ipc!.frameUrl = 'app://hookbench/index.html';
    ipc!.isIframe = true;
    await expect(client.call('listRequests', {})).rejects.toMatchObject({ code: 'forbidden' });
    ipc!.isIframe = false;
    await expect(client.call('listRequests', {})).resolves.toMatchObject({ items: [] });
  });

  it('parses IPC input with the contract (garbage is rejected, not passed on)', async () => {
    const { ipc } = await transports.ipc!();
    const result = await ipc!.renderer.invoke('hookbench:getRequest', { id: 'DROP TABLE requests' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
