import type { MethodOutput, ParsedInput } from '../../../shared/contract';
import { generateTypeScript } from '../../../shared/contracts/codegen/typescript';
import { generateZod } from '../../../shared/contracts/codegen/zod';
import type { DriftDifference } from '../../../shared/contracts/drift';
import type { SchemaDetail, SchemaSettings, SchemaSummary } from '../../../shared/contracts/schema-api';
import { emptyShape, fieldsOf, observe, toJsonSchema } from '../../../shared/contracts/shape';
import { ApiError } from '../../../shared/errors';
import type { RequestFilter } from '../../../shared/request-filter';
import type { Page } from '../../../shared/request-schemas';
import type { PushBus } from '../push-bus';
import type { SchemaListing, SchemaRef, StoredSchema, Store } from '../store/repositories';
import type { DriftJudge } from './drift-judge';
import type { PinnedValidator } from './pinned-validator';
import { jsonBodyOf } from './json-body';
import { readSchemaSettings, writeSchemaSettings } from './schema-settings';
import { walkCaptures } from './walk-captures';

/** Flagged captures judged again when their schema changes: the newest this many, or this many body bytes (older ones keep their flag). */
const REJUDGE_LIMIT = 5_000;
const REJUDGE_MAX_BYTES = 64 * 1024 * 1024;

export interface SchemasServiceDeps {
  store: Pick<Store, 'schemas' | 'requests' | 'settings'>;
  judge: DriftJudge;
  validator: PinnedValidator;
  push: PushBus;
}

/** A capture being judged again, with the differences it is flagged with now. */
interface Flagged {
  id: number;
  value: unknown;
  drift: DriftDifference[] | null;
}

/**
 * What the API does with learned schemas (issue 15): list and show them, learn one again from a
 * filter, pin a JSON Schema, accept a flagged capture as the new normal, generate types, and the
 * drift threshold. Capture-time learning is the SchemaTracker's; both write through the same
 * atomic update, so neither loses the other's changes.
 *
 * Whenever a schema changes here (accept, rebuild, pin), its flagged captures are judged again by
 * the same rule as at capture time: those that now fit are no longer flagged, and those whose
 * differences changed get the new list, each with a 'request.drift'. Captures not flagged stay
 * so: drift is found at capture time, not retroactively.
 */
export class SchemasService {
  constructor(private readonly deps: SchemasServiceDeps) {}

  async list(endpoint: string | undefined): Promise<Page<SchemaSummary>> {
    const { schemas, requests } = this.deps.store;
    const [listed, counts] = await Promise.all([schemas.list(endpoint === undefined ? undefined : endpoint || null), requests.driftCounts()]);
    const drifted = (s: SchemaListing) => counts.find((c) => c.endpoint === s.endpoint && c.event === s.event)?.count ?? 0;
    return { items: listed.map((s) => summaryOf(s, drifted(s))), nextCursor: null };
  }

  async get(ref: SchemaRef): Promise<SchemaDetail> {
    return this.detail(await this.require(normalized(ref)));
  }

  /** Learns a schema again from scratch, from the captures of its event and endpoint that `filter` also matches. */
  async rebuild(key: SchemaRef, filter: RequestFilter | undefined): Promise<SchemaDetail> {
    const ref = normalized(key);
    const shape = emptyShape();
    let firstSeen = Infinity;
    let lastSeen = -Infinity;
    // Oldest first, so each field is credited to the capture that brought it.
    const matching = { ...filter, event: [ref.event], endpoint: [ref.endpoint ?? ''], order: 'oldest' as const };
    await walkCaptures(this.deps.store.requests, matching, Infinity, (detail) => {
      const value = jsonBodyOf(detail, Buffer.from(detail.bodyBase64, 'base64'));
      if (value === undefined) return;
      observe(shape, value, detail.id);
      const at = Date.parse(detail.receivedAt);
      firstSeen = Math.min(firstSeen, at);
      lastSeen = Math.max(lastSeen, at);
    });
    if (shape.samples === 0) throw new ApiError('not_found', `no JSON captures of ${describe(ref)} match`);
    // Captures that arrived during the walk and were learned meanwhile are replaced with the rest.
    await this.deps.store.schemas.update(ref, (current) => ({ shape, samples: shape.samples, firstSeen, lastSeen, pinned: current?.pinned ?? null }));
    return this.detail(await this.rejudge(ref, null));
  }

  /** Pins a JSON Schema to an event (null unpins); a schema can be pinned before any capture of it. */
  async pin(key: SchemaRef, jsonSchema: Record<string, unknown> | null): Promise<SchemaDetail> {
    const ref = normalized(key);
    const problem = jsonSchema && this.deps.validator.problemWith(jsonSchema);
    if (problem) throw new ApiError('invalid_input', `the pinned schema is not a usable JSON Schema (draft 2020-12): ${problem}`);
    const now = Date.now();
    const stored = await this.deps.store.schemas.update(ref, (current) => {
      if (!current && !jsonSchema) return null;
      const base = current ?? { shape: emptyShape(), samples: 0, firstSeen: now, lastSeen: now };
      return { shape: base.shape, samples: base.samples, firstSeen: base.firstSeen, lastSeen: base.lastSeen, pinned: jsonSchema };
    });
    if (!stored) throw new ApiError('not_found', `no schema for ${describe(ref)}`);
    return this.detail(await this.rejudge(ref, null));
  }

