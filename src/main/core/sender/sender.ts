import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { HeaderPairs } from '../../../shared/request-schemas';
import type { Delivery, ProviderPreset, Target } from '../../../shared/sender-schemas';
import { sendHttp, type OutboundResult } from '../outbound/send-http';
import type { PushBus } from '../push-bus';
import { GroupCommit } from '../store/group-commit';
import type { AttemptRecord, ClaimedDelivery, DeliveriesRepo, NewDelivery } from '../store/repos/deliveries-repo';
import type { TargetsRepo } from '../store/repos/targets-repo';
import { ApiError } from '../../../shared/errors';
import { eventRefusal, newEventId, providerHasEvent, providerLabel, sampleFor } from './catalog';
import type { Clock } from './clock';
import { buildEnvelope } from './envelope';
import { formatBody, resolveFormat } from './formatters';
import { attemptHeaders } from './provider-headers';
import { GONE_DISABLES_TARGET } from './preset-policy';
import { judgeAttempt } from './retry-policy';
import { literalHostBlocked, publicOnlyAgents, schemeBlocked, type Resolver } from './ssrf';

export interface SenderOptions {
  deliveries: DeliveriesRepo;
  targets: TargetsRepo;
  clock: Clock;
  /** How "public only" targets resolve host names (tests pass their own; never a real lookup there). */
  resolver: Resolver;
  push: PushBus;
  /** Attempts in flight across all targets. */
  globalConcurrency?: number;
  /** Response bodies kept in the log are cut here. */
  maxResponseBytes?: number;
}

interface TargetEntry {
  target: Target;
  secret: string | null;
  agents: { http: http.Agent; https: https.Agent };
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

/** Waiting longer than this for in-flight attempts on shutdown leaves them to be resent on start. */
const CLOSE_GRACE_MS = 5_000;

/**
 * The delivery engine. The database is the schedule: a pump claims due deliveries per target (up
 * to the target's concurrency, so one slow target never holds up another), sends one attempt each,
 * and records every attempt together with the delivery's next state in batched transactions. A
 * timer sleeps until the earliest due time. Nothing about the schedule lives only in memory, so a
 * stop or a crash loses nothing: attempts in flight at a crash are due again on start.
 */
export class Sender {
  private readonly entries = new Map<number, TargetEntry>();
  private readonly writes: GroupCommit<AttemptRecord, null>;
  /** New deliveries of one event-loop turn go in one transaction (many emits, one commit). */
  private readonly creates: GroupCommit<NewDelivery, Delivery>;
  private readonly globalConcurrency: number;
  private readonly maxResponseBytes: number;
  private inflight = 0;
  private readonly settled = new Set<Promise<unknown>>();
  private timer: unknown = null;
  private timerDue: number | null = null;
  private pumpQueued = false;
  private closed = false;
  /** Told when the sender switched a target off (a 410), so the UI hears of it. */
  onTargetsChanged: (() => void) | null = null;

  constructor(private readonly options: SenderOptions) {
    this.globalConcurrency = options.globalConcurrency ?? 256;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
    this.writes = new GroupCommit((records) => {
      const killed = options.deliveries.record(records);
      const disabled = records.some((r) => r.disableTarget);
      // Read now, announced after the commit: the UI hears only about what is durable.
      const changed = options.deliveries.summaries([...records.map((r) => r.deliveryId), ...killed]);
      // A target switched off (410) stops getting events from this moment on.
      if (disabled) this.reloadTargets();
      setImmediate(() => {
        if (disabled && !this.closed) this.onTargetsChanged?.();
        this.announce(changed.map((d) => d.id), changed);
      });
      return records.map(() => null);
    });
    this.creates = new GroupCommit((items) => {
      const created = options.deliveries.create(items);
      setImmediate(() => this.announce(created.map((d) => d.id), created));
      this.queuePump();
      return created;
    });
  }

  /** Resumes the schedule: interrupted attempts are due now, everything else when it was due. */
  start(): void {
    this.options.deliveries.recoverInterrupted(this.options.clock.now());
    this.reloadTargets();
  }

