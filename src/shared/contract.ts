import { z } from 'zod';
import { Endpoint, PutEndpointInput, Retention, Slug } from './endpoint-schemas';
import { Har } from './export/har';
import { RequestFacets, RequestFilter } from './request-filter';
import { HeaderPairs, RequestDetail, RequestSummary, pageOf } from './request-schemas';
import { ListenSendReport, SendFailureKind, SendKind, SendRecord } from './send-schemas';
import { CustomScheme, ReferenceTime, SchemeId, VerifyResult } from './signatures';
import { Caller, Role } from './roles';
import { AuditEntry, AuditFilter, CreatedToken, TokenInfo, TokenName } from './access-schemas';
import { TunnelStatus, TunnelSubdomain } from './tunnel-schemas';
import { PutTeamLinkInput, TeamLinkStatus, TeamLinkView } from './team-link-schemas';
import { Collection } from './contracts/collection';
import { DriftDifference } from './contracts/drift';
import { AcceptDriftInput, GenerateTypesInput, GeneratedTypes, PinSchemaInput, RebuildSchemaInput, SchemaDetail, SchemaKey, SchemaSettings, SchemaSummary } from './contracts/schema-api';
import { Attempt, Delivery, DeliveryDetail, DeliveryFilter, EmitEventInput, ProviderCatalog, PutTargetInput, SavedTarget, Target } from './sender-schemas';

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
  /** The least role that may call it (roles.ts): checked by the Api for every transport. */
  role: Role;
  /** A mutation: who called it, and on what, is kept in the audit log. */
  audit: boolean;
  /** About this app's own link to a team server: answered here even while the UI browses that server, so the user can switch back. */
  local?: true;
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
  /** Who is asking (token name and role), so a UI can hide what its role cannot do. */
  caller: Caller.optional(),
  /**
   * Set while this app browses a team server: the rest of this answer is the team server's (its
   * `caller` is the stored team token's name and role), and `localCaller` is who asks here, whose
   * role gates the `local` methods.
   */
  remote: z.object({ url: z.string(), localCaller: Caller }).optional(),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

export const ListRequestsInput = RequestFilter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type ListRequestsInput = z.infer<typeof ListRequestsInput>;

/** A boolean that may arrive as `true`/`false` in a query string. */
const BoolParam = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** Which requests a bulk action applies to: a selection, or everything a filter matches. */
export const RequestSelection = z
  .object({
    ids: z.array(Id).max(10_000).optional(),
    filter: RequestFilter.optional(),
  })
  .refine((s) => (s.ids === undefined) !== (s.filter === undefined), 'give either ids or filter');
export type RequestSelection = z.output<typeof RequestSelection>;

/** The JSON export: every field of each request, bodies exact (base64). */
export const JsonExport = z.object({
  format: z.literal('hookbench-requests'),
  version: z.string(),
  exportedAt: z.iso.datetime(),
  /** Set when the selection was larger than one export may hold. */
  truncated: z.boolean(),
  items: z.array(RequestDetail),
});
export type JsonExport = z.infer<typeof JsonExport>;

export const ReplayInput = z
  .object({
    id: Id,
    /** Any http(s) URL; default: the endpoint's forward target. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    method: z.string().regex(/^[A-Za-z]{1,24}$/).transform((m) => m.toUpperCase()).optional(),
    headers: HeaderPairs.max(500).optional(),
    /** Edited body as text (UTF-8) or as exact bytes; neither = the captured body. */
    body: z.string().optional(),
    bodyBase64: z.base64().optional(),
    /** Re-sign the bytes sent with a fresh timestamp; the secret defaults to the endpoint's newest. */
    resign: z.object({ scheme: SchemeId, secret: z.string().min(1).optional(), customScheme: CustomScheme.optional() }).optional(),
  })
  .refine((r) => r.body === undefined || r.bodyBase64 === undefined, 'give body or bodyBase64, not both');

