import path from 'node:path';
import { ActiveApi } from './active-api';
import { Api } from './api';
import { AuditTrail } from './auth/audit-trail';
import { TokensService } from './auth/tokens-service';
import { CaptureService } from './capture/capture-service';
import { ClusterPush } from './cluster/cluster-push';
import { RetentionJob } from './cluster/retention-job';
import { EndpointsService } from './endpoints-service';
import { Forwarder } from './forward/forwarder';
import { PushBus } from './push-bus';
import { EndpointRouter } from './receiver/endpoint-router';
import { DEFAULT_RECEIVER_OPTIONS, Receiver, type ReceiverOptions } from './receiver/receiver';
import { RequestsService } from './requests-service';
import { DriftJudge } from './schemas/drift-judge';
import { PinnedValidator } from './schemas/pinned-validator';
import { SchemaTracker } from './schemas/schema-tracker';
import { SchemasService } from './schemas/schemas-service';
import type { SecretBox } from './secrets/secret-box';
import { openStore } from './store/open-store';
import type { Store } from './store/repositories';
import { LocaltunnelProvider } from './tunnel/localtunnel-provider';
import { tunnelBackoffFromEnv, TunnelManager } from './tunnel/tunnel-manager';
import { TunnelService } from './tunnel/tunnel-service';
import { TeamLink } from './team-link/team-link';
import { VERSION } from './version';
import type { SsrfPolicy } from '../../shared/sender-schemas';
import { systemClock, type Clock } from './sender/clock';
import { Sender } from './sender/sender';
import { systemResolver, type Resolver } from './sender/ssrf';
import { TargetsService } from './sender/targets-service';

export interface CoreOptions {
  dataDir: string;
  /** `postgres://…`: several instances share this database (default: SQLite in `dataDir`). */
  databaseUrl?: string;
  receiverHost: string;
  receiverPort: number;
  mode: 'desktop' | 'headless';
  nativeBinding?: string;
  /** Open the tunnel at start (headless `--tunnel`); otherwise it reopens if it was on last time. */
  tunnel?: { host?: string; subdomain?: string };
  /** Where new endpoint secrets are sealed (desktop: the OS keychain); default: a key file. */
  secretBox?: SecretBox;
  receiver?: Partial<Omit<ReceiverOptions, 'host' | 'port'>>;
  /** The sender's time (tests pass a fake clock to run hour-long schedules in milliseconds). */
  clock?: Clock;
  /** How "public only" targets resolve names (tests pass their own, never a real lookup). */
  resolver?: Resolver;
  /** SSRF policy of new targets: 'off' on the desktop, 'public-only' for an exposed headless server. */
  senderDefaultSsrf?: SsrfPolicy;
  /**
   * Learn schemas from captures and flag drift (default: on, unless HOOKBENCH_SCHEMA_TRACKING=off,
   * which exists so the benchmark can measure ingest with and without it in one run).
   */
  schemaTracking?: boolean;
}

/** How often, on a shared database, the sender looks at the schedule without being told to. */
const SHARED_SCHEDULE_LOOK_MS = 5_000;

/** What Core.close stops, in order, besides the receiver and the store. */
interface Stoppable {
  close(): void | Promise<void>;
}

/**
 * The whole engine, with no transport and no Electron: store + receiver + API. Both the desktop
 * app and the headless server start exactly this and put their transport in front of `api`.
 *
 * This is the composition root: every part gets what it needs through its constructor, in an
 * order where nothing is filled in later. Parts that must hear of changes made elsewhere (another
 * instance on a shared database) subscribe to push events here, explicitly.
 */
export class Core {
  private constructor(
    readonly store: Store,
    readonly receiver: Receiver,
    /** What the transports call: this app's Api, or the team server it browses. */
    readonly api: ActiveApi,
    readonly tunnel: TunnelService,
    readonly sender: Sender,
    readonly teamLink: TeamLink,
    /** Learns schemas from captures in the background (tests wait for it with `flush`). */
    readonly schemaTracker: SchemaTracker,
    private readonly background: Stoppable[],
  ) {}

