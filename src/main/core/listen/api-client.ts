import { contract, fillRoute, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/contract';

/**
 * A typed client of a Hookbench server's REST API for Node (the renderer has its own, browser
 * one): routes, verbs and output schemas all come from the contract, so a renamed route or a
 * changed shape fails here, loudly, not as a silent misread.
 */

/** Why a call failed: `status` null means no HTTP answer (refused, reset, timed out, DNS). */
export class RemoteError extends Error {
  constructor(
    readonly status: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }

  /** Worth trying again later: the server is unreachable, overloaded, restarting or rate-limiting. */
  get transient(): boolean {
    return this.status === null || this.status === 429 || this.status >= 500;
  }
}

export interface ApiClient {
  call<K extends MethodName>(name: K, input: MethodInput<K>, signal?: AbortSignal): Promise<MethodOutput<K>>;
}

const CALL_TIMEOUT_MS = 30_000;

/** What undici's "fetch failed" means, in words (its cause carries the socket error). */
function networkMessage(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${CALL_TIMEOUT_MS / 1000} s`;
  if (e.name === 'AbortError') return 'stopped';
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  return e.cause?.message ?? e.message ?? String(error);
}

export function createApiClient(serverUrl: string, token: string): ApiClient {
  const origin = new URL(serverUrl);
  return {
    async call(name, input, signal) {
      const { route, output } = contract[name];
      const { path, rest } = fillRoute(route.path, input as Record<string, unknown>);
      const url = new URL(path, origin);
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
      let body: string | undefined;
      if (route.method === 'GET' || route.method === 'DELETE') {
        for (const [key, value] of Object.entries(rest)) {
          if (value === undefined || value === null) continue;
          for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
        }
      } else {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(rest);
      }
      const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS);
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, { method: route.method, headers, body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
        text = await response.text();
      } catch (error) {
        // The message names the server, never the token (it travels in a header only).
        throw new RemoteError(null, 'network', `${origin.origin}: ${networkMessage(error)}`);
      }
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        // A proxy's HTML error page, say: reported by status below.
      }
      if (!response.ok) {
        const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
        throw new RemoteError(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status} from ${origin.origin}`);
      }
      const checked = output.safeParse(parsed);
      if (!checked.success) throw new RemoteError(response.status, 'bad_response', `${name}: the server's answer does not match this version of Hookbench`);
      return checked.data as MethodOutput<typeof name>;
    },
  };
}
