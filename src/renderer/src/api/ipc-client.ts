import type { HookbenchBridge, MethodInput, MethodName } from '../../../shared/contract';
import { ClientError, parseOutput, type HookbenchClient } from './client-types';

/** Desktop mode: the preload bridge. IPC is always connected while the window lives. */
export function createIpcClient(bridge: HookbenchBridge): HookbenchClient {
  return {
    async call(name, input) {
      const invoke = bridge.call[name] as (input: MethodInput<MethodName>) => ReturnType<HookbenchBridge['call'][MethodName]>;
      const result = await invoke(input);
      if (!result.ok) throw new ClientError(result.error.code, result.error.message);
      return parseOutput(name, result.value);
    },
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection(listener) {
      listener('online', { retryAt: null });
      return () => undefined;
    },
    // IPC needs no token and never drops while the window lives.
    retryNow: () => undefined,
    setToken: () => undefined,
    close: () => undefined,
  };
}