  static async start(options: CoreOptions): Promise<Core> {
    const store = await openStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, secretBox: options.secretBox, nativeBinding: options.nativeBinding });
    const push = new PushBus();
    const router = new EndpointRouter();
    const endpoints = new EndpointsService(store, router, push);
    const requests = new RequestsService(store.requests, push);
    const forwarder = new Forwarder(store, push);
    const validator = new PinnedValidator();
    const judge = new DriftJudge(validator);
    const tracker = new SchemaTracker({
      schemas: store.schemas,
      requests: store.requests,
      settings: store.settings,
      judge,
      push,
      enabled: options.schemaTracking ?? process.env.HOOKBENCH_SCHEMA_TRACKING !== 'off',
    });
    const schemas = new SchemasService({ store, judge, validator, push });
    const capture = new CaptureService({ requests: store.requests, deletions: requests, forwarder, push, schemas: tracker });
    const sender = new Sender({ deliveries: store.deliveries, targets: store.targets, clock: options.clock ?? systemClock, resolver: options.resolver ?? systemResolver, push });
    const targets = new TargetsService(store.targets, sender, push, options.senderDefaultSsrf ?? 'off');
    // Only a shared database has other instances to tell (SQLite: one process, no bridge at all).
    const cluster = store.shared && new ClusterPush({
      channel: store.cluster,
      bus: push,
      store,
      // Another instance changed these: refresh what this one holds in memory, and tell its UIs.
      reload: async (name) => {
        if (name === 'endpoints.changed') {
          await endpoints.reload();
          push.emit({ event: 'endpoints.changed', payload: { items: await endpoints.list() } });
        } else {
          await sender.reloadTargets();
          push.emit({ event: 'targets.changed', payload: { items: await targets.list() } });
        }
      },
      // A delivery another instance created (or put back on the schedule) may be this one's to send.
      onRemote: (event) => {
        if (event.event === 'delivery.updated' && event.payload.state === 'pending') void sender.pumpNow();
      },
    });
    const receiver = new Receiver(
      { ...DEFAULT_RECEIVER_OPTIONS, ...options.receiver, host: options.receiverHost, port: options.receiverPort },
      (request, route, receiverUrl) => capture.capture(request, route, receiverUrl),
      (path) => router.route(path),
    );
    // Closed after the receiver (its last captures are queued by then), before the store.
    const background: Stoppable[] = cluster ? [tracker, cluster] : [tracker];
    let tunnelPort: number;
    try {
      await endpoints.reload();
      await receiver.listen();
      tunnelPort = await receiver.listenTunnel();
    } catch (error) {
      if (cluster) cluster.close();
      await receiver.close();
      await store.close();
      throw error;
    }
    const tunnel = new TunnelService({
      manager: new TunnelManager({
        provider: new LocaltunnelProvider(),
        settings: store.settings,
        initial: await TunnelManager.storedSettings(store.settings),
        localPort: tunnelPort,
        onStatus: (status) => push.emit({ event: 'tunnel.status', payload: status }),
        ...tunnelBackoffFromEnv(),
      }),
      store,
      push,
    });
    const teamLink = new TeamLink({
      repo: store.teamLink,
      initial: await store.teamLink.get(),
      stateDir: path.join(options.dataDir, 'team-link'),
      onStatus: (status) => push.emit({ event: 'teamlink.status', payload: status }),
    });
    const info = () => ({ version: VERSION, receiverUrl: receiver.url, publicUrl: tunnel.status.publicUrl, mode: options.mode });
    const tokens = new TokensService(store.tokens);
    const localApi = new Api({ store, requests, info, endpoints, forwarder, tunnel, teamLink, push, sender, targets, tokens, schemas, audit: new AuditTrail(store.audit) });
    const api = new ActiveApi(localApi, teamLink);
    if (store.shared) {
      const retention = new RetentionJob(store, requests);
      retention.start();
      // Pushes between instances are hints (NOTIFY keeps nothing for a listener that was
      // reconnecting): a periodic look at the schedule makes sure no due delivery waits for one.
      const lookAgain = setInterval(() => void sender.pumpNow(), SHARED_SCHEDULE_LOOK_MS);
      lookAgain.unref();
      background.push(retention, { close: () => clearInterval(lookAgain) });
    }
    if (options.tunnel) await tunnel.start(options.tunnel);
    else await tunnel.resume();
    await sender.start();
    await teamLink.resume();
    await api.follow();
    return new Core(store, receiver, api, tunnel, sender, teamLink, tracker, background);
  }

  get receiverUrl(): string {
    return this.receiver.url;
  }

  /** Stops the receiver (letting in-flight captures commit), then closes the database. */
  async close(): Promise<void> {
    this.api.close();
    await Promise.all([this.tunnel.close(), this.receiver.close(), this.sender.close(), this.teamLink.close()]);
    for (const part of this.background) await part.close();
    await this.store.close();
  }
}
