import { z } from 'zod';
import { RequestFacets, RequestFilter } from './request-filter';
import { RequestDetail, RequestSummary, pageOf } from './request-schemas';

/**
 * The single list of everything the UI can ask of the core, and everything the core pushes.
 *
 * Every transport is derived from this object: the Electron IPC handlers and the preload bridge
 * (one channel per method), the headless HTTP routes, and the renderer's clients. Adding a method
 * here and implementing it in `main/core/api.ts` is all it takes to expose it everywhere; the
 * compiler points at whatever is missing.
 *
 * Inputs are parsed with `input` on the receiving side of each transport (never trusted). For GET
 * and DELETE routes the input is built from the path parameters and the query string, so its
 * schema coerces strings; for other verbs it is the JSON body merged with the path parameters.
 */

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  route: { method: HttpVerb; path: `/api/v2/${string}` };
  input: I;
  output: O;
  summary: string;
}

function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}

/** A positive integer id coming from a path segment or a JSON number. */
const Id = z.coerce.number().int().positive();

export const ServerInfo = z.object({
  version: z.string(),
  /** Where webhooks are captured, e.g. `http://127.0.0.1:8989`. */
  receiverUrl: z.string(),
  /** The tunnel's public URL when one is up. */
  publicUrl: z.string().nullable(),
  /** How the UI reaches the core: through Electron IPC or the headless HTTP server. */
  mode: z.enum(['desktop', 'headless']),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

export const ListRequestsInput = RequestFilter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type ListRequestsInput = z.infer<typeof ListRequestsInput>;

export const contract = {
  getInfo: method({
    summary: 'Version, receiver URL and public URL of this Hookbench',
    route: { method: 'GET', path: '/api/v2/info' },
    input: z.object({}),
    output: ServerInfo,
  }),
  listRequests: method({
    summary: 'Captured requests, newest first, filtered by event, status, method, endpoint, date and text; cursor paging',
    route: { method: 'GET', path: '/api/v2/requests' },
    input: ListRequestsInput,
    output: pageOf(RequestSummary),
  }),
  getRequestFacets: method({
    summary: 'Counts per event, status class, method and endpoint within a filter',
    route: { method: 'GET', path: '/api/v2/requests/facets' },
    input: RequestFilter,
    output: RequestFacets,
  }),
  getRequest: method({
    summary: 'One captured request with its headers (arrival order) and exact body',
    route: { method: 'GET', path: '/api/v2/requests/:id' },
    input: z.object({ id: Id }),
    output: RequestDetail,
  }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type MethodOutput<K extends MethodName> = z.output<Contract[K]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

/** Push events, from the core to every connected UI. */
export const pushEvents = {
  'request.captured': RequestSummary,
} as const;

export type PushEventName = keyof typeof pushEvents;
export type PushEvent = {
  [K in PushEventName]: { event: K; payload: z.output<(typeof pushEvents)[K]> };
}[PushEventName];

export const pushEventNames = Object.keys(pushEvents) as PushEventName[];

/** The WebSocket route that carries push events in headless mode. */
export const PUSH_ROUTE = '/api/v2/ws';

/**
 * Browsers cannot set an Authorization header on a WebSocket, so the token travels as a
 * subprotocol `bearer.<base64url(token)>` next to the real protocol name.
 */
export const WS_PROTOCOL = 'hookbench.v1';
export const WS_TOKEN_PREFIX = 'bearer.';

/** Electron IPC channel names, derived from the method names. */
export const ipcChannel = {
  method: (name: MethodName) => `hookbench:${name}`,
  events: 'hookbench:event',
} as const;

/** What an IPC handler returns: Electron mangles thrown errors, so errors travel as data. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Fill `:param` segments of a route from an input object; the rest of the input is returned. */
export function fillRoute(
  path: string,
  input: Record<string, unknown>,
): { path: string; rest: Record<string, unknown> } {
  const rest = { ...input };
  const filled = path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const value = rest[key];
    delete rest[key];
    if (value === undefined || value === null) throw new Error(`missing route parameter ${key}`);
    return encodeURIComponent(String(value));
  });
  return { path: filled, rest };
}

/** `bearer.<hex of the token's UTF-8 bytes>`: hex keeps any token inside the subprotocol grammar. */
export function tokenToWsProtocol(token: string): string {
  let hex = '';
  for (const byte of new TextEncoder().encode(token)) hex += byte.toString(16).padStart(2, '0');
  return WS_TOKEN_PREFIX + hex;
}

export function wsProtocolToToken(protocol: string): string | null {
  if (!protocol.startsWith(WS_TOKEN_PREFIX)) return null;
  const hex = protocol.slice(WS_TOKEN_PREFIX.length);
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return new TextDecoder().decode(bytes);
}

/**
 * What the preload exposes as `window.hookbench` in the desktop app: one function per contract
 * method (same names), and a push-event subscription. Built from `methodNames`, never by hand.
 */
export interface HookbenchBridge {
  call: { [K in MethodName]: (input: MethodInput<K>) => Promise<IpcResult<MethodOutput<K>>> };
  onEvent(listener: (event: PushEvent) => void): () => void;
}