  /** Re-reads targets after a change (config, 410, delete) and wakes the pump. */
  reloadTargets(): void {
    const fresh = this.options.targets.withSecrets();
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
    this.queuePump();
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
      if (refusal) throw new ApiError('invalid_input', `${refusal}; target ${t.id} cannot be sent it`);
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
  resend(ids: number[]): { resent: number[]; skipped: { id: number; reason: string }[] } {
    const skipped: { id: number; reason: string }[] = [];
    const allowed: number[] = [];
    for (const delivery of this.options.deliveries.summaries(ids)) {
      const target = this.entries.get(delivery.targetId)?.target;
      if (delivery.state !== 'dead') skipped.push({ id: delivery.id, reason: `it is ${delivery.state}, not in the dead-letter queue` });
      else if (!target?.active) skipped.push({ id: delivery.id, reason: `target ${delivery.targetId} is switched off${target?.disabledReason ? ` (${target.disabledReason})` : ''}` });
      else allowed.push(delivery.id);
    }
    const resent = this.options.deliveries.resend(allowed, this.options.clock.now());
    this.announce(resent);
    this.queuePump();
    return { resent, skipped };
  }

  /** Called by tests with a fake clock after moving it, and by the timer. */
  pumpNow(): void {
    this.pumpQueued = false;
    if (this.closed) return;
    const now = this.options.clock.now();
    let earliest: number | null = null;
    for (const entry of this.entries.values()) {
      if (!entry.target.active || entry.target.paused) continue;
      const free = Math.min(entry.target.concurrency - entry.inflight, this.globalConcurrency - this.inflight);
      if (free <= 0) continue; // a finishing attempt pumps again
      const claimed = this.options.deliveries.claimDue(entry.target.id, now, free);
      for (const claim of claimed) this.launch(entry, claim);
      if (claimed.length === free) continue;
      const due = this.options.deliveries.nextDue(entry.target.id);
      if (due !== null && (earliest === null || due < earliest)) earliest = due;
    }
    this.arm(earliest, now);
  }

  private arm(due: number | null, now: number): void {
    if (due === this.timerDue && this.timer !== null) return;
    if (this.timer !== null) this.options.clock.clearTimer(this.timer);
    this.timer = null;
    this.timerDue = due;
    if (due === null) return;
    // setTimeout's limit is about 24.8 days; the pump re-arms on waking.
    const wait = Math.min(Math.max(0, due - now), 2 ** 31 - 1);
    this.timer = this.options.clock.setTimer(() => {
      this.timer = null;
      this.timerDue = null;
      this.pumpNow();
    }, wait);
  }

  private queuePump(): void {
    if (this.pumpQueued || this.closed) return;
    this.pumpQueued = true;
    setImmediate(() => this.pumpNow());
  }

  private launch(entry: TargetEntry, claim: ClaimedDelivery): void {
    entry.inflight++;
    this.inflight++;
    const done = this.attempt(entry, claim)
      .catch((error: unknown) => {
        process.stderr.write(`hookbench: delivery ${claim.id} attempt failed to record: ${(error as Error).message}\n`);
      })
      .finally(() => {
        entry.inflight--;
        this.inflight--;
        this.settled.delete(done);
        this.queuePump();
      });
    this.settled.add(done);
  }

  private async attempt(entry: TargetEntry, claim: ClaimedDelivery): Promise<null> {
    const { target, secret } = entry;
    const startedAt = this.options.clock.now();
    const url = target.url;
    let headers: HeaderPairs = [];
    let refused: OutboundResult | null = null;
    try {
      // Never send unsigned what should be signed: a secret this process cannot open is an error.
      if (target.secretHint !== null && secret === null) throw new Error(`the target's secret is ${target.secretUnavailable ?? 'not available here'}`);
      headers = attemptHeaders({ target, secret, event: claim.event, idempotencyKey: claim.idempotencyKey, body: claim.body, timestampSec: Math.floor(startedAt / 1000) });
    } catch (error) {
      // Checked when the secret is saved; this catches a scheme changed under a stored secret.
      refused = { ok: false, error: { kind: 'signing', message: `could not sign the request: ${(error as Error).message}` }, durationMs: 0 };
    }
    const blocked = target.ssrf === 'public-only' ? (schemeBlocked(new URL(url)) ?? literalHostBlocked(new URL(url))) : null;
    if (!refused && blocked) refused = { ok: false, error: { kind: 'ssrf_blocked', message: blocked }, durationMs: 0 };
    const result: OutboundResult = refused
      ? refused
      : await sendHttp({ url, method: 'POST', headers, body: claim.body, timeoutMs: Math.round(target.timeoutSec * 1000), agents: entry.agents, maxResponseBytes: this.maxResponseBytes });
    const outcome = result.ok ? (result.status >= 200 && result.status < 300 ? 'success' : 'http_status') : result.error.kind;
    const now = this.options.clock.now();
    const cycleAttempts = claim.cycleAttempts + 1;
    const verdict = judgeAttempt({
      outcome,
      status: result.ok ? result.status : null,
      responseHeaders: result.ok ? result.headers : null,
      cycleAttempts,
      schedule: target.retrySchedule,
      goneDisablesTarget: GONE_DISABLES_TARGET[target.provider],
      now,
    });
    return this.writes.add({
      deliveryId: claim.id,
      targetId: target.id,
      event: claim.event,
      attempt: claim.attempts + 1,
      url,
      method: 'POST',
      headers,
      outcome,
      status: result.ok ? result.status : null,
      responseHeaders: result.ok ? result.headers : null,
      responseBody: result.ok ? result.body : null,
      responseTruncated: result.ok && result.truncated,
      errorMessage: result.ok ? (outcome === 'success' ? null : `HTTP ${result.status}${result.status === 410 ? ' Gone' : ''}`) : result.error.message,
      scheduledFor: claim.dueAt,
      startedAt,
      durationMs: result.durationMs,
      cycleAttempts,
      ...verdict,
    });
  }

  private announce(ids: number[], known?: Delivery[]): void {
    if (ids.length === 0) return;
    for (const delivery of known ?? this.options.deliveries.summaries(ids)) this.options.push.emit({ event: 'delivery.updated', payload: delivery });
  }

  /** Resolves when nothing is in flight and every result is committed (tests). */
  async idle(): Promise<void> {
    while (this.settled.size > 0) await Promise.allSettled([...this.settled]);
    this.writes.flush();
  }

  /** Stops scheduling, lets in-flight attempts finish (briefly), and commits their results. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) this.options.clock.clearTimer(this.timer);
    this.timer = null;
    this.creates.flush();
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    this.writes.flush();
    for (const entry of this.entries.values()) destroyAgents(entry.agents);
  }
}

function destroyAgents(agents: TargetEntry['agents']): void {
  agents.http.destroy();
  agents.https.destroy();
}