export const VerifyInput = z.object({
  id: Id,
  /** One secret, or several (rotation); neither = the endpoint's stored secrets. */
  secret: z.string().min(1).optional(),
  secrets: z.array(z.string().min(1)).max(10).optional(),
  /** Overrides detection / the endpoint's scheme. */
  scheme: SchemeId.optional(),
  customScheme: CustomScheme.optional(),
  /** Overrides the scheme's default; 0 turns the timestamp check off. */
  toleranceSec: z.coerce.number().int().min(0).max(31_536_000).optional(),
  /** The URL the provider signed (Twilio); default: the public URL, else the receiver URL, + path. */
  url: z.url().optional(),
  /** Judge a signed timestamp against the time the request arrived (default) or the current time. */
  at: ReferenceTime.default('arrival'),
});

export const ReplayResult = z.object({
  sendId: z.number().int(),
  /** Null when no answer came (see `error`). */
  status: z.number().int().nullable(),
  headers: HeaderPairs,
  bodyBase64: z.string(),
  durationMs: z.number().int(),
  error: z.object({ kind: SendFailureKind, message: z.string() }).nullable(),
});
export type ReplayResult = z.infer<typeof ReplayResult>;

export const RetentionState = Retention.extend({
  usage: z.object({ count: z.number().int(), bytes: z.number().int() }),
});
export type RetentionState = z.infer<typeof RetentionState>;

