import { emptyShape } from '../../../shared/contracts/shape';
import type { DriftDifference } from '../../../shared/contracts/drift';
import type { RequestSummary } from '../../../shared/request-schemas';
import type { PushBus } from '../push-bus';
import type { RequestsRepository, SchemaRef, SchemasRepository, SettingsRepository, StoredSchema } from '../store/repositories';
import type { DriftJudge } from './drift-judge';
import { jsonBodyOf, mayHoldJson } from './json-body';
import { readSchemaSettings } from './schema-settings';

/** A batch waits this long for company: one transaction per event per batch, not per capture. */
const BATCH_DELAY_MS = 50;
/** Captures per batch: keeps each stretch of synchronous work (parse, compare, learn) to a few milliseconds. */
const BATCH_MAX = 250;
/** Bodies waiting at most; past it captures are not learned (the receiver outrunning the tracker must not grow memory without end). */
const QUEUE_MAX_BYTES = 32 * 1024 * 1024;
/** Shapes kept in memory (events per endpoint are usually a few dozen). */
const CACHE_MAX = 500;

export interface SchemaTrackerDeps {
  schemas: SchemasRepository;
  requests: Pick<RequestsRepository, 'setDrift'>;
  settings: SettingsRepository;
  judge: DriftJudge;
  push: PushBus;
  /** Off: captures are neither learned nor checked (HOOKBENCH_SCHEMA_TRACKING=off, for the benchmark that measures its cost). */
  enabled: boolean;
}

interface Pending {
  summary: RequestSummary;
  body: Buffer;
}

interface Parsed {
  id: number;
  receivedAt: number;
  value: unknown;
}

/**
 * Learns each event's schema from captures as they arrive and flags the ones that drift from it,
 * entirely off the acknowledgement path: the capture service hands over a capture after its
 * commit (`track` only queues it and returns), and the work happens in batches afterwards.
 *
 * A batch parses the JSON bodies, groups them by (endpoint, event), and for each group runs one
 * read-modify-write of the stored schema (SchemasRepository.update): every body is judged against
 * the schema as it stands, then learned or flagged (DriftJudge), and the shape is written back
 * once. Shapes stay in memory between batches with the version they were written at, so when no
 * one else wrote since (another instance, an accept or a pin) the stored JSON is not read again.
 * Captures flagged are marked in the store and announced ('request.drift') after the schema's
 * commit. A crash between the two leaves those captures unflagged: drift is a hint, never data.
 */
export class SchemaTracker {
  private queue: Pending[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly cache = new Map<string, StoredSchema>();
  private warnedFull = false;
  /** For tests and the benchmark. */
  readonly stats = { queued: 0, learned: 0, flagged: 0, dropped: 0, batches: 0 };

  constructor(private readonly deps: SchemaTrackerDeps) {}

  /** Queues a committed capture; returns at once, whatever the body. */
  track(summary: RequestSummary, body: Buffer): void {
    if (!this.deps.enabled || !mayHoldJson(summary, body)) return;
    if (this.queuedBytes + body.length > QUEUE_MAX_BYTES) {
      this.stats.dropped += 1;
      if (!this.warnedFull) process.stderr.write('hookbench: captures arrive faster than their schemas can be learned; some are not checked for drift\n');
      this.warnedFull = true;
      return;
    }
    this.queue.push({ summary, body });
    this.queuedBytes += body.length;
    this.stats.queued += 1;
    this.schedule();
  }

  /** Learns everything queued so far. */
  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) {
      this.start();
      await this.running;
    }
  }

  /** Learns what is queued (the capture it came with is committed), then stops. */
  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.running) return; // the batch running schedules the next when it ends
    if (this.queue.length >= BATCH_MAX) return this.start();
    this.timer ??= setTimeout(() => this.start(), BATCH_DELAY_MS).unref();
  }

  private start(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running || this.queue.length === 0) return;
    const batch = this.queue.splice(0, BATCH_MAX);
    for (const item of batch) this.queuedBytes -= item.body.length;
    this.running = this.learn(batch)
      .catch((error: unknown) => {
        process.stderr.write(`hookbench: schemas not updated: ${(error as Error).message}\n`);
      })
      .finally(() => {
        this.running = null;
        if (this.queue.length > 0) this.schedule();
      });
  }

  private async learn(batch: Pending[]): Promise<void> {
    // Not on the turn of the capture that started it: its answer goes out first.
    await new Promise((resolve) => setImmediate(resolve));
    this.stats.batches += 1;
    const { minSamples } = await readSchemaSettings(this.deps.settings);
    const groups = new Map<string, { ref: SchemaRef; bodies: Parsed[] }>();
    for (const { summary, body } of batch) {
      const value = jsonBodyOf(summary, body);
      if (value === undefined || summary.event === null) continue;
      const key = cacheKey(summary.endpoint, summary.event);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { ref: { endpoint: summary.endpoint, event: summary.event }, bodies: [] }));
      group.bodies.push({ id: summary.id, receivedAt: Date.parse(summary.receivedAt), value });
    }
    for (const [key, group] of groups) await this.learnGroup(key, group.ref, group.bodies, minSamples);
  }

  private async learnGroup(key: string, ref: SchemaRef, bodies: Parsed[], minSamples: number): Promise<void> {
    const { schemas, requests, judge, push } = this.deps;
    let flagged: { id: number; differences: DriftDifference[] }[] = [];
    let stored: StoredSchema | null;
    try {
      stored = await schemas.update(
        ref,
        (current) => {
          // May run twice (see SchemasRepository.update): only what the last run found counts.
          flagged = [];
          const schema = { shape: current?.shape ?? emptyShape(), pinned: current?.pinned ?? null };
          let firstSeen = current?.firstSeen ?? Infinity;
          let lastSeen = current?.lastSeen ?? -Infinity;
          for (const body of bodies) {
            const differences = judge.differences(schema, body.value, minSamples);
            judge.learn(schema, body.value, body.id, differences);
            if (differences.length > 0) flagged.push({ id: body.id, differences });
            firstSeen = Math.min(firstSeen, body.receivedAt);
            lastSeen = Math.max(lastSeen, body.receivedAt);
          }
          return { ...schema, samples: schema.shape.samples, firstSeen, lastSeen };
        },
        this.cache.get(key),
      );
    } catch (error) {
      // The cached shape may have been changed by the write that failed: read it again next time.
      this.cache.delete(key);
      process.stderr.write(`hookbench: schema of ${ref.event} not updated: ${(error as Error).message}\n`);
      return;
    }
    this.remember(key, stored);
    this.stats.learned += bodies.length - flagged.length;
    for (const { id, differences } of flagged) {
      if (!(await requests.setDrift(id, differences))) continue; // deleted meanwhile
      this.stats.flagged += 1;
      push.emit({ event: 'request.drift', payload: { id, differences } });
    }
  }

  private remember(key: string, stored: StoredSchema | null): void {
    this.cache.delete(key);
    if (!stored) return;
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, stored);
  }
}

function cacheKey(endpoint: string | null, event: string): string {
  return `${endpoint ?? ''}\u0000${event}`;
}
