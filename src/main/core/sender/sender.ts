import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Delivery, ProviderPreset, Target } from '../../../shared/sender-schemas';
import type { PushBus } from '../push-bus';
import { AsyncGroupCommit } from '../store/async-group-commit';
import type { AttemptRecord, ClaimedDelivery, DeliveriesRepository, NewDelivery, TargetsRepository } from '../store/repositories';
import { ApiError } from '../../../shared/errors';
import { leaseMs, makeAttempt, type SendingTarget } from './attempt';
import { eventRefusal, newEventId, providerHasEvent, providerLabel, sampleFor } from './catalog';
import type { Clock } from './clock';
import { buildEnvelope } from './envelope';
import { formatBody, resolveFormat } from './formatters';
import { SerialPump } from './serial-pump';
import { publicOnlyAgents, type Resolver } from './ssrf';

export interface SenderOptions {
  deliveries: DeliveriesRepository;
  targets: TargetsRepository;
  clock: Clock;
  /** How "public only" targets resolve host names (tests pass their own; never a real lookup there). */
  resolver: Resolver;
  /** Where the sender announces deliveries, and targets it switched off itself (a 410). */
  push: PushBus;
  /** Attempts in flight across all targets. */
  globalConcurrency?: number;
  /** Response bodies kept in the log are cut here. */
  maxResponseBytes?: number;
}

interface TargetEntry extends SendingTarget {
  inflight: number;
}

export interface EmitRequest {
  event: string;
  data?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  provider?: ProviderPreset;
  /** Only these targets (Send Test Event); default: every active target subscribed to the event. */
  targetIds?: number[];
  test?: boolean;
}

/** Waiting longer than this for in-flight attempts on shutdown leaves them to be taken over by their leases. */
const CLOSE_GRACE_MS = 5_000;

/**
 * The delivery engine. The database is the schedule: a pump claims due deliveries per target (up
 * to the target's concurrency, so one slow target never holds up another), sends one attempt each,
 * and records every attempt together with the delivery's next state in batched transactions. A
 * timer sleeps until the earliest due time. Nothing about the schedule lives only in memory, so a
 * stop or a crash loses nothing: a claim is a lease, and a delivery whose holder died is taken
 * over when the lease ends (at the next start, on SQLite), as its next attempt with the same
 * idempotency key. Several instances on one PostgreSQL database each claim disjoint deliveries.
 */
