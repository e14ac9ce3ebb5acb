import { z } from 'zod';
import { contract, type MethodName, type MethodOutput, type ParsedInput, type ServerInfo } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { type Caller, roleAllows } from '../../shared/roles';
import { exportCollection } from './collections/export-collection';
import { exportRequests } from './export-requests';
import { importRequests } from './import-requests';
import { signRequest, verifyRequest } from './signatures';
import type { Forwarder } from './forward/forwarder';
import { CATCH_UP_PAGE_BYTES, recordListenSend } from './listen/server-side';
import type { PushBus } from './push-bus';
import type { TunnelService } from './tunnel/tunnel-service';
import type { TeamLink } from './team-link/team-link';
import type { EndpointsService } from './endpoints-service';
import type { Store } from './store/repositories';
import { decodeCursor } from './store/request-cursor';
import type { RequestsService } from './requests-service';
import type { SchemasService } from './schemas/schemas-service';
import { defaultTestEvent, eventCatalog } from './sender/catalog';
import type { Sender } from './sender/sender';
import type { TargetsService } from './sender/targets-service';
import { accessHandlers } from './auth/access-handlers';
import type { AuditTrail } from './auth/audit-trail';
import type { TokensService } from './auth/tokens-service';

/** One handler per contract method: the compiler flags a method added to the contract but not here. */
export type ApiHandlers = {
  [K in MethodName]: (input: ParsedInput<K>, caller: Caller) => MethodOutput<K> | Promise<MethodOutput<K>>;
};

/**
 * The core's API: implements the contract on top of the store. Transports never call the store;
 * they call `call(name, rawInput)`, which parses the input with the contract's schema first.
 */
export interface ApiDeps {
  store: Store;
  requests: RequestsService;
  info: () => ServerInfo;
  endpoints: EndpointsService;
  forwarder: Forwarder;
  tunnel: TunnelService;
  teamLink: TeamLink;
  push: PushBus;
  sender: Sender;
  targets: TargetsService;
  tokens: TokensService;
  schemas: SchemasService;
  audit: AuditTrail;
}

export class Api implements ApiSurface {
  readonly push: PushBus;
  /** Named tokens: the HTTP transport authenticates through them (authenticator.ts). */
  readonly tokens: TokensService;
  private readonly auditTrail: AuditTrail;
  private readonly handlers: ApiHandlers;
  private readonly store: Store;
  private readonly info: () => ServerInfo;

