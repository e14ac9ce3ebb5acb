import type { IpcMainInvokeEvent } from 'electron';
import type { RendererIpc } from '../../src/shared/bridge';
import type { PushEvent } from '../../src/shared/contract';
import type { IpcDeps, PushTarget } from '../../src/main/transport/ipc';

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;
type Listener = (event: unknown, message: PushEvent) => void;

/**
 * Electron's IPC pipe, in memory, for the contract tests on machines without the Electron binary:
 * the real registerIpc, the real preload bridge and the real renderer client run on both ends;
 * only the pipe is replaced. Values are structured-cloned, as Electron does.
 */
export class InMemoryIpc {
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<Listener>>();
  /** The frame the calls appear to come from; tests change it to play an untrusted sender. */
  frameUrl = 'app://hookbench/index.html';
  isIframe = false;

  readonly main: IpcDeps['ipcMain'] = {
    handle: (channel: string, handler: Handler) => void this.handlers.set(channel, handler),
    removeHandler: (channel: string) => void this.handlers.delete(channel),
  } as IpcDeps['ipcMain'];

  readonly window: PushTarget = {
    isDestroyed: () => false,
    getURL: () => this.frameUrl,
    send: (channel, event) => {
      for (const l of this.listeners.get(channel) ?? []) l({}, structuredClone(event));
    },
  };

  readonly renderer: RendererIpc = {
    invoke: async (channel, input) => {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const mainFrame = { url: this.frameUrl };
      const senderFrame = this.isIframe ? { url: this.frameUrl } : mainFrame;
      const event = { sender: { mainFrame }, senderFrame } as unknown as IpcMainInvokeEvent;
      return structuredClone(await handler(event, structuredClone(input)));
    },
    on: (channel, listener) => {
      if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
      this.listeners.get(channel)!.add(listener);
    },
    off: (channel, listener) => void this.listeners.get(channel)?.delete(listener),
  };
}
