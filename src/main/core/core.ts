import path from 'node:path';
import { detectEvent } from '../../shared/events/detect-event';
import { ActiveApi } from './active-api';
import { Api } from './api';
import { AuditTrail } from './auth/audit-trail';
import { TokensService } from './auth/tokens-service';
import { EndpointsService } from './endpoints-service';
import { Forwarder } from './forward/forwarder';
import { captureVerdict } from './signatures/capture-verdict';
import { PushBus } from './push-bus';
import { EndpointRouter } from './receiver/endpoint-router';
import { DEFAULT_RECEIVER_OPTIONS, Receiver, type ReceiverOptions, type Reply } from './receiver/receiver';
import type { SecretBox } from './secrets/secret-box';
import { Store } from './store/store';
import { LocaltunnelProvider } from './tunnel/localtunnel-provider';
import { TunnelManager } from './tunnel/tunnel-manager';
import { TeamLink } from './team-link/team-link';
import { VERSION } from './version';
import type { SsrfPolicy } from '../../shared/sender-schemas';
import { systemClock, type Clock } from './sender/clock';
import { Sender } from './sender/sender';
import { systemResolver, type Resolver } from './sender/ssrf';
import { TargetsService } from './sender/targets-service';

export interface CoreOptions {
  dataDir: string;
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
}

/**
 * The whole engine, with no transport and no Electron: store + receiver + API. Both the desktop
 * app and the headless server start exactly this and put their transport in front of `api`.
 */
export class Core {
  private constructor(
    readonly store: Store,
    readonly receiver: Receiver,
    /** What the transports call: this app's Api, or the team server it browses. */
    readonly api: ActiveApi,
    readonly tunnel: TunnelManager,
    readonly sender: Sender,
    readonly teamLink: TeamLink,
  ) {}

  static async start(options: CoreOptions): Promise<Core> {
    const store = Store.open({ dataDir: options.dataDir, nativeBinding: options.nativeBinding, secretBox: options.secretBox });
    let receiverUrl = '';
    const router = new EndpointRouter();
    const push = new PushBus();
    const forwarder = new Forwarder(store, push);
    let tunnelPort = 0;
    const tunnel = new TunnelManager({
      provider: new LocaltunnelProvider(),
      settings: store.settings,
      localPort: () => tunnelPort,
      onStatus: (status) => push.emit({ event: 'tunnel.status', payload: status }),
    });
    const teamLink = new TeamLink({
      repo: store.teamLink,
      stateDir: path.join(options.dataDir, 'team-link'),
      onStatus: (status) => push.emit({ event: 'teamlink.status', payload: status }),
    });
    const info = () => ({ version: VERSION, receiverUrl, publicUrl: tunnel.status.publicUrl, mode: options.mode });
    const endpoints = new EndpointsService(store, router, push);
    const sender = new Sender({ deliveries: store.deliveries, targets: store.targets, clock: options.clock ?? systemClock, resolver: options.resolver ?? systemResolver, push });
    const targets = new TargetsService(store.targets, sender, push, options.senderDefaultSsrf ?? 'off');
    sender.onTargetsChanged = () => targets.changed();
    const localApi = new Api({ store, info, endpoints, forwarder, tunnel, teamLink, push, sender, targets, tokens: new TokensService(store.tokens), audit: new AuditTrail(store.audit) });
    store.requests.onDeleted = (ids) => {
      // Past a screenful of ids the UI is better off reloading its list than diffing it.
      const reload = ids.length > 1_000;
      push.emit({ event: 'requests.deleted', payload: { ids: reload ? [] : ids, reload } });
    };
    const receiver = new Receiver(
      { ...DEFAULT_RECEIVER_OPTIONS, ...options.receiver, host: options.receiverHost, port: options.receiverPort },
      async (request, route) => {
        // The event name is derived once, here, from the exact bytes, so filters never re-parse bodies.
        const summary = await store.requests.insert({
          ...request,
          event: detectEvent(request),
          ...captureVerdict(request, route, info().publicUrl ?? receiverUrl),
        });
        push.emit({ event: 'request.captured', payload: summary });
        if (!route.forward) return summary;
        const sending = forwarder.forward(summary.id, request, route.forward.url);
        if (!route.forward.proxy) {
          // Forwarding runs after the answer; its outcome is recorded with the capture.
          sending.catch((error: unknown) => process.stderr.write(`hookbench: forward of request ${summary.id} failed: ${(error as Error).message}\n`));
          return summary;
        }
        const reply = await proxyReply(sending);
        // What the receiver answered is part of the capture.
        store.requests.setStatus(summary.id, reply.status);
        push.emit({ event: 'request.updated', payload: { id: summary.id, status: reply.status } });
        return { id: summary.id, reply };
      },
      (path) => router.route(path),
    );
    try {
      receiverUrl = await receiver.listen();
      tunnelPort = await receiver.listenTunnel();
    } catch (error) {
      await receiver.close();
      store.close();
      throw error;
    }
    if (options.tunnel) await tunnel.start(options.tunnel);
    else tunnel.resume();
    sender.start();
    teamLink.resume();
    return new Core(store, receiver, new ActiveApi(localApi, teamLink), tunnel, sender, teamLink);
  }

  get receiverUrl(): string {
    return this.receiver.url;
  }

  /** Stops the receiver (letting in-flight captures commit), then closes the database. */
  async close(): Promise<void> {
    this.tunnel.close();
    this.api.close();
    await Promise.all([this.receiver.close(), this.sender.close(), this.teamLink.close()]);
    this.store.close();
  }
}

/** Proxy mode: the provider gets the forward's answer, or a 502 saying why there was none. */
async function proxyReply(sending: ReturnType<Forwarder['forward']>): Promise<Reply> {
  const badGateway = (message: string): Reply => ({
    status: 502,
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from(JSON.stringify({ ok: false, error: `Hookbench could not forward this request: ${message}` })),
  });
  try {
    const { result } = await sending;
    return result.ok ? { status: result.status, headers: result.headers, body: result.body } : badGateway(result.error.message);
  } catch (error) {
    return badGateway((error as Error).message);
  }
}
