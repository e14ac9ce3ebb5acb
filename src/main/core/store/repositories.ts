import type { z } from 'zod';
import type { AuditEntry, AuditFilter, TokenInfo } from '../../../shared/access-schemas';
import type { DriftDifference } from '../../../shared/contracts/drift';
import type { Shape } from '../../../shared/contracts/shape';
import type { Endpoint, Retention } from '../../../shared/endpoint-schemas';
import type { RequestFacets, RequestFilter } from '../../../shared/request-filter';
import type { HeaderPairs, Page, RequestDetail, RequestSummary } from '../../../shared/request-schemas';
import type { Role } from '../../../shared/roles';
import type { SendKind, SendRecord } from '../../../shared/send-schemas';
import type {
  Attempt,
  AttemptOutcome,
  Delivery,
  DeliveryDetail,
  DeliveryFilter,
  PayloadFormat,
  ProviderPreset,
  SsrfPolicy,
  Target,
} from '../../../shared/sender-schemas';
import type { CustomSchemeInput, SchemeId } from '../../../shared/signatures';
import type { TeamLinkSettings } from '../../../shared/team-link-schemas';
import type { OutboundRequest, OutboundResult } from '../outbound/send-http';

/**
 * The store as a port: what the core may ask of stored data, with no SQL in sight. Two adapters
 * implement it, `sqlite/` (the embedded default) and `postgres/` (several servers, one database),
 * and one test suite (test/integration/store-contract) holds both to the same behaviour.
 *
 * Every method is async, even though SQLite answers synchronously: the same core code then runs on
 * a network database without a second code path.
 */

// ---------------------------------------------------------------------------------------------
// Requests

/** What the receiver hands to the store for one captured request. */
export interface NewRequest {
  endpoint: string | null;
  method: string;
  path: string;
  query: string;
  headers: HeaderPairs;
  body: Buffer;
  size: number;
  truncated: boolean;
  contentType: string | null;
  event: string | null;
  scheme: string | null;
  verification: RequestSummary['verification'];
  status: number;
  clientAddress: string | null;
  /** Arrived through the public tunnel. */
  viaTunnel: boolean;
  receivedAt: number;
}

/** Keyset position: the (received_at, id) of the last row of the previous page. */
export interface Position {
  receivedAt: number;
  id: number;
}

export type FilterWithoutPaging = Omit<RequestFilter, 'order'> & { order?: RequestFilter['order'] };

/** How many requests are stored and what they occupy (body + headers). */
export interface Usage {
  count: number;
  bytes: number;
}

/** A committed capture, and the requests retention removed to make room (in the same commit, on SQLite). */
export interface Inserted {
  summary: RequestSummary;
  /** Ids retention deleted in the commit that stored this request (empty for all but one of a batch). */
  trimmed: number[];
}

/**
 * One page of the catch-up feed (`hookbench listen`): captures in commit order, each with the
 * feed position just after it. A reader that continues from any returned position never skips a
 * capture committed later, on any instance.
 */
export interface CatchUpPage {
  items: { request: RequestDetail; position: number }[];
  more: boolean;
}

/**
 * Facet counts stop after this many matching requests (newest first): counting 50,000 took
 * 0.2-1.2 s at 1M rows on SQLite, holding up list pages behind it.
 */
export const FACET_SCAN_LIMIT = 10_000;

