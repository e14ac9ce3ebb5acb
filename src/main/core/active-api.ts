import { contract, desktopOnlyPushEvents, type MethodName, type MethodOutput } from '../../shared/contract';
import type { Caller } from '../../shared/roles';
import { checkCall, type Api, type ApiSurface } from './api';
import type { TokensService } from './auth/tokens-service';
import { PushBus } from './push-bus';
import { RemoteRelay } from './team-link/remote-relay';
import type { TeamLink } from './team-link/team-link';

/**
 * What the transports call: this app's own Api, or, while the team link's `browse` is on, the team
 * server (RemoteRelay). The `local` methods of the contract (the team link itself) always stay
 * here, so the user can switch back; getInfo then says which server answers (`remote`).
 *
 * The transports subscribe to `push`: this app's events, or the team server's while browsing (this
 * app's link status aside, which is always about this app), and `backend.changed` when that flips.
 */
export class ActiveApi implements ApiSurface {
  readonly push = new PushBus();
  readonly tokens: TokensService;
  private relay: RemoteRelay | null = null;

  constructor(
    private readonly local: Api,
    private readonly teamLink: TeamLink,
  ) {
    this.tokens = local.tokens;
    local.push.subscribe((event) => {
      // While browsing, this app's own captures would mix into the team server's inbox.
      if (!this.relay || event.event === 'teamlink.status') this.push.emit(event);
    });
  }

  async call<K extends MethodName>(name: K, rawInput: unknown, caller: Caller): Promise<MethodOutput<K>> {
    const relay = this.relay;
    const local = contract[name]?.local === true;
    if (local) {
      const output = await this.local.call(name, rawInput, caller);
      if (name !== 'getTeamLink') await this.follow();
      return output;
    }
    if (!relay) return this.local.call(name, rawInput, caller);
    // The role here gates too: a viewer of this app must not borrow the team token's rights.
    checkCall(name, rawInput, caller);
    if (name === 'getInfo') {
      const info = await relay.call('getInfo', {});
      return { ...info, remote: { url: relay.url, localCaller: caller } } as MethodOutput<K>;
    }
    return relay.call(name, rawInput ?? {});
  }

  /** On shutdown. */
  close(): void {
    this.relay?.stop();
    this.relay = null;
  }

  /** Starts, restarts (new URL or token) or stops relaying to match the team link's settings (at start, and after each change). */
  async follow(): Promise<void> {
    const target = await this.teamLink.browseTarget();
    const before = this.relay;
    before?.stop();
    this.relay = null;
    if (target) {
      const relay: RemoteRelay = new RemoteRelay(target.url, target.token, (event) => {
        // A stopped relay's late events, the team server's own link and backend news, and menu commands
        // (only this app's shell may drive its UI) are not this UI's.
        if (this.relay === relay && event.event !== 'teamlink.status' && event.event !== 'backend.changed' && !desktopOnlyPushEvents.includes(event.event)) this.push.emit(event);
      });
      this.relay = relay;
    }
    if (before || this.relay) this.push.emit({ event: 'backend.changed', payload: { remote: this.relay && { url: this.relay.url } } });
  }
}
