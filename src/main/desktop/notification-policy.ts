import type { PushEvent } from '../../shared/contract';
import { DEFAULT_INBOX_KEY, type EndpointNotify } from './desktop-prefs';

export interface DesktopNotification {
  title: string;
  body: string;
  /** Endpoint key (DEFAULT_INBOX_KEY for the default inbox), or null for Sender deliveries. */
  endpoint: string | null;
  kind: 'captures' | 'failures' | 'deliveries';
  count: number;
}

/** What a capture needs to be named in a notification (the requests' summary has it). */
export interface RequestBrief {
  endpoint: string | null;
  method: string;
  path: string;
}

export interface NotificationPolicyDeps {
  notifyFor(endpointKey: string): EndpointNotify;
  notifyDeliveryFailures(): boolean;
  notify(notification: DesktopNotification): void;
  /** For a forward of a request not captured while the app watched (rare): ask the core. */
  lookupRequest(id: number): Promise<RequestBrief | null>;
  /** A burst is one notification once it has been quiet this long… */
  quietMs?: number;
  /** …or once it has lasted this long (a steady stream still says something now and then). */
  maxWaitMs?: number;
}

interface Batch {
  count: number;
  first: number;
  last: DesktopNotification;
  timer: NodeJS.Timeout;
}

const RECENT_LIMIT = 5000;

/**
 * Decides which push events become native notifications, per the person's per-endpoint choices,
 * and folds bursts into one: 500 captures on /stripe within a moment are a single "500 new
 * requests on /stripe", never 500 toasts. Failures are an endpoint's forwards that got no answer
 * or an error status, and Sender deliveries that failed an attempt or were dead-lettered.
 */
export class NotificationPolicy {
  private readonly batches = new Map<string, Batch>();
  /** Captures seen, so a forward's result can be put to its endpoint without asking the core. */
  private readonly recent = new Map<number, RequestBrief>();
  /** Delivery states already told about: an update that repeats one is not a new failure. */
  private readonly toldDeliveries = new Set<string>();
  private readonly quietMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly deps: NotificationPolicyDeps) {
    this.quietMs = deps.quietMs ?? 1500;
    this.maxWaitMs = deps.maxWaitMs ?? 10_000;
  }

  handle(event: PushEvent): void {
    if (event.event === 'request.captured') this.onCaptured(event.payload);
    else if (event.event === 'request.sent') void this.onSent(event.payload);
    else if (event.event === 'delivery.updated') this.onDelivery(event.payload);
  }

  /** Sends what is batched now (quitting) and stops the timers. */
  close(): void {
    for (const key of [...this.batches.keys()]) this.flush(key);
  }

  private onCaptured(capture: Extract<PushEvent, { event: 'request.captured' }>['payload']): void {
    const brief = { endpoint: capture.endpoint, method: capture.method, path: capture.path };
    this.remember(capture.id, brief);
    const key = capture.endpoint ?? DEFAULT_INBOX_KEY;
    if (!this.deps.notifyFor(key).captures) return;
    this.add(`captures:${key}`, (count) => ({
      kind: 'captures',
      endpoint: key,
      count,
      title: count === 1 ? `New request ${place(capture.endpoint)}` : `${count} new requests ${place(capture.endpoint)}`,
      body: count === 1 ? `${brief.method} ${brief.path}` : `Latest: ${brief.method} ${brief.path}`,
    }));
  }

  private async onSent(sent: Extract<PushEvent, { event: 'request.sent' }>['payload']): Promise<void> {
    // Replays are someone at the app watching the result; only the automatic forward can fail unseen.
    if (sent.kind !== 'forward' || (sent.status !== null && sent.status < 400)) return;
    const brief = this.recent.get(sent.requestId) ?? (await this.deps.lookupRequest(sent.requestId).catch(() => null));
    if (!brief) return;
    const key = brief.endpoint ?? DEFAULT_INBOX_KEY;
    if (!this.deps.notifyFor(key).failures) return;
    const outcome = sent.status !== null ? `answered ${sent.status}` : `failed: ${sent.error ?? 'no answer'}`;
    this.add(`failures:${key}`, (count) => ({
      kind: 'failures',
      endpoint: key,
      count,
      title: count === 1 ? `Forward failed ${place(brief.endpoint)}` : `${count} forwards failed ${place(brief.endpoint)}`,
      body: `${count === 1 ? '' : 'Latest: '}${brief.method} ${brief.path} ${outcome}`,
    }));
  }

  private onDelivery(delivery: Extract<PushEvent, { event: 'delivery.updated' }>['payload']): void {
    const dead = delivery.state === 'dead';
    const failedAttempt = delivery.state === 'pending' && delivery.attempts > 0 && (delivery.lastError !== null || (delivery.lastStatus !== null && delivery.lastStatus >= 300));
    if (!dead && !failedAttempt) return;
    const told = `${delivery.id}:${delivery.attempts}:${delivery.state}`;
    if (this.toldDeliveries.has(told)) return;
    if (this.toldDeliveries.size >= RECENT_LIMIT) this.toldDeliveries.clear();
    this.toldDeliveries.add(told);
    if (!this.deps.notifyDeliveryFailures()) return;
    const why = delivery.lastError ?? (delivery.lastStatus !== null ? `answered ${delivery.lastStatus}` : 'no answer');
    const what = dead ? `gave up after ${delivery.attempts} attempts` : `attempt ${delivery.attempts} failed, will retry`;
    this.add('deliveries', (count) => ({
      kind: 'deliveries',
      endpoint: null,
      count,
      title: count === 1 ? `Delivery of ${delivery.event} ${dead ? 'dead-lettered' : 'failed'}` : `${count} delivery failures`,
      body: `${count === 1 ? '' : 'Latest: '}${delivery.event} to ${delivery.url}: ${what} (${why})`,
    }));
  }

  private add(key: string, describe: (count: number) => DesktopNotification): void {
    const now = Date.now();
    const batch = this.batches.get(key);
    if (batch) clearTimeout(batch.timer);
    const count = (batch?.count ?? 0) + 1;
    const first = batch?.first ?? now;
    const wait = Math.max(0, Math.min(this.quietMs, first + this.maxWaitMs - now));
    this.batches.set(key, { count, first, last: describe(count), timer: setTimeout(() => this.flush(key), wait) });
  }

  private flush(key: string): void {
    const batch = this.batches.get(key);
    if (!batch) return;
    clearTimeout(batch.timer);
    this.batches.delete(key);
    this.deps.notify(batch.last);
  }

  private remember(id: number, brief: RequestBrief): void {
    if (this.recent.size >= RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(id, brief);
  }
}

function place(endpoint: string | null): string {
  return endpoint === null ? 'in the default inbox' : `on /${endpoint}`;
}