  /** Makes a flagged capture's differences the new normal: its schema learns its body, and it is no longer flagged. */
  async accept(requestId: number): Promise<SchemaDetail> {
    const detail = await this.deps.store.requests.get(requestId);
    if (!detail) throw new ApiError('not_found', `request ${requestId} does not exist`);
    if (!detail.drift || detail.event === null) throw new ApiError('invalid_input', `request ${requestId} is not flagged as drifting from its schema`);
    const value = jsonBodyOf(detail, Buffer.from(detail.bodyBase64, 'base64'));
    if (value === undefined) throw new ApiError('invalid_input', `request ${requestId} has no JSON body to learn from`);
    return this.detail(await this.rejudge({ endpoint: detail.endpoint, event: detail.event }, { id: requestId, value, drift: detail.drift }));
  }

  async generateTypes({ events, endpoint, language }: ParsedInput<'generateTypes'>): Promise<MethodOutput<'generateTypes'>> {
    const schemas = [];
    for (const event of events) {
      const stored = await this.require(normalized({ event, endpoint }));
      schemas.push({ event, schema: jsonSchemaOf(stored) });
    }
    const code = language === 'typescript' ? generateTypeScript(schemas) : generateZod(schemas);
    const base = events.length === 1 ? events[0]!.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'webhook-event' : 'webhook-events';
    return { language, filename: `${base}${language === 'zod' ? '.zod' : ''}.ts`, code };
  }

  settings(): Promise<SchemaSettings> {
    return readSchemaSettings(this.deps.store.settings);
  }

  putSettings(settings: SchemaSettings): Promise<SchemaSettings> {
    return writeSchemaSettings(this.deps.store.settings, settings);
  }

  /**
   * Judges the flagged captures of a schema again after it changed, in one atomic update of the
   * schema; `accepted`, if any, is learned first and no longer flagged. Captures that now fit
   * are learned too when accepting (they are the new normal; a rebuild or pin learns nothing).
   */
  private async rejudge(ref: SchemaRef, accepted: Flagged | null): Promise<StoredSchema> {
    const { store, judge, push } = this.deps;
    const { minSamples } = await readSchemaSettings(store.settings);
    const flagged: Flagged[] = [];
    let bytes = 0;
    const filter = { event: [ref.event], endpoint: [ref.endpoint ?? ''], drift: true, order: 'newest' as const };
    await walkCaptures(store.requests, filter, REJUDGE_LIMIT, (detail) => {
      const body = Buffer.from(detail.bodyBase64, 'base64');
      const value = jsonBodyOf(detail, body);
      if (value !== undefined && detail.id !== accepted?.id) flagged.push({ id: detail.id, value, drift: detail.drift });
      bytes += body.length;
      return bytes < REJUDGE_MAX_BYTES;
    });
    let changed: { id: number; differences: DriftDifference[] | null }[] = [];
    const stored = await store.schemas.update(ref, (current) => {
      changed = [];
      if (!current && !accepted) return null;
      const at = Date.now();
      const schema = current ?? { shape: emptyShape(), samples: 0, firstSeen: at, lastSeen: at, pinned: null };
      if (accepted) {
        observe(schema.shape, accepted.value, accepted.id);
        changed.push({ id: accepted.id, differences: null });
      }
      for (const capture of flagged) {
        const differences = judge.differences(schema, capture.value, minSamples);
        if (differences.length === 0 && accepted) judge.learn(schema, capture.value, capture.id, differences);
        if (JSON.stringify(differences) !== JSON.stringify(capture.drift)) changed.push({ id: capture.id, differences: differences.length > 0 ? differences : null });
      }
      return accepted ? { shape: schema.shape, samples: schema.shape.samples, firstSeen: schema.firstSeen, lastSeen: schema.lastSeen, pinned: schema.pinned } : null;
    });
    if (!stored) throw new ApiError('not_found', `no schema for ${describe(ref)}`);
    for (const { id, differences } of changed) {
      if (await store.requests.setDrift(id, differences)) push.emit({ event: 'request.drift', payload: { id, differences } });
    }
    return stored;
  }

  private async require(ref: SchemaRef): Promise<StoredSchema> {
    const stored = await this.deps.store.schemas.get(ref);
    if (!stored) throw new ApiError('not_found', `no schema for ${describe(ref)}`);
    return stored;
  }

  private async detail(stored: StoredSchema): Promise<SchemaDetail> {
    const counts = await this.deps.store.requests.driftCounts();
    const drifted = counts.find((c) => c.endpoint === stored.endpoint && c.event === stored.event)?.count ?? 0;
    return { ...summaryOf({ ...stored, pinned: stored.pinned !== null }, drifted), jsonSchema: jsonSchemaOf(stored), fields: fieldsOf(stored.shape) };
  }
}

/** The pinned schema when pinned, else the learned one. */
function jsonSchemaOf(stored: StoredSchema): Record<string, unknown> {
  return stored.pinned ?? toJsonSchema(stored.shape, stored.event);
}

function summaryOf(s: SchemaListing, drifted: number): SchemaSummary {
  return {
    event: s.event,
    endpoint: s.endpoint,
    samples: s.samples,
    firstSeen: new Date(s.firstSeen).toISOString(),
    lastSeen: new Date(s.lastSeen).toISOString(),
    pinned: s.pinned,
    drifted,
  };
}

/** `?endpoint=` empty is the default inbox, as in request filters. */
function normalized(ref: SchemaRef): SchemaRef {
  return { event: ref.event, endpoint: ref.endpoint || null };
}

function describe(ref: SchemaRef): string {
  return `event "${ref.event}"${ref.endpoint ? ` on endpoint ${ref.endpoint}` : ' in the default inbox'}`;
}
