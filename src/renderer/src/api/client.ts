import type { HookbenchBridge } from '../../../shared/contract';
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';
import type { HookbenchClient } from './client-types';

export type { ConnectionDetail, ConnectionState, HookbenchClient } from './client-types';
export { ClientError } from './client-types';

declare global {
  interface Window {
    hookbench?: HookbenchBridge;
  }
}

export class MissingTokenError extends Error {}

/** Where this tab keeps its access token (per tab: sessionStorage), so a reload keeps working. */
const TOKEN_KEY = 'hookbench.token';

/** Desktop: the preload bridge. Browser: HTTP with the token from the page URL. */
export function createClient(): HookbenchClient {
  if (window.hookbench) return createIpcClient(window.hookbench);
  return createHttpClient(window.location.origin, takeToken(), (token) => sessionStorage.setItem(TOKEN_KEY, token));
}

/** Reads the token from `?token=` once, keeps it for this tab, and removes it from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  const kept = sessionStorage.getItem(TOKEN_KEY);
  if (!kept) throw new MissingTokenError('Open the UI address printed by "hookbench serve": it carries the access token.');
  return kept;
}