  constructor({ store, requests, info, endpoints, forwarder, tunnel, teamLink, push, sender, targets, tokens, schemas, audit }: ApiDeps) {
    this.store = store;
    this.info = info;
    this.push = push;
    this.tokens = tokens;
    this.auditTrail = audit;
    const retentionState = async () => ({ ...(await store.endpoints.retention()), usage: await store.requests.usage() });
    this.handlers = {
      getInfo: (_input, caller) => ({ ...this.info(), caller }),
      listRequests: ({ limit, cursor, ...filter }) => {
        const after = cursor === undefined ? null : decodeCursor(cursor);
        if (cursor !== undefined && after === null) throw new ApiError('invalid_input', 'cursor is not valid');
        return this.store.requests.list(filter, { limit, after });
      },
      getRequestFacets: (filter) => this.store.requests.facets(filter),
      getRequest: ({ id }) => this.requireRequest(id),
      deleteRequest: async ({ id }) => {
        const deleted = await requests.delete([id]);
        if (deleted === 0) throw new ApiError('not_found', `request ${id} does not exist`);
        return { deleted };
      },
      deleteRequests: async ({ ids, filter }) => ({
        deleted: ids ? await requests.delete(ids) : await requests.deleteMatching(filter!),
      }),
      exportRequests: ({ format, ...selection }) => {
        const { receiverUrl, version } = this.info();
        return exportRequests(this.store.requests, format, selection, { receiverUrl, version });
      },
      verifyRequest: async ({ id, secret, secrets, scheme, customScheme, toleranceSec, url, at }) => {
        const request = await this.requireRequest(id);
        const endpoint = await endpoints.get(request.endpoint);
        const base = this.info().publicUrl ?? this.info().receiverUrl;
        return verifyRequest({
          scheme: scheme ?? endpoint?.scheme ?? undefined,
          custom: customScheme ?? endpoint?.customScheme ?? undefined,
          headers: request.headers,
          body: Buffer.from(request.bodyBase64, 'base64'),
          url: url ?? base + request.path + (request.query ? `?${request.query}` : ''),
          secrets: secret ? [secret] : (secrets ?? (await endpoints.secretsOf(request.endpoint))),
          toleranceSec,
          // Timestamps are judged at arrival by default: a capture looked at later is not a replay.
          now: at === 'arrival' ? Math.floor(Date.parse(request.receivedAt) / 1000) : undefined,
          at,
        });
      },
      signPayload: ({ scheme, secret, body, url, customScheme, timestamp }) => {
        try {
          const { headers, signedString } = signRequest({ scheme, secret, body: Buffer.from(body, 'utf8'), url, custom: customScheme, timestamp });
          return { headers, signedStringBase64: signedString.toString('base64') };
        } catch (error) {
          throw new ApiError('invalid_input', (error as Error).message);
        }
      },
      replayRequest: async ({ id, url, method, headers, body, bodyBase64, resign }, caller) => {
        const edited = body !== undefined ? Buffer.from(body, 'utf8') : bodyBase64 !== undefined ? Buffer.from(bodyBase64, 'base64') : undefined;
        let signing;
        if (resign) {
          const endpoint = await endpoints.get((await this.requireRequest(id)).endpoint);
          const secret = resign.secret ?? (await endpoints.secretsOf(endpoint?.slug ?? null))[0];
          if (!secret) throw new ApiError('invalid_input', 're-signing needs a secret: give one, or set one on the endpoint');
          signing = { scheme: resign.scheme, secret, customScheme: resign.customScheme ?? endpoint?.customScheme ?? undefined };
        }
        const { record } = await forwarder.replay(id, { url, method, headers, body: edited, resign: signing }, caller.name);
        return {
          sendId: record.id,
          status: record.response?.status ?? null,
          headers: record.response?.headers ?? [],
          bodyBase64: record.response?.bodyBase64 ?? '',
          durationMs: record.durationMs,
          error: record.error,
        };
      },
      listRequestSends: async ({ id }) => {
        await this.requireRequest(id);
        return { items: await this.store.sends.list(id), nextCursor: null };
      },
      listCapturesSince: async ({ after, endpoint, limit }) => {
        const { items, more } = await this.store.requests.since(after, endpoint ?? null, limit, CATCH_UP_PAGE_BYTES);
        const last = items[items.length - 1];
        return {
          items: items.map((i) => i.request),
          positions: items.map((i) => i.position),
          nextCursor: more && last ? String(last.position) : null,
          latestId: await this.store.requests.latestPosition(),
        };
      },
      recordListenSend: async (report, caller) => recordListenSend(forwarder, await this.requireRequest(report.id), report, caller.name),
      importRequests: async (input) => ({
        // Announced like captures: every open window lists the imports at once.
        ids: await importRequests(this.store.requests, await endpoints.slugs(), input, (summary) => push.emit({ event: 'request.captured', payload: summary })),
      }),
      listEndpoints: async () => ({ items: await endpoints.list(), nextCursor: null }),
      putEndpoint: (input) => endpoints.put(input),
      deleteEndpoint: async ({ slug, clear }) => {
        await endpoints.delete(slug);
        const requestsDeleted = clear ? await requests.deleteMatching({ endpoint: [slug] }) : 0;
        return { deleted: true, requestsDeleted };
      },
      getTunnelStatus: () => tunnel.status,
      startTunnel: ({ host, subdomain }) => tunnel.start({ host, subdomain }),
      stopTunnel: () => tunnel.stop(),
      retryTunnel: () => tunnel.retryNow(),
      getTeamLink: () => teamLink.view(),
      putTeamLink: (input) => teamLink.put(input),
      deleteTeamLink: () => teamLink.remove(),
      getRetention: retentionState,
      putRetention: async (retention) => {
        await this.store.endpoints.setRetention(retention);
        await requests.applyRetention(retention);
        return retentionState();
      },
      previewRetention: async (retention) => ({ wouldDelete: await this.store.requests.previewRetention(retention) }),
      putWebhookConfig: (input) => targets.put(input),
      listWebhookTargets: async () => ({ items: await targets.list(), nextCursor: null }),
      deleteWebhookTarget: async ({ id }) => {
        await targets.delete(id);
        return { deleted: true };
      },
      getEventCatalog: () => ({ items: eventCatalog(), nextCursor: null }),
      emitEvent: async (input) => {
        const deliveries = await sender.emit(input);
        return { ids: deliveries.map((d) => d.id), deliveries };
      },
      sendTestEvent: async ({ targetId, event, payload }) => {
        const chosen = targetId === undefined ? (await targets.list()).filter((t) => t.active) : [await targets.get(targetId)];
        if (chosen.length === 0) throw new ApiError('invalid_input', 'there is no active target to test; add one first');
        const off = chosen.find((t) => !t.active);
        if (off) throw new ApiError('invalid_input', `target ${off.id} is switched off${off.disabledReason ? ` (${off.disabledReason})` : ''}; switch it on to test it`);
        const made = await Promise.all(chosen.map((t) => sender.emit({ event: event ?? defaultTestEvent(t.provider), provider: t.provider, payload, targetIds: [t.id], test: true })));
        const deliveries = made.flat();
        return { ids: deliveries.map((d) => d.id), deliveries };
      },
      listDeliveries: ({ limit, cursor, ...filter }) => this.store.deliveries.list(filter, limit, cursor === undefined ? null : Number(cursor)),
      getDelivery: async ({ id }) => {
        const found = await this.store.deliveries.detail(id);
        if (!found) throw new ApiError('not_found', `delivery ${id} does not exist`);
        return found;
      },
      listDeliveryLogs: ({ limit, cursor, ...filter }) => this.store.deliveries.logs(filter, limit, cursor === undefined ? null : Number(cursor)),
      listFailedDeliveries: ({ limit, cursor, ...filter }) => this.store.deliveries.list({ ...filter, state: ['dead'] }, limit, cursor === undefined ? null : Number(cursor)),
      resendFailedDelivery: async ({ id }) => {
        if (!(await this.store.deliveries.get(id))) throw new ApiError('not_found', `delivery ${id} does not exist`);
        return sender.resend([id]);
      },
      deleteDeliveries: async ({ target, states }) => {
        const deleted = await this.store.deliveries.deleteInStates(states, target);
        push.emit({ event: 'deliveries.deleted', payload: { count: deleted } });
        return { deleted };
      },
      resendAllFailed: async ({ target }) => sender.resend(await this.store.deliveries.deadIds(target)),
      listSchemas: ({ endpoint }) => schemas.list(endpoint),
      getSchema: (key) => schemas.get(key),
      rebuildSchema: ({ filter, ...key }) => schemas.rebuild(key, filter),
      pinSchema: ({ jsonSchema, ...key }) => schemas.pin(key, jsonSchema),
      acceptDrift: ({ requestId }) => schemas.accept(requestId),
      generateTypes: (input) => schemas.generateTypes(input),
      getSchemaSettings: () => schemas.settings(),
      putSchemaSettings: (settings) => schemas.putSettings(settings),
      exportCollection: ({ name, ...selection }) => exportCollection(this.store.requests, selection, name),
      ...accessHandlers(this.tokens, store.audit),
    };
  }

