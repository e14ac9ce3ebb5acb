import { z } from 'zod';
import { contract, type MethodName, type MethodOutput, type ParsedInput, type ServerInfo } from '../../shared/contract';
import { DEFAULT_RESPONSE } from '../../shared/endpoint-schemas';
import { ApiError } from '../../shared/errors';
import { exportRequests } from './export-requests';
import { importRequests } from './import-requests';
import type { Forwarder } from './forward/forwarder';
import type { PushBus } from './push-bus';
import type { EndpointRouter } from './receiver/endpoint-router';
import type { Store } from './store/store';
import { decodeCursor } from './store/repos/requests-repo';

/** One handler per contract method: the compiler flags a method added to the contract but not here. */
export type ApiHandlers = {
  [K in MethodName]: (input: ParsedInput<K>) => MethodOutput<K> | Promise<MethodOutput<K>>;
};

/**
 * The core's API: implements the contract on top of the store. Transports never call the store;
 * they call `call(name, rawInput)`, which parses the input with the contract's schema first.
 */
export interface ApiDeps {
  store: Store;
  info: () => ServerInfo;
  router: EndpointRouter;
  forwarder: Forwarder;
  push: PushBus;
}

export class Api {
  readonly push: PushBus;
  private readonly handlers: ApiHandlers;
  private readonly store: Store;
  private readonly info: () => ServerInfo;
  private readonly router: EndpointRouter;

  constructor({ store, info, router, forwarder, push }: ApiDeps) {
    this.store = store;
    this.info = info;
    this.router = router;
    this.push = push;
    router.replace(store.endpoints.list());
    const retentionState = () => ({ ...store.endpoints.retention(), usage: store.requests.usage() });
    this.handlers = {
      getInfo: () => this.info(),
      listRequests: ({ limit, cursor, ...filter }) => {
        const after = cursor === undefined ? null : decodeCursor(cursor);
        if (cursor !== undefined && after === null) throw new ApiError('invalid_input', 'cursor is not valid');
        return this.store.requests.list(filter, { limit, after });
      },
      getRequestFacets: (filter) => this.store.requests.facets(filter),
      getRequest: ({ id }) => {
        const found = this.store.requests.get(id);
        if (!found) throw new ApiError('not_found', `request ${id} does not exist`);
        return found;
      },
      deleteRequest: ({ id }) => {
        const deleted = this.store.requests.delete([id]).length;
        if (deleted === 0) throw new ApiError('not_found', `request ${id} does not exist`);
        return { deleted };
      },
      deleteRequests: async ({ ids, filter }) => ({
        deleted: ids ? this.store.requests.delete(ids).length : await this.store.requests.deleteMatching(filter!),
      }),
      exportRequests: ({ format, ...selection }) => {
        const { receiverUrl, version } = this.info();
        return exportRequests(this.store.requests, format, selection, { receiverUrl, version });
      },
      replayRequest: async ({ id, url, method, headers, body, bodyBase64 }) => {
        const edited = body !== undefined ? Buffer.from(body, 'utf8') : bodyBase64 !== undefined ? Buffer.from(bodyBase64, 'base64') : undefined;
        const { record } = await forwarder.replay(id, { url, method, headers, body: edited });
        return {
          sendId: record.id,
          status: record.response?.status ?? null,
          headers: record.response?.headers ?? [],
          bodyBase64: record.response?.bodyBase64 ?? '',
          durationMs: record.durationMs,
          error: record.error,
        };
      },
      listRequestSends: ({ id }) => {
        if (!this.store.requests.get(id)) throw new ApiError('not_found', `request ${id} does not exist`);
        return { items: this.store.sends.list(id), nextCursor: null };
      },
      importRequests: async (input) => ({
        ids: await importRequests(this.store.requests, new Set(this.store.endpoints.list().map((e) => e.slug)), input),
      }),
      listEndpoints: () => ({ items: this.store.endpoints.list(), nextCursor: null }),
      putEndpoint: ({ slug, name, response, forwardUrl, proxy }) => {
        const existing = this.store.endpoints.get(slug);
        const saved = this.store.endpoints.save({
          slug,
          name: name ?? existing?.name ?? slug,
          response: { ...(existing?.response ?? DEFAULT_RESPONSE), ...response },
          forwardUrl: forwardUrl === undefined ? (existing?.forwardUrl ?? null) : forwardUrl,
          proxy: proxy ?? existing?.proxy ?? false,
          createdAt: existing?.createdAt ?? new Date().toISOString(),
        });
        this.endpointsChanged();
        return saved;
      },
      deleteEndpoint: async ({ slug, clear }) => {
        const deleted = this.store.endpoints.delete(slug);
        if (!deleted) throw new ApiError('not_found', `endpoint ${slug} does not exist`);
        this.endpointsChanged();
        const requestsDeleted = clear ? await this.store.requests.deleteMatching({ endpoint: [slug] }) : 0;
        return { deleted, requestsDeleted };
      },
      getRetention: retentionState,
      putRetention: (retention) => {
        this.store.endpoints.setRetention(retention);
        this.store.requests.setRetention(retention);
        return retentionState();
      },
    };
  }

  /** The receiver routes by the new set at once, and every UI hears of it. */
  private endpointsChanged(): void {
    const items = this.store.endpoints.list();
    this.router.replace(items);
    this.push.emit({ event: 'endpoints.changed', payload: { items } });
  }

  /** Validates untrusted input against the contract, then runs the method. */
  async call<K extends MethodName>(name: K, rawInput: unknown): Promise<MethodOutput<K>> {
    const def = contract[name];
    if (!def) throw new ApiError('not_found', `unknown method ${String(name)}`);
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw new ApiError('invalid_input', z.prettifyError(parsed.error));
    const handler = this.handlers[name] as (input: unknown) => MethodOutput<K> | Promise<MethodOutput<K>>;
    return handler(parsed.data);
  }
}

/** Maps anything thrown by a handler to the error shape every transport returns. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  process.stderr.write(`hookbench: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return new ApiError('internal', 'Something went wrong inside Hookbench; the details are in its log.');
}
