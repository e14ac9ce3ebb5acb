import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel, methodNames, type IpcResult, type PushEvent } from '../../shared/contract';
import { LOCAL_ADMIN } from '../../shared/roles';
import { toApiError, type ApiSurface } from '../core/api';

/** A window the push events go to (Electron's WebContents has these). */
export interface PushTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, event: PushEvent): void;
}

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** Every open window; filtered to our own UI before anything is sent. */
  targets: () => PushTarget[];
  isTrustedUrl: (url: string) => boolean;
}

/**
 * The desktop transport: one `ipcMain.handle` channel per contract method, plus push events sent
 * to every window of ours. Each call is checked for its sender (the top frame of our own UI, never
 * an iframe or a page navigated elsewhere) before its input is parsed with the contract's schema.
 * Electron's objects come in as parameters so the same code runs under the contract tests.
 */
export function registerIpc(api: ApiSurface, { ipcMain, targets, isTrustedUrl }: IpcDeps): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return frame !== null && frame === event.sender.mainFrame && isTrustedUrl(frame.url);
  };

  for (const name of methodNames) {
    ipcMain.handle(ipcChannel.method(name), async (event, input: unknown): Promise<IpcResult<unknown>> => {
      if (!trusted(event)) return { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
      try {
        return { ok: true, value: await api.call(name, input, LOCAL_ADMIN) };
      } catch (error) {
        const e = toApiError(error);
        return { ok: false, error: { code: e.code, message: e.message } };
      }
    });
  }

  const unsubscribe = api.push.subscribe((event) => {
    for (const target of targets()) {
      if (!target.isDestroyed() && isTrustedUrl(target.getURL())) target.send(ipcChannel.events, event);
    }
  });

  return () => {
    unsubscribe();
    for (const name of methodNames) ipcMain.removeHandler(ipcChannel.method(name));
  };
}