export interface RequestsRepository {
  /** Resolves once the row is committed (group commit with its tick-mates): ack after this. */
  insert(request: NewRequest): Promise<Inserted>;
  get(id: number): Promise<RequestDetail | null>;
  /** Keyset-paged list, newest (or oldest) first; page N costs what page 1 does. */
  list(filter: FilterWithoutPaging, paging: { limit: number; after: Position | null }): Promise<Page<RequestSummary>>;
  /** Ids of one page of a filter, with the position to continue from (exports and deletes walk a filter with it). */
  listPositions(filter: FilterWithoutPaging, paging: { limit: number; after: Position | null }): Promise<{ ids: number[]; next: Position | null }>;
  /** Counts per dimension, each with its own dimension left out of the filter; covers the newest FACET_SCAN_LIMIT matches. */
  facets(filter: FilterWithoutPaging): Promise<RequestFacets>;
  /** Captures after feed position `after`, oldest first, in full; at most `limit` rows or about `maxBytes` (at least one). Imports left out. */
  since(after: number, endpoint: string | null, limit: number, maxBytes: number): Promise<CatchUpPage>;
  /** The newest feed position (0 when none): where `hookbench listen --from now` starts. */
  latestPosition(): Promise<number>;
  /** In proxy mode the answer is the forward's, known only after the row was committed. */
  setStatus(id: number, status: number): Promise<void>;
  /** Flags a capture as departing from its event's schema (null: not, or no longer); false when it no longer exists. */
  setDrift(id: number, differences: readonly DriftDifference[] | null): Promise<boolean>;
  /** How many captures are flagged, per (endpoint, event) that has any. */
  driftCounts(): Promise<DriftCount[]>;
  usage(): Promise<Usage>;
  /** Deletes these requests; returns the ids that existed. */
  delete(ids: readonly number[]): Promise<number[]>;
  /** Deletes every match in chunks, captures flowing between them; returns the ids deleted. */
  deleteMatching(filter: FilterWithoutPaging): Promise<number[]>;
  /** Drops the oldest requests until `retention` holds; returns their ids. */
  applyRetention(retention: Retention): Promise<number[]>;
  /** How many requests `retention` would drop if applied now (nothing is deleted). */
  previewRetention(retention: Retention): Promise<number>;
  /** Commits whatever is queued right now. */
  flush(): Promise<void>;
  /** How many group commits ran and how many captures they carried (tests and benchmarks). */
  readonly writeStats: { batches: number; items: number; largestBatch: number };
}

/** Flagged captures of one (endpoint, event); `endpoint` null = the default inbox. */
export interface DriftCount {
  endpoint: string | null;
  event: string | null;
  count: number;
}

// ---------------------------------------------------------------------------------------------
// Schemas learned from captured bodies (issue 15)

/** Which schema: an event of an endpoint (null: the default inbox). */
export interface SchemaRef {
  endpoint: string | null;
  event: string;
}

export interface StoredSchema extends SchemaRef {
  /** The learned shape (opaque to the store: kept as JSON). */
  shape: Shape;
  /** JSON bodies the shape learned from (`shape.samples`, kept apart so a listing never reads shapes). */
  samples: number;
  /** ms */
  firstSeen: number;
  lastSeen: number;
  /** A JSON Schema (2020-12) captures are validated against instead of the learned one. */
  pinned: Record<string, unknown> | null;
  /** Grows with every write: a cached copy with the current version is still the stored one. */
  version: number;
}

/** A schema without its shape, for listings. */
export type SchemaListing = Omit<StoredSchema, 'shape' | 'pinned'> & { pinned: boolean };

/** What a writer puts in place of the current row; the repository keeps the key and sets the version. */
export type SchemaWrite = Pick<StoredSchema, 'shape' | 'samples' | 'firstSeen' | 'lastSeen' | 'pinned'>;

export interface SchemasRepository {
  /** Every schema, or those of one endpoint (null: the default inbox), by event name. */
  list(endpoint?: string | null): Promise<SchemaListing[]>;
  get(ref: SchemaRef): Promise<StoredSchema | null>;
  /**
   * Read-modify-write of one schema, atomic against every other writer of the database (other
   * instances included): `change` gets the current row (null: none yet) and returns its
   * replacement, or null to leave it as is. `change` must be synchronous and may run more than
   * once (PostgreSQL: when another instance created the row at the same moment), so its only
   * effect should be its answer. When `cached` has the current version, it is what `change` gets
   * (the stored JSON is not read and parsed again). Resolves with the row as it now is.
   */
  update(ref: SchemaRef, change: (current: StoredSchema | null) => SchemaWrite | null, cached?: StoredSchema | null): Promise<StoredSchema | null>;
}

// ---------------------------------------------------------------------------------------------
// Endpoints, their secrets, settings

/** What the repository stores; `secrets` live in their own table (EndpointSecretsRepository). */
export type EndpointFields = Omit<Endpoint, 'secrets'>;

export interface EndpointsRepository {
  list(): Promise<EndpointFields[]>;
  get(slug: string): Promise<EndpointFields | null>;
  save(endpoint: EndpointFields): Promise<EndpointFields>;
  delete(slug: string): Promise<boolean>;
  retention(): Promise<Retention>;
  setRetention(retention: Retention): Promise<Retention>;
}

export interface SecretInfo {
  id: number;
  hint: string;
  createdAt: string;
  /** Why it cannot be used here (sealed by the desktop app's keychain), or null. */
  unavailable: string | null;
}

