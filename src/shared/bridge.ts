import { ipcChannel, methodNames, type HookbenchBridge, type PushEvent } from './contract';

/** The two calls of Electron's ipcRenderer the bridge needs (types only: shared stays pure). */
export interface RendererIpc {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: PushEvent) => void): void;
  off(channel: string, listener: (event: unknown, message: PushEvent) => void): void;
}

/**
 * Builds `window.hookbench` from the contract: one function per method, each a plain IPC invoke on
 * that method's channel. No logic lives here; the main process validates everything.
 */
export function buildBridge(ipc: RendererIpc): HookbenchBridge {
  const call = Object.fromEntries(
    methodNames.map((name) => [name, (input: unknown) => ipc.invoke(ipcChannel.method(name), input)]),
  ) as HookbenchBridge['call'];
  return {
    call,
    onEvent(listener) {
      const wrapped = (_event: unknown, message: PushEvent) => listener(message);
      ipc.on(ipcChannel.events, wrapped);
      return () => ipc.off(ipcChannel.events, wrapped);
    },
  };
}