  private async requireRequest(id: number) {
    const found = await this.store.requests.get(id);
    if (!found) throw new ApiError('not_found', `request ${id} does not exist`);
    return found;
  }

  /**
   * Every call from every transport comes through here: the caller's role is checked against the
   * method's (contract.ts) before the input is even parsed, so no transport can forget it; and a
   * mutation (`audit` in the contract) is written to the audit log with its caller and outcome,
   * refusals included.
   */
  async call<K extends MethodName>(name: K, rawInput: unknown, caller: Caller): Promise<MethodOutput<K>> {
    if (!contract[name]?.audit) return this.run(name, rawInput, caller);
    return this.auditTrail.run(caller, name, rawInput, () => this.run(name, rawInput, caller));
  }

  /** Checks the role, validates untrusted input against the contract, then runs the method. */
  private async run<K extends MethodName>(name: K, rawInput: unknown, caller: Caller): Promise<MethodOutput<K>> {
    const parsed = checkCall(name, rawInput, caller);
    const handler = this.handlers[name] as (input: unknown, caller: Caller) => MethodOutput<K> | Promise<MethodOutput<K>>;
    return handler(parsed, caller);
  }
}

/**
 * What a transport needs of the core: one `call` for every method, the push events to carry, the
 * named tokens to authenticate with. Both `Api` and `ActiveApi` (which may relay to a team server) are one.
 */
export interface ApiSurface {
  call<K extends MethodName>(name: K, rawInput: unknown, caller: Caller): Promise<MethodOutput<K>>;
  readonly push: PushBus;
  readonly tokens: TokensService;
}

/** The caller's role against the method's (contract.ts), then the untrusted input against its schema: returns the parsed input. */
export function checkCall<K extends MethodName>(name: K, rawInput: unknown, caller: Caller): ParsedInput<K> {
  const def = contract[name];
  if (!def) throw new ApiError('not_found', `unknown method ${String(name)}`);
  if (!roleAllows(caller.role, def.role)) {
    throw new ApiError('forbidden', `${name} needs the ${def.role} role; "${caller.name}" is a ${caller.role}`);
  }
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) throw new ApiError('invalid_input', z.prettifyError(parsed.error));
  return parsed.data as ParsedInput<K>;
}

/** Maps anything thrown by a handler to the error shape every transport returns. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  process.stderr.write(`hookbench: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return new ApiError('internal', 'Something went wrong inside Hookbench; the details are in its log.');
}