export interface EndpointSecretsRepository {
  /** Replaces all of an endpoint's secrets at once (a rotation is "new first, old second"). */
  replace(endpoint: string, secrets: readonly string[]): Promise<void>;
  info(endpoint: string): Promise<SecretInfo[]>;
  /** In clear, for verifying and signing only: never returned by the API or logged. Unopenable ones are skipped. */
  reveal(endpoint: string): Promise<string[]>;
}

/** App settings as JSON values under a key; each reader parses with its own schema. */
export interface SettingsRepository {
  /** The stored value, or `fallback` when missing or no longer valid for the schema. */
  get<T extends z.ZodType>(key: string, schema: T, fallback: z.output<T>): Promise<z.output<T>>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface TeamLinkRepository {
  get(): Promise<TeamLinkSettings | null>;
  /** `token` null keeps the sealed one (there must be one). */
  save(settings: Omit<TeamLinkSettings, 'tokenHint'>, token: string | null): Promise<void>;
  setEnabled(enabled: boolean): Promise<void>;
  /** The token in clear, to talk to the team server only. Throws when it cannot be opened here. */
  revealToken(): Promise<string | null>;
  delete(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Sends (forwards, replays)

export interface SendsRepository {
  record(requestId: number, kind: SendKind, sent: OutboundRequest, result: OutboundResult, startedAt: number, by?: string | null): Promise<SendRecord>;
  list(requestId: number, limit?: number): Promise<SendRecord[]>;
}

// ---------------------------------------------------------------------------------------------
// Sender: targets and deliveries

/** A target with its secret opened, for the sender only (never crosses a transport). */
export interface TargetWithSecret {
  target: Target;
  /** Null when none is set or it cannot be opened here (see `target.secretUnavailable`). */
  secret: string | null;
}

/** The stored fields of a target; the repository fills id and times. */
export interface TargetFields {
  url: string;
  events: string[];
  provider: ProviderPreset;
  scheme: SchemeId;
  customScheme: CustomSchemeInput | null;
  format: PayloadFormat;
  retrySchedule: number[];
  timeoutSec: number;
  ssrf: SsrfPolicy;
  concurrency: number;
  active: boolean;
  paused: boolean;
}

export interface TargetsRepository {
  list(): Promise<Target[]>;
  get(id: number): Promise<Target | null>;
  idByUrl(url: string): Promise<number | null>;
  withSecrets(): Promise<TargetWithSecret[]>;
  secretOf(id: number): Promise<string | null>;
  insert(fields: TargetFields): Promise<number>;
  update(id: number, fields: TargetFields): Promise<void>;
  setSecret(id: number, secret: string | null): Promise<void>;
  disable(id: number, reason: string, now: number): Promise<void>;
  delete(id: number): Promise<boolean>;
}

/** What the sender stores for a new delivery. */
export interface NewDelivery {
  eventId: string;
  event: string;
  provider: ProviderPreset;
  targetId: number;
  url: string;
  idempotencyKey: string;
  body: Buffer;
  test: boolean;
  /** When the first attempt is due (ms). */
  dueAt: number;
}

/**
 * A delivery claimed for one attempt. The attempt number is reserved by the claim, so an attempt
 * cut short by a crash is never numbered again: whoever takes the delivery over sends the next one.
 */
export interface ClaimedDelivery extends Omit<NewDelivery, 'test'> {
  id: number;
  /** The number of this attempt (1 = first). */
  attempt: number;
  cycleAttempts: number;
  /** Proves the claim when the attempt is recorded: a claim taken over after its lease is refused. */
  claimToken: string;
}

/** One finished attempt and what it decided for its delivery. */
export interface AttemptRecord {
  deliveryId: number;
  claimToken: string;
  targetId: number;
  event: string;
  attempt: number;
  url: string;
  method: string;
  headers: HeaderPairs;
  outcome: AttemptOutcome;
  status: number | null;
  responseHeaders: HeaderPairs | null;
  responseBody: Buffer | null;
  responseTruncated: boolean;
  errorMessage: string | null;
  scheduledFor: number;
  startedAt: number;
  durationMs: number;
  /** The delivery's new state; `nextRetryAt` set when pending. */
  state: 'pending' | 'succeeded' | 'dead';
  nextRetryAt: number | null;
  cycleAttempts: number;
  /** A 410: switch the target off and move its other pending deliveries to the dead-letter queue. */
  disableTarget: string | null;
}

export interface DeliveriesRepository {
  /** Inserts new deliveries, pending and due at `dueAt`, in one transaction. */
  create(items: NewDelivery[]): Promise<Delivery[]>;
  /**
   * Claims up to `limit` due deliveries of a target for one attempt each, oldest due first: due
   * pending ones, and ones whose previous claim's lease ended (its holder died mid-attempt). Each
   * instance gets disjoint rows; the claim holds until `now + leaseMs`.
   */
  claimDue(targetId: number, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /** The earliest time a target has work: a pending delivery due, or a lease ending. */
  nextDue(targetId: number): Promise<number | null>;
  /** Stores finished attempts whose claim still holds, with their deliveries' new state; returns deliveries killed by a 410. */
  record(records: AttemptRecord[]): Promise<number[]>;
  /**
   * This process is the only writer (SQLite) and starts: claims left by a previous run end now.
   * On a shared database leases end on their own, so this does nothing there.
   */
  recoverInterrupted(now: number): Promise<number>;
  /** Puts dead deliveries back on a fresh schedule, due now; returns the ids that were dead. */
  resend(ids: number[], now: number): Promise<number[]>;
  get(id: number): Promise<Delivery | null>;
  detail(id: number): Promise<DeliveryDetail | null>;
  summaries(ids: number[]): Promise<Delivery[]>;
  list(filter: Omit<DeliveryFilter, 'limit' | 'cursor'>, limit: number, before: number | null): Promise<{ items: Delivery[]; nextCursor: string | null }>;
  logs(filter: Omit<DeliveryFilter, 'limit' | 'cursor' | 'state'>, limit: number, before: number | null): Promise<{ items: Attempt[]; nextCursor: string | null }>;
  /** Deletes deliveries (and their attempts) in these states; never one being sent right now. */
  deleteInStates(states: readonly ('succeeded' | 'dead' | 'pending')[], targetId?: number): Promise<number>;
  deadIds(targetId?: number): Promise<number[]>;
}

// ---------------------------------------------------------------------------------------------
// Access: tokens and audit

/** A live token found by its hash: who it is, and the row to note its use on. */
export interface LiveToken {
  id: number;
  name: string;
  role: Role;
  lastUsedAt: number | null;
}

export interface TokensRepository {
  /** Null when the name is taken. */
  insert(token: { name: string; role: Role; hash: string; createdAt: number }): Promise<TokenInfo | null>;
  /** The live token with this hash; a revoked, unknown or unreadable (newer role) one is null. */
  findLive(hash: string): Promise<LiveToken | null>;
  isLive(id: number): Promise<boolean>;
  touch(id: number, at: number): Promise<void>;
  list(includeRevoked: boolean): Promise<TokenInfo[]>;
  revoke(name: string, at: number): Promise<TokenInfo | null>;
  revokedCount(): Promise<number>;
}

export type AuditRecord = Omit<AuditEntry, 'id' | 'at'> & { at: number };

export interface AuditRepository {
  record(entry: AuditRecord): Promise<void>;
  list(filter: AuditFilter): Promise<Page<AuditEntry>>;
}

// ---------------------------------------------------------------------------------------------
// Coordination between instances

/**
 * A named job that must run on one instance at a time (tunnel, retention). Held until released or
 * until the holder's connection ends (a killed instance frees it).
 */
export interface SingletonLock {
  release(): Promise<void>;
}

/**
 * Messages between instances that share a database (push events). SQLite has one process per
 * database, so there it delivers nothing.
 */
export interface ClusterChannel {
  publish(message: string): Promise<void>;
  /** Messages published by other instances. */
  subscribe(listener: (message: string) => void): () => void;
}

/** One database and its repositories. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data is (a file path, or the database URL without its password). */
  readonly location: string;
  readonly requests: RequestsRepository;
  readonly schemas: SchemasRepository;
  readonly endpoints: EndpointsRepository;
  readonly secrets: EndpointSecretsRepository;
  readonly sends: SendsRepository;
  readonly settings: SettingsRepository;
  readonly targets: TargetsRepository;
  readonly deliveries: DeliveriesRepository;
  readonly tokens: TokensRepository;
  readonly audit: AuditRepository;
  readonly teamLink: TeamLinkRepository;
  readonly cluster: ClusterChannel;
  /** The lock for `name` if no other instance holds it, else null. */
  tryLock(name: string): Promise<SingletonLock | null>;
  /** Whether several instances may share this database (retention then runs as a singleton job). */
  readonly shared: boolean;
  /** Commits pending writes and closes. */
  close(): Promise<void>;
}