export class Sender {
  private readonly entries = new Map<number, TargetEntry>();
  private readonly writes: AsyncGroupCommit<AttemptRecord, null>;
  /** New deliveries of one event-loop turn go in one transaction (many emits, one commit). */
  private readonly creates: AsyncGroupCommit<NewDelivery, Delivery>;
  private readonly pump: SerialPump;
  private readonly globalConcurrency: number;
  private readonly maxResponseBytes: number;
  private inflight = 0;
  private readonly settled = new Set<Promise<unknown>>();
  /** Reloads run one after another, so an older read never overwrites a newer one. */
  private reloading: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: SenderOptions) {
    this.globalConcurrency = options.globalConcurrency ?? 256;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
    this.pump = new SerialPump(
      () => this.pass(),
      options.clock,
      (error) => process.stderr.write(`hookbench: the sender could not read its schedule: ${(error as Error).message}\n`),
    );
    this.writes = new AsyncGroupCommit(async (records) => {
      const killed = await options.deliveries.record(records);
      // Read after the commit: the UI hears only about what is durable.
      const changed = await options.deliveries.summaries([...records.map((r) => r.deliveryId), ...killed]);
      // A target switched off (410) stops getting events from this moment on, and every UI hears of it.
      if (records.some((r) => r.disableTarget)) {
        const items = await this.reloadTargets();
        if (!this.closed) options.push.emit({ event: 'targets.changed', payload: { items } });
      }
      this.announce(changed);
      return records.map(() => null);
    });
    this.creates = new AsyncGroupCommit(async (items) => {
      const created = await options.deliveries.create(items);
      this.announce(created);
      this.pump.request();
      return created;
    });
  }

  /** Resumes the schedule: interrupted attempts are due now (SQLite), everything else when it was due. */
  async start(): Promise<void> {
    await this.options.deliveries.recoverInterrupted(this.options.clock.now());
    await this.reloadTargets();
  }

  /**
   * Re-reads targets after a change (config, 410, delete; here or on another instance) and wakes
   * the pump; resolves to the targets as read.
   */
  reloadTargets(): Promise<Target[]> {
    const next = this.reloading.then(async () => {
      const fresh = await this.options.targets.withSecrets();
      this.apply(fresh);
      this.pump.request();
      return fresh.map((t) => t.target);
    });
    this.reloading = next.catch(() => undefined);
    return next;
  }

  private apply(fresh: { target: Target; secret: string | null }[]): void {
    const seen = new Set<number>();
    for (const { target, secret } of fresh) {
      seen.add(target.id);
      const old = this.entries.get(target.id);
      if (!old) {
        this.entries.set(target.id, { target, secret, agents: this.agentsFor(target), inflight: 0 });
        continue;
      }
      // Updated in place: attempts in flight hold this entry and count themselves out of it.
      if (old.target.ssrf !== target.ssrf || old.target.concurrency !== target.concurrency) {
        // In-flight requests finish on their sockets; new ones use the new policy.
        const previous = old.agents;
        old.agents = this.agentsFor(target);
        setTimeout(() => destroyAgents(previous), 120_000).unref();
      }
      old.target = target;
      old.secret = secret;
    }
    for (const [id, entry] of this.entries) {
      if (seen.has(id)) continue;
      destroyAgents(entry.agents);
      this.entries.delete(id);
    }
  }

  private agentsFor(target: Target): TargetEntry['agents'] {
    const options: http.AgentOptions = { keepAlive: true, maxSockets: target.concurrency };
    return target.ssrf === 'public-only' ? publicOnlyAgents(this.options.resolver, options) : { http: new http.Agent(options), https: new https.Agent(options) };
  }

  /**
   * Creates one delivery per matching target (each in its provider's envelope and format). A
   * target only gets its own provider's events (catalog.ts: `*` never reaches across providers);
   * a test event of another provider's to a named target is refused rather than sent.
   */
  emit(request: EmitRequest): Promise<Delivery[]> {
    const now = this.options.clock.now();
    const at = new Date(now);
    const eventId = newEventId();
    const data = request.data ?? sampleFor(request.event, at) ?? {};
    const all = [...this.entries.values()].map((e) => e.target);
    const named = request.targetIds ? all.filter((t) => request.targetIds!.includes(t.id)) : null;
    for (const t of named ?? []) {
      const refusal = eventRefusal(t.provider, request.event);
      if (refusal) return Promise.reject(new ApiError('invalid_input', `${refusal}; target ${t.id} cannot be sent it`));
    }
    const targets =
      named ??
      all.filter(
        (t) =>
          t.active &&
          (t.events.includes('*') || t.events.includes(request.event)) &&
          providerHasEvent(t.provider, request.event) &&
          (!request.provider || t.provider === request.provider),
      );
    const items: NewDelivery[] = targets.map((target) => {
      const envelope = request.payload ?? buildEnvelope(target.provider, request.event, data, { eventId, now: at });
      const format = resolveFormat(target.format, target.url);
      const standard = target.provider === 'standard-webhooks' || target.scheme === 'standard-webhooks';
      return {
        eventId,
        event: request.event,
        provider: target.provider,
        targetId: target.id,
        url: target.url,
        idempotencyKey: standard ? `msg_${randomBytes(16).toString('base64url')}` : randomUUID(),
        body: formatBody(format, envelope, { providerLabel: providerLabel(target.provider), event: request.event, at }),
        test: request.test ?? false,
        dueAt: now,
      };
    });
    return Promise.all(items.map((item) => this.creates.add(item)));
  }

  /** Puts dead deliveries back on a fresh schedule; those whose target is off are skipped, with why. */
  async resend(ids: number[]): Promise<{ resent: number[]; skipped: { id: number; reason: string }[] }> {
    const skipped: { id: number; reason: string }[] = [];
    const allowed: number[] = [];
    for (const delivery of await this.options.deliveries.summaries(ids)) {
      const target = this.entries.get(delivery.targetId)?.target;
      if (delivery.state !== 'dead') skipped.push({ id: delivery.id, reason: `it is ${delivery.state}, not in the dead-letter queue` });
      else if (!target?.active) skipped.push({ id: delivery.id, reason: `target ${delivery.targetId} is switched off${target?.disabledReason ? ` (${target.disabledReason})` : ''}` });
      else allowed.push(delivery.id);
    }
    const resent = await this.options.deliveries.resend(allowed, this.options.clock.now());
    this.announce(await this.options.deliveries.summaries(resent));
    this.pump.request();
    return { resent, skipped };
  }

  /** A pump pass now (tests with a fake clock after moving it); resolves when its claims are launched. */
  pumpNow(): Promise<void> {
    return this.closed ? Promise.resolve() : this.pump.run();
  }

  /** One pass: claims what is due for every target with room, launches it; returns the next due time. */
  private async pass(): Promise<number | null> {
    const now = this.options.clock.now();
    let earliest: number | null = null;
    for (const entry of [...this.entries.values()]) {
      if (this.closed) return null;
      if (!entry.target.active || entry.target.paused) continue;
      const free = Math.min(entry.target.concurrency - entry.inflight, this.globalConcurrency - this.inflight);
      if (free <= 0) continue; // a finishing attempt pumps again
      const claimed = await this.options.deliveries.claimDue(entry.target.id, now, free, leaseMs(entry.target));
      for (const claim of claimed) this.launch(entry, claim);
      if (claimed.length === free) continue;
      // Includes the leases of this instance's own attempts: waking then finds nothing, harmlessly.
      const due = await this.options.deliveries.nextDue(entry.target.id);
      if (due !== null && (earliest === null || due < earliest)) earliest = due;
    }
    return earliest;
  }

  private launch(entry: TargetEntry, claim: ClaimedDelivery): void {
    entry.inflight++;
    this.inflight++;
    const done = makeAttempt(entry, claim, { now: () => this.options.clock.now(), maxResponseBytes: this.maxResponseBytes })
      .then((record) => this.writes.add(record))
      .catch((error: unknown) => {
        // Its lease ends and the delivery is taken over as its next attempt: nothing is lost.
        process.stderr.write(`hookbench: delivery ${claim.id} attempt failed to record: ${(error as Error).message}\n`);
      })
      .finally(() => {
        entry.inflight--;
        this.inflight--;
        this.settled.delete(done);
        if (!this.closed) this.pump.request();
      });
    this.settled.add(done);
  }

  private announce(deliveries: Delivery[]): void {
    for (const delivery of deliveries) this.options.push.emit({ event: 'delivery.updated', payload: delivery });
  }

  /** Resolves when no pass is queued or running, nothing is in flight and every result is committed (tests). */
  async idle(): Promise<void> {
    for (;;) {
      await this.pump.settle();
      if (this.settled.size > 0) await Promise.allSettled([...this.settled]);
      else if (this.writes.size > 0 || this.creates.size > 0) await Promise.all([this.writes.flush(), this.creates.flush()]);
      else return;
    }
  }

  /** Stops scheduling, lets in-flight attempts finish (briefly), and commits their results. */
  async close(): Promise<void> {
    this.closed = true;
    await this.creates.flush();
    await this.pump.stop();
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => (graceTimer = setTimeout(resolve, CLOSE_GRACE_MS)));
    await Promise.race([this.idle(), grace]);
    clearTimeout(graceTimer);
    await this.writes.flush();
    for (const entry of this.entries.values()) destroyAgents(entry.agents);
  }
}

function destroyAgents(agents: TargetEntry['agents']): void {
  agents.http.destroy();
  agents.https.destroy();
}
