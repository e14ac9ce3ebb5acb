import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, type RendererIpc } from '../shared/bridge';

// The bridge only: every contract method becomes window.hookbench.call[name] (see shared/bridge).
// The main process checks the sending frame and parses each input with the contract's zod schema.
contextBridge.exposeInMainWorld('hookbench', buildBridge(ipcRenderer as unknown as RendererIpc));
