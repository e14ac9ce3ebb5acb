import { describe, expect, it } from 'vitest';
import { pushDesktopCommand } from '../../../src/main/desktop/command-push';
import { isTrustedUrl } from '../../../src/main/desktop/hardening';
import { registerIpc } from '../../../src/main/transport/ipc';
import { buildBridge } from '../../../src/shared/bridge';
import { pushEvents, type PushEvent } from '../../../src/shared/contract';
import { startTestCore } from '../../helpers/core';
import { InMemoryIpc } from '../../helpers/in-memory-ipc';

describe('desktop.command: menu items reach the renderer over the one bridge', () => {
  it("arrives through the preload bridge's event subscription, valid against the contract", () => {
    const ipc = new InMemoryIpc();
    const bridge = buildBridge(ipc.renderer);
    const got: PushEvent[] = [];
    bridge.onEvent((e) => got.push(e));
    expect(pushDesktopCommand(ipc.window, 'app.palette', (url) => isTrustedUrl(url))).toBe(true);
    expect(got).toEqual([{ event: 'desktop.command', payload: { command: 'app.palette' } }]);
    expect(pushEvents['desktop.command'].safeParse(got[0]!.payload).success).toBe(true);
  });

  it('is not sent to a window that left our UI', () => {
    const ipc = new InMemoryIpc();
    const got: PushEvent[] = [];
    buildBridge(ipc.renderer).onEvent((e) => got.push(e));
    ipc.frameUrl = 'https://evil.example/';
    expect(pushDesktopCommand(ipc.window, 'tunnel.start', (url) => isTrustedUrl(url))).toBe(false);
    expect(got).toEqual([]);
  });
});

describe('IPC hardening beyond the contract tests (test/integration/contract.test.ts covers frames and schemas)', () => {
  it("sends the core's push events only to windows showing our UI", async () => {
    const core = await startTestCore();
    const ours = new InMemoryIpc();
    const elsewhere = new InMemoryIpc();
    elsewhere.frameUrl = 'https://evil.example/';
    const unregister = registerIpc(core.api, { ipcMain: ours.main, targets: () => [ours.window, elsewhere.window], isTrustedUrl: (url) => isTrustedUrl(url) });
    const toOurs: PushEvent[] = [];
    const toElsewhere: PushEvent[] = [];
    buildBridge(ours.renderer).onEvent((e) => toOurs.push(e));
    buildBridge(elsewhere.renderer).onEvent((e) => toElsewhere.push(e));
    core.api.push.emit({ event: 'deliveries.deleted', payload: { count: 1 } });
    expect(toOurs).toEqual([{ event: 'deliveries.deleted', payload: { count: 1 } }]);
    expect(toElsewhere).toEqual([]);
    unregister();
  });

  it('refuses a call whose frame is gone (senderFrame null: the frame navigated or was destroyed)', async () => {
    const core = await startTestCore();
    const ipc = new InMemoryIpc();
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    registerIpc(core.api, {
      ipcMain: { handle: (channel: string, handler: never) => void handlers.set(channel, handler), removeHandler: () => undefined } as never,
      targets: () => [ipc.window],
      isTrustedUrl: (url) => isTrustedUrl(url),
    });
    const call = handlers.get('hookbench:listRequests')!;
    const mainFrame = { url: 'app://hookbench/index.html' };
    expect(await call({ sender: { mainFrame }, senderFrame: null }, {})).toEqual({ ok: false, error: { code: 'forbidden', message: 'untrusted sender' } });
    expect(await call({ sender: { mainFrame }, senderFrame: mainFrame }, {})).toMatchObject({ ok: true });
    // Input failing the contract's schema is refused with its code, not passed on.
    expect(await call({ sender: { mainFrame }, senderFrame: mainFrame }, { limit: 'all' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