export const contract = {
  getInfo: method({
    role: 'viewer',
    audit: false,
    summary: 'Version, receiver URL and public URL of this Hookbench',
    route: { method: 'GET', path: '/api/v2/info' },
    input: z.object({}),
    output: ServerInfo,
  }),
  listRequests: method({
    role: 'viewer',
    audit: false,
    summary: 'Captured requests, newest first, filtered by event, status, method, endpoint, date and text; cursor paging',
    route: { method: 'GET', path: '/api/v2/requests' },
    input: ListRequestsInput,
    output: pageOf(RequestSummary),
  }),
  getRequestFacets: method({
    role: 'viewer',
    audit: false,
    summary: 'Counts per event, status class, method and endpoint within a filter',
    route: { method: 'GET', path: '/api/v2/requests/facets' },
    input: RequestFilter,
    output: RequestFacets,
  }),
  getRequest: method({
    role: 'viewer',
    audit: false,
    summary: 'One captured request with its headers (arrival order) and exact body',
    route: { method: 'GET', path: '/api/v2/requests/:id' },
    input: z.object({ id: Id }),
    output: RequestDetail,
  }),
  deleteRequest: method({
    role: 'admin',
    audit: true,
    summary: 'Delete one captured request',
    route: { method: 'DELETE', path: '/api/v2/requests/:id' },
    input: z.object({ id: Id }),
    output: z.object({ deleted: z.number().int() }),
  }),
  deleteRequests: method({
    role: 'admin',
    audit: true,
    summary: 'Delete a selection (`ids`) or everything a filter matches (`filter`; `{endpoint: [slug]}` clears an endpoint)',
    route: { method: 'POST', path: '/api/v2/requests/delete' },
    input: RequestSelection,
    output: z.object({ deleted: z.number().int() }),
  }),
  exportRequests: method({
    role: 'viewer',
    audit: false,
    summary: 'Export a selection or a filter result as HAR 1.2 or as JSON (exact bodies)',
    route: { method: 'POST', path: '/api/v2/requests/export' },
    input: z.intersection(z.object({ format: z.enum(['har', 'json']) }), RequestSelection),
    output: z.union([Har, JsonExport]),
  }),
  verifyRequest: method({
    role: 'member',
    audit: false,
    summary: 'Verify a captured request\'s signature on its exact bytes: valid, or why not (wrong secret or altered body, stale timestamp, header missing, encoding mismatch, …)',
    route: { method: 'POST', path: '/api/v2/requests/:id/verify' },
    input: VerifyInput,
    output: VerifyResult,
  }),
  signPayload: method({
    role: 'member',
    audit: false,
    summary: 'Sign a body as a provider would: the headers to send (the Signature Lab\'s "sign this")',
    route: { method: 'POST', path: '/api/v2/signatures/sign' },
    input: z.object({
      scheme: SchemeId,
      secret: z.string().min(1),
      body: z.string(),
      url: z.url().optional(),
      customScheme: CustomScheme.optional(),
      timestamp: z.number().int().positive().optional(),
    }),
    output: z.object({ headers: HeaderPairs, signedStringBase64: z.string() }),
  }),
  replayRequest: method({
    role: 'member',
    audit: true,
    summary: 'Send a captured request again (to its forward target or `url`), optionally edited; stored with the original',
    route: { method: 'POST', path: '/api/v2/requests/:id/replay' },
    input: ReplayInput,
    output: ReplayResult,
  }),
  listRequestSends: method({
    role: 'viewer',
    audit: false,
    summary: "A request's forward, replays and `hookbench listen` forwards, newest first, with who sent each, what was sent and what came back",
    route: { method: 'GET', path: '/api/v2/requests/:id/sends' },
    input: z.object({ id: Id }),
    output: pageOf(SendRecord),
  }),
  listCapturesSince: method({
    role: 'viewer',
    audit: false,
    summary: 'Captures after feed position `after` (of one endpoint if given), in commit order, in full (headers, exact body): the catch-up feed of `hookbench listen`. `positions[i]` is the feed position of `items[i]` (its id on SQLite; on a shared PostgreSQL database the commit order, which ids do not follow across instances); continue from the last one you handled. Pages stop at `limit` or about 8 MiB of bodies; `latestId` is the newest position (`limit=0` asks for it alone). Imported requests are left out',
    route: { method: 'GET', path: '/api/v2/requests/since' },
    input: z.object({
      after: z.coerce.number().int().min(0).default(0),
      endpoint: Slug.optional(),
      limit: z.coerce.number().int().min(0).max(200).default(50),
    }),
    output: pageOf(RequestDetail).extend({
      latestId: z.number().int().nonnegative(),
      /** Absent from servers before 2026-12: there the position is the id. */
      positions: z.array(z.number().int().nonnegative()).optional(),
    }),
  }),
  recordListenSend: method({
    role: 'member',
    // The send itself records who (`by`); one audit row per forwarded webhook would drown the log.
    audit: false,
    summary: 'Record what a local app answered to a `hookbench listen` forward of this capture: a send of kind `listen` by the caller, shown in the Sends tab',
    route: { method: 'POST', path: '/api/v2/requests/:id/sends' },
    input: ListenSendReport,
    output: SendRecord,
  }),
  importRequests: method({
    role: 'member',
    audit: true,
    summary: 'Import a HAR 1.2 log or a cURL command as stored requests (to inspect and replay)',
    route: { method: 'POST', path: '/api/v2/requests/import' },
    input: z.object({ har: Har.optional(), curl: z.string().max(1024 * 1024).optional() }).refine((i) => (i.har === undefined) !== (i.curl === undefined), 'give har or curl'),
    output: z.object({ ids: z.array(z.number().int()) }),
  }),
  listEndpoints: method({
    role: 'viewer',
    audit: false,
    summary: 'Endpoints (named inboxes): slug, name and configured response',
    route: { method: 'GET', path: '/api/v2/endpoints' },
    input: z.object({}),
    output: pageOf(Endpoint),
  }),
  putEndpoint: method({
    role: 'admin',
    audit: true,
    summary: 'Create an endpoint or update its name and response (status, headers, body, delayMs ≤ 30000)',
    route: { method: 'PUT', path: '/api/v2/endpoints/:slug' },
    input: PutEndpointInput,
    output: Endpoint,
  }),
  deleteEndpoint: method({
    role: 'admin',
    audit: true,
    summary: 'Delete an endpoint; its captured requests stay unless `clear=true`',
    route: { method: 'DELETE', path: '/api/v2/endpoints/:slug' },
    input: z.object({ slug: Slug, clear: BoolParam.default(false) }),
    output: z.object({ deleted: z.boolean(), requestsDeleted: z.number().int() }),
  }),
  getTunnelStatus: method({
    role: 'viewer',
    audit: false,
    summary: 'The tunnel: state (connecting, online, reconnecting with the attempt count and the next try, failed after the last attempt, offline), public URL, last error',
    route: { method: 'GET', path: '/api/v2/tunnel' },
    input: z.object({}),
    output: TunnelStatus,
  }),
  startTunnel: method({
    role: 'admin',
    audit: true,
    summary: 'Open (or reopen) the public URL for the receiver through localtunnel; `host` for a self-hosted server',
    route: { method: 'POST', path: '/api/v2/tunnel/start' },
    input: z.object({ host: z.url({ protocol: /^https?$/ }).optional(), subdomain: TunnelSubdomain.nullable().optional() }),
    output: TunnelStatus,
  }),
  stopTunnel: method({
    role: 'admin',
    audit: true,
    summary: 'Close the tunnel',
    route: { method: 'POST', path: '/api/v2/tunnel/stop' },
    input: z.object({}),
    output: TunnelStatus,
  }),
  retryTunnel: method({
    role: 'admin',
    audit: true,
    summary: 'Try to connect the tunnel now instead of waiting for the next retry; after it gave up, start over with a fresh set of attempts',
    route: { method: 'POST', path: '/api/v2/tunnel/retry' },
    input: z.object({}),
    output: TunnelStatus,
  }),
  getTeamLink: method({
    local: true,
    role: 'viewer',
    audit: false,
    summary: "This app's link to a team server (`hookbench listen` inside the app): settings (the token never returned, only a hint) and live status with the last forwards",
    route: { method: 'GET', path: '/api/v2/settings/team-link' },
    input: z.object({}),
    output: TeamLinkView,
  }),
  putTeamLink: method({
    local: true,
    role: 'admin',
    audit: true,
    summary: 'Link to a team server `{url, token?, forwardTo, endpoint?, enabled, browse?}`: the token is checked against it first (refused = 400), sealed at rest; when on, its captures are forwarded to `forwardTo` with the catch-up of `hookbench listen`, also after a restart; `browse` shows the team server in this app\'s UI (every other call relayed with the token)',
    route: { method: 'PUT', path: '/api/v2/settings/team-link' },
    input: PutTeamLinkInput,
    output: TeamLinkView,
  }),
  deleteTeamLink: method({
    local: true,
    role: 'admin',
    audit: true,
    summary: 'Stop forwarding from the team server and forget its settings and token',
    route: { method: 'DELETE', path: '/api/v2/settings/team-link' },
    input: z.object({}),
    output: TeamLinkView,
  }),
  getRetention: method({
    role: 'viewer',
    audit: false,
    summary: 'How many requests / bytes are kept, and what is stored now',
    route: { method: 'GET', path: '/api/v2/settings/retention' },
    input: z.object({}),
    output: RetentionState,
  }),
  putRetention: method({
    role: 'admin',
    audit: true,
    summary: 'Set the retention limits (null = unlimited); the oldest requests are dropped, new ones never refused',
    route: { method: 'PUT', path: '/api/v2/settings/retention' },
    input: Retention,
    output: RetentionState,
  }),
  previewRetention: method({
    role: 'admin',
    audit: false,
    summary: 'How many stored requests these retention limits would delete now (nothing is deleted): shown before putRetention for confirmation',
    route: { method: 'POST', path: '/api/v2/settings/retention/preview' },
    input: Retention,
    output: z.object({ wouldDelete: z.number().int().nonnegative() }),
  }),
  putWebhookConfig: method({
    role: 'admin',
    audit: true,
    summary: 'Create or update a sender target (url, events, secret, provider preset, format, retry schedule, timeout, SSRF policy, concurrency, active); FeedbackPulse\'s route',
    route: { method: 'PUT', path: '/api/v2/webhooks/config' },
    input: PutTargetInput,
    output: SavedTarget,
  }),
  listWebhookTargets: method({
    role: 'viewer',
    audit: false,
    summary: 'Sender targets (secrets never returned, only a hint)',
    route: { method: 'GET', path: '/api/v2/webhooks/targets' },
    input: z.object({}),
    output: pageOf(Target),
  }),
  deleteWebhookTarget: method({
    role: 'admin',
    audit: true,
    summary: 'Delete a target with its deliveries and their log',
    route: { method: 'DELETE', path: '/api/v2/webhooks/targets/:id' },
    input: z.object({ id: Id }),
    output: z.object({ deleted: z.boolean() }),
  }),
  getEventCatalog: method({
    role: 'viewer',
    audit: false,
    summary: "Each provider's events with a fresh sample payload in its envelope",
    route: { method: 'GET', path: '/api/v2/events/catalog' },
    input: z.object({}),
    output: pageOf(ProviderCatalog),
  }),
  emitEvent: method({
    role: 'member',
    audit: true,
    summary: 'Emit an event: one delivery per subscribed active target (each in its provider\'s envelope, format and signature)',
    route: { method: 'POST', path: '/api/v2/events' },
    input: EmitEventInput,
    output: z.object({ ids: z.array(z.number().int()), deliveries: z.array(Delivery) }),
  }),
  sendTestEvent: method({
    role: 'member',
    audit: true,
    summary: '"Send Test Event": a sample of `event` (default: the provider\'s first) to one target, or to every active one',
    route: { method: 'POST', path: '/api/v2/webhooks/test' },
    input: z.object({
      targetId: Id.optional(),
      event: z.string().min(1).max(200).optional(),
      /** The body as composed in the editor; default: a fresh sample in the target's envelope. */
      payload: z.record(z.string(), z.unknown()).optional(),
    }),
    output: z.object({ ids: z.array(z.number().int()), deliveries: z.array(Delivery) }),
  }),
  listDeliveries: method({
    role: 'viewer',
    audit: false,
    summary: 'Deliveries newest first, by event, last status (code, class or `error`), target, state and date',
    route: { method: 'GET', path: '/api/v2/webhooks/deliveries' },
    input: DeliveryFilter,
    output: pageOf(Delivery),
  }),
  getDelivery: method({
    role: 'viewer',
    audit: false,
    summary: 'One delivery with its payload and the timeline of attempts (request and response of each)',
    route: { method: 'GET', path: '/api/v2/webhooks/deliveries/:id' },
    input: z.object({ id: Id }),
    output: DeliveryDetail,
  }),
  listDeliveryLogs: method({
    role: 'viewer',
    audit: false,
    summary: 'Delivery attempts newest first (full request and response), by event, status, target and date',
    route: { method: 'GET', path: '/api/v2/webhooks/logs' },
    input: DeliveryFilter.omit({ state: true }),
    output: pageOf(Attempt),
  }),
  listFailedDeliveries: method({
    role: 'viewer',
    audit: false,
    summary: 'The dead-letter queue: deliveries whose every attempt failed',
    route: { method: 'GET', path: '/api/v2/webhooks/failed' },
    input: DeliveryFilter.omit({ state: true }),
    output: pageOf(Delivery),
  }),
  resendFailedDelivery: method({
    role: 'member',
    audit: true,
    summary: 'Re-send one dead delivery now, on a fresh retry schedule',
    route: { method: 'POST', path: '/api/v2/webhooks/failed/:id/resend' },
    input: z.object({ id: Id }),
    output: z.object({ resent: z.array(z.number().int()), skipped: z.array(z.object({ id: z.number().int(), reason: z.string() })) }),
  }),
  deleteDeliveries: method({
    role: 'admin',
    audit: true,
    summary: 'Clear the delivery log: finished deliveries (succeeded and dead by default; `pending` cancels) with their attempts, of one target if given',
    route: { method: 'POST', path: '/api/v2/webhooks/deliveries/delete' },
    input: z.object({ target: Id.optional(), states: z.array(z.enum(['succeeded', 'dead', 'pending'])).min(1).max(3).default(['succeeded', 'dead']) }),
    output: z.object({ deleted: z.number().int() }),
  }),
  resendAllFailed: method({
    role: 'member',
    audit: true,
    summary: 'Re-send every dead delivery (of one target, if given)',
    route: { method: 'POST', path: '/api/v2/webhooks/failed/resend' },
    input: z.object({ target: Id.optional() }),
    output: z.object({ resent: z.array(z.number().int()), skipped: z.array(z.object({ id: z.number().int(), reason: z.string() })) }),
  }),
  listTokens: method({
    role: 'admin',
    audit: false,
    summary: 'Named API tokens: name, role, created, last used (to the minute), revoked; never the token itself. `includeRevoked=true` lists revoked ones too',
    route: { method: 'GET', path: '/api/v2/tokens' },
    input: z.object({ includeRevoked: BoolParam.default(false) }),
    output: pageOf(TokenInfo),
  }),
  createToken: method({
    role: 'admin',
    audit: true,
    summary: 'Create a named token with a role (`viewer` reads; `member` also replays, forwards, emits and verifies; `admin` also manages): the token is in this answer only, stored hashed',
    route: { method: 'POST', path: '/api/v2/tokens' },
    input: z.object({ name: TokenName, role: Role }),
    output: CreatedToken,
  }),
  revokeToken: method({
    role: 'admin',
    audit: true,
    summary: 'Revoke a named token: refused from the next request on, and its open push sockets are closed',
    route: { method: 'DELETE', path: '/api/v2/tokens/:name' },
    input: z.object({ name: z.string().min(1).max(64) }),
    output: TokenInfo,
  }),
  listAudit: method({
    role: 'admin',
    audit: false,
    summary: 'The audit log, newest first: who (token name and role) called which mutation, on what, and the outcome; by actor, method and date; cursor paging',
    route: { method: 'GET', path: '/api/v2/audit' },
    input: AuditFilter,
    output: pageOf(AuditEntry),
  }),
  listSchemas: method({
    role: 'viewer',
    audit: false,
    summary: 'The JSON Schemas learned from captured bodies, one per (endpoint, event): samples, first and last seen, pinned, how many captures drifted',
    route: { method: 'GET', path: '/api/v2/schemas' },
    input: z.object({ endpoint: z.string().max(100).optional() }),
    output: pageOf(SchemaSummary),
  }),
  getSchema: method({
    role: 'viewer',
    audit: false,
    summary: "One event's schema (of one endpoint with `?endpoint=`): the JSON Schema (draft 2020-12, downloadable as is) and its fields with types, presence, examples and the capture that introduced each",
    route: { method: 'GET', path: '/api/v2/schemas/:event' },
    input: SchemaKey,
    output: SchemaDetail,
  }),
  rebuildSchema: method({
    role: 'member',
    audit: true,
    summary: "Learn one event's schema again from scratch, from the captures a filter selects (default: all of that event on that endpoint)",
    route: { method: 'POST', path: '/api/v2/schemas/rebuild' },
    input: RebuildSchemaInput,
    output: SchemaDetail,
  }),
  pinSchema: method({
    role: 'admin',
    audit: true,
    summary: 'Pin a JSON Schema (hand-edited or imported) to an event: captures are validated against it instead of the learned one; `jsonSchema: null` unpins',
    route: { method: 'PUT', path: '/api/v2/schemas/pin' },
    input: PinSchemaInput,
    output: SchemaDetail,
  }),
  acceptDrift: method({
    role: 'member',
    audit: true,
    summary: "Accept a flagged capture's differences as the new normal: its schema learns them and it is no longer flagged",
    route: { method: 'POST', path: '/api/v2/schemas/accept' },
    input: AcceptDriftInput,
    output: SchemaDetail,
  }),
  generateTypes: method({
    role: 'viewer',
    audit: false,
    summary: 'TypeScript types or zod schemas for events (several: a union discriminated on the event field), from their schemas',
    route: { method: 'POST', path: '/api/v2/schemas/types' },
    input: GenerateTypesInput,
    output: GeneratedTypes,
  }),
  getSchemaSettings: method({
    role: 'viewer',
    audit: false,
    summary: 'After how many samples of an event drift is flagged',
    route: { method: 'GET', path: '/api/v2/schema-settings' },
    input: z.object({}),
    output: SchemaSettings,
  }),
  putSchemaSettings: method({
    role: 'admin',
    audit: true,
    summary: 'Set after how many samples of an event drift is flagged',
    route: { method: 'PUT', path: '/api/v2/schema-settings' },
    input: SchemaSettings,
    output: SchemaSettings,
  }),
  exportCollection: method({
    role: 'viewer',
    audit: false,
    summary: 'A collection for `hookbench test` from a selection or a filter: the requests exactly as captured, each expecting a 2xx',
    route: { method: 'POST', path: '/api/v2/collections/export' },
    input: z.intersection(z.object({ name: z.string().min(1).max(200).default('Hookbench collection') }), RequestSelection),
    output: Collection,
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
  /** Requests were deleted (by a user or by retention); `reload` when too many to list. */
  'requests.deleted': z.object({ ids: z.array(z.number().int()), reload: z.boolean() }),
  'endpoints.changed': z.object({ items: z.array(Endpoint) }),
  /** A forward, replay or listener forward of a request finished (status null: no answer, see error). */
  'request.sent': z.object({
    requestId: z.number().int(),
    sendId: z.number().int(),
    kind: SendKind,
    /** Who sent it; null for an endpoint's automatic forward. */
    by: z.string().nullable(),
    status: z.number().int().nullable(),
    error: z.string().nullable(),
  }),
  'tunnel.status': TunnelStatus,
  /** The team-server link's state, last error, counts and last forwards (on every change). */
  'teamlink.status': TeamLinkStatus,
  /** The UI now shows another backend (browsing a team server started or stopped; `remote` null = this app): reload everything. */
  'backend.changed': z.object({ remote: z.object({ url: z.string() }).nullable() }),
  /** What the receiver answered changed (proxy mode answers with the forward's status). */
  'request.updated': z.object({ id: z.number().int(), status: z.number().int() }),
  /** A delivery was created or changed state (an attempt finished, a resend). */
  'delivery.updated': Delivery,
  'targets.changed': z.object({ items: z.array(Target) }),
  /** A capture was flagged at capture time as departing from its event's schema (or, `differences` null, no longer is). */
  'request.drift': z.object({ id: z.number().int(), differences: z.array(DriftDifference).nullable() }),
  /** Deliveries were cleared from the log. */
  'deliveries.deleted': z.object({ count: z.number().int() }),
  /**
   * Desktop app only, sent by the Electron shell (never the core's bus) to its own window: run the
   * renderer command with this id (an application-menu item: 'endpoints.new', 'app.palette', …).
   */
  'desktop.command': z.object({ command: z.string().min(1).max(100) }),
} as const;

export type PushEventName = keyof typeof pushEvents;
export type PushEvent = {
  [K in PushEventName]: { event: K; payload: z.output<(typeof pushEvents)[K]> };
}[PushEventName];

export const pushEventNames = Object.keys(pushEvents) as PushEventName[];

/** Push events only the desktop shell sends, to its own window over IPC: never on the WebSocket, never relayed. */
export const desktopOnlyPushEvents: readonly PushEventName[] = ['desktop.command'];

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
