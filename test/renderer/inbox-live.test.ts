import { describe, expect, it } from 'vitest';
import { registerIpc } from '../../src/main/transport/ipc';
import { createIpcClient } from '../../src/renderer/src/api/ipc-client';
import type { HookbenchClient } from '../../src/renderer/src/api/client-types';
import { createInboxStore } from '../../src/renderer/src/stores/inbox-store';
import { buildBridge } from '../../src/shared/bridge';
import { startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { InMemoryIpc } from '../helpers/in-memory-ipc';

/**
 * The inbox store against a real core (over the in-memory IPC pipe): a capture pushed while a list
 * load is in flight, whose answer was computed before that capture, must still be listed.
 */
describe('inbox store: live list', () => {
  it('keeps a capture pushed while an older list answer is on its way', async () => {
    const server = await startTestHeadless();
    const ipc = new InMemoryIpc();
    const unregister = registerIpc(server.core.api, { ipcMain: ipc.main, targets: () => [ipc.window], isTrustedUrl: (url) => url.startsWith('app://hookbench/') });
    const real = createIpcClient(buildBridge(ipc.renderer));
    // The real client, except that list answers wait for the test before reaching the store.
    const gates: (() => void)[] = [];
    let listed = 0;
    const held: HookbenchClient = {
      ...real,
      onEvent: real.onEvent.bind(real),
      onConnection: real.onConnection.bind(real),
      close: real.close.bind(real),
      call: (async (name: string, input: unknown) => {
        const answer = await (real.call as (n: string, i: unknown) => Promise<unknown>)(name, input);
        if (name === 'listRequests') {
          listed++;
          await new Promise<void>((resolve) => gates.push(resolve));
        }
        return answer;
      }) as HookbenchClient['call'],
    };
    // Made by its factory with the held client, as the composition root makes it with the real one.
    const inbox = createInboxStore(held);
    const disconnect = inbox.getState().connect();
    try {
      // The server has answered every load so far (connect, and the channel coming online): empty.
      await expect.poll(() => listed).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 50));
      const before = listed;
      const res = await request(`${server.ready.receiverUrl}/hook`, { method: 'POST', body: '{"type":"late.push"}', headers: { 'Content-Type': 'application/json' } });
      const id = Number(res.headers['x-hookbench-request-id']);
      await expect.poll(() => inbox.getState().items.map((r) => r.id)).toEqual([id]); // the push
      expect(listed).toBe(before); // no load started after the capture: every answer in hand predates it
      for (const open of gates.splice(0)) open(); // now the older, empty answers arrive
      await expect.poll(() => inbox.getState().loading).toBe(false);
      expect(inbox.getState().items.map((r) => r.id)).toEqual([id]);
    } finally {
      for (const open of gates.splice(0)) open();
      disconnect();
      unregister();
    }
  });

  it('lists imports as they are pushed, without a reload, and selects the first and last', async () => {
    const server = await startTestHeadless();
    const ipc = new InMemoryIpc();
    const unregister = registerIpc(server.core.api, { ipcMain: ipc.main, targets: () => [ipc.window], isTrustedUrl: (url) => url.startsWith('app://hookbench/') });
    const inbox = createInboxStore(createIpcClient(buildBridge(ipc.renderer)));
    const disconnect = inbox.getState().connect();
    try {
      await expect.poll(() => inbox.getState().loading).toBe(false);
      let loads = 0;
      const stop = inbox.subscribe((s, before) => void (s.loading && !before.loading && loads++));
      const ids = [
        ...(await inbox.getState().importRequests({ curl: `curl -X POST 'https://a.example/one' -d '{}'` })),
        ...(await inbox.getState().importRequests({ curl: `curl -X POST 'https://a.example/two' -d '{}'` })),
      ];
      await expect.poll(() => inbox.getState().items.map((r) => r.id).sort()).toEqual([...ids].sort());
      stop();
      expect(loads).toBe(0); // by push, not by a refetch
      inbox.getState().selectEdge('last');
      expect(inbox.getState().selectedId).toBe(inbox.getState().items.at(-1)!.id);
      inbox.getState().selectEdge('first');
      expect(inbox.getState().selectedId).toBe(inbox.getState().items[0]!.id);
      await expect.poll(() => inbox.getState().detail?.headers[0]).toEqual(['Host', 'a.example']);
    } finally {
      disconnect();
      unregister();
    }
  });
});

