import { randomUUID } from 'node:crypto';
import type { PushEvent, PushEventName } from '../../../shared/contract';
import type { PushBus } from '../push-bus';
import type { ClusterChannel, Store } from '../store/repositories';

/**
 * Push events that describe shared data, so every instance's UIs must hear them. The team link and
 * `backend.changed` are about one app and stay where they happen.
 */
const SHARED: ReadonlySet<PushEventName> = new Set<PushEventName>([
  'request.captured',
  'request.updated',
  'request.drift',
  'requests.deleted',
  'request.sent',
  'endpoints.changed',
  'targets.changed',
  'delivery.updated',
  'deliveries.deleted',
  'tunnel.status',
]);

/** Lists an instance re-reads from the database rather than carry (they can outgrow a message). */
const RELOADED: ReadonlySet<PushEventName> = new Set<PushEventName>(['endpoints.changed', 'targets.changed']);

/** PostgreSQL's NOTIFY payload limit is 8,000 bytes; larger events travel as a reference. */
const MAX_MESSAGE_BYTES = 7_900;

type Message =
  | { from: string; event: PushEvent }
  /** Too large to carry, or a list to re-read: the receiver rebuilds it from the database. */
  | { from: string; ref: PushEventName; id?: number };

export interface ClusterPushDeps {
  channel: ClusterChannel;
  bus: PushBus;
  store: Pick<Store, 'requests' | 'deliveries'>;
  /** Rebuilds a list event from this instance's view of the database (endpoints, targets). */
  reload: (name: 'endpoints.changed' | 'targets.changed') => Promise<void>;
  /** Told of each event that came from another instance, after this instance's UIs got it. */
  onRemote?: (event: PushEvent) => void;
}

/**
 * Carries push events between the instances that share one database, so a capture on instance A
 * appears live in a UI connected to instance B. Local events of shared data are published after
 * their commit; events from other instances are emitted on this instance's bus (and never
 * published back). SQLite's channel delivers nothing, so there this is idle.
 */
export class ClusterPush {
  private readonly id = randomUUID();
  /** Events that came from another instance: not to be published again. */
  private readonly remote = new WeakSet<PushEvent>();
  private readonly stops: (() => void)[] = [];

  constructor(private readonly deps: ClusterPushDeps) {
    this.stops.push(deps.bus.subscribe((event) => this.outgoing(event)));
    this.stops.push(deps.channel.subscribe((text) => void this.incoming(text)));
  }

  close(): void {
    for (const stop of this.stops) stop();
  }

  private outgoing(event: PushEvent): void {
    if (this.remote.has(event) || !SHARED.has(event.event)) return;
    let message: Message = RELOADED.has(event.event) ? { from: this.id, ref: event.event } : { from: this.id, event };
    let text = JSON.stringify(message);
    if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) {
      const ref = reference(event);
      if (!ref) return process.stderr.write(`hookbench: ${event.event} too large to share with other instances; their UIs show it after a reload\n`), undefined;
      message = { from: this.id, ...ref };
      text = JSON.stringify(message);
    }
    this.deps.channel.publish(text).catch((error: unknown) => {
      // The capture is committed and this instance's UIs have it; others catch up on their next reload.
      process.stderr.write(`hookbench: could not tell other instances about ${event.event}: ${(error as Error).message}\n`);
    });
  }

  private async incoming(text: string): Promise<void> {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return;
    }
    if (message.from === this.id) return;
    try {
      if ('event' in message) return this.emit(message.event);
      if (message.ref === 'endpoints.changed' || message.ref === 'targets.changed') return await this.deps.reload(message.ref);
      const rebuilt = await this.rebuild(message.ref, message.id);
      if (rebuilt) this.emit(rebuilt);
    } catch (error) {
      process.stderr.write(`hookbench: could not apply another instance's ${'event' in message ? message.event.event : message.ref}: ${(error as Error).message}\n`);
    }
  }

  private emit(event: PushEvent): void {
    this.remote.add(event);
    this.deps.bus.emit(event);
    this.deps.onRemote?.(event);
  }

  /** An event sent by reference, read back from the database. */
  private async rebuild(name: PushEventName, id: number | undefined): Promise<PushEvent | null> {
    if (name === 'requests.deleted') return { event: 'requests.deleted', payload: { ids: [], reload: true } };
    if (id === undefined) return null;
    if (name === 'request.captured') {
      const found = await this.deps.store.requests.get(id);
      if (!found) return null;
      const { headers: _h, bodyBase64: _b, scheme: _s, ...summary } = found;
      return { event: 'request.captured', payload: summary };
    }
    if (name === 'request.drift') {
      const found = await this.deps.store.requests.get(id);
      return found ? { event: 'request.drift', payload: { id, differences: found.drift } } : null;
    }
    if (name === 'delivery.updated') {
      const [delivery] = await this.deps.store.deliveries.summaries([id]);
      return delivery ? { event: 'delivery.updated', payload: delivery } : null;
    }
    return null;
  }
}

/** How a too-large event is referred to: by the row it is about, or as "reload" (a huge deletion list). */
function reference(event: PushEvent): { ref: PushEventName; id?: number } | null {
  if (event.event === 'request.captured' || event.event === 'request.drift' || event.event === 'delivery.updated') return { ref: event.event, id: event.payload.id };
  if (event.event === 'requests.deleted') return { ref: 'requests.deleted' };
  return null;
}
