import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannel, methodNames, type HookbenchBridge, type PushEvent } from '../shared/contract';

// The bridge only: no logic. Every method of the contract becomes window.hookbench.call[name];
// the main process validates each input with zod and checks which frame sent it.
const call = Object.fromEntries(
  methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel.method(name), input)]),
) as HookbenchBridge['call'];

const bridge: HookbenchBridge = {
  call,
  onEvent(listener) {
    const wrapped = (_event: IpcRendererEvent, message: PushEvent) => listener(message);
    ipcRenderer.on(ipcChannel.events, wrapped);
    return () => ipcRenderer.off(ipcChannel.events, wrapped);
  },
};

contextBridge.exposeInMainWorld('hookbench', bridge);
