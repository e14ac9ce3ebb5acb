import type { Headless } from '../../src/main/headless';
import { json } from './http';

/** Calls the headless REST API the way any script would: JSON, bearer token, loopback. */
export function rest(server: Headless) {
  const origin = new URL(server.ready.uiUrl).origin;
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> =>
    json<T>(origin + path, {
      method,
      headers: {
        Authorization: `Bearer ${server.ready.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}
