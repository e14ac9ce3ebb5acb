import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { ipcChannel, methodNames, type IpcResult } from '../../shared/contract';
import { toApiError, type Api } from '../core/api';

/**
 * The desktop transport: one `ipcMain.handle` channel per contract method, plus push events sent
 * to every window. Each call is checked for its sender (the top frame of our own UI, never an
 * iframe or a navigated-away page) before its input is parsed with the contract's schema.
 */
export function registerIpc(api: Api, isTrustedUrl: (url: string) => boolean): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return frame !== null && frame === event.sender.mainFrame && isTrustedUrl(frame.url);
  };

  for (const name of methodNames) {
    ipcMain.handle(ipcChannel.method(name), async (event, input: unknown): Promise<IpcResult<unknown>> => {
      if (!trusted(event)) return { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
      try {
        return { ok: true, value: await api.call(name, input) };
      } catch (error) {
        const e = toApiError(error);
        return { ok: false, error: { code: e.code, message: e.message } };
      }
    });
  }

  const unsubscribe = api.push.subscribe((event) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isTrustedUrl(contents.getURL())) contents.send(ipcChannel.events, event);
    }
  });

  return () => {
    unsubscribe();
    for (const name of methodNames) ipcMain.removeHandler(ipcChannel.method(name));
  };
}
