import type { TeamLinkForward, TeamLinkState, TeamLinkStatus } from '../../../shared/team-link-schemas';
import type { ListenEvent } from '../listen/listener';

/** How many forwards the status keeps: enough for a glance in Settings, small enough to push on every change. */
export const LAST_FORWARDS = 10;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Turns the listener's events into the one status the UI shows: connecting → catching-up → live,
 * app-down while the local app does not answer (the capture is retried, later ones wait), error
 * when the listener gave up (a refused token). Every change goes to `onChange` (the push event).
 */
export class LinkStatus {
  private current: TeamLinkStatus;
  private pushConnected = false;
  private backlogDone = false;

  constructor(
    url: string | null,
    private readonly onChange: (status: TeamLinkStatus) => void,
  ) {
    this.current = { state: 'off', url, lastError: null, forwarded: 0, lastForwards: [], since: new Date().toISOString() };
  }

  get status(): TeamLinkStatus {
    return this.current;
  }

  /** A fresh run (on, or restarted with new settings): counts start again. */
  reset(url: string | null, state: TeamLinkState, lastError: string | null = null): void {
    this.pushConnected = false;
    this.backlogDone = false;
    this.current = { state, url, lastError, forwarded: 0, lastForwards: [], since: new Date().toISOString() };
    this.onChange(this.current);
  }

  event(event: ListenEvent): void {
    switch (event.type) {
      case 'start':
        return this.update({ state: 'catching-up' });
      case 'forward': {
        const forward: TeamLinkForward = { id: event.id, method: event.method, path: event.path, status: event.status, ms: event.ms, at: event.time };
        return this.update({
          state: this.current.state === 'app-down' ? 'catching-up' : this.current.state,
          // The app answered: whatever went wrong before is over (a warning below says otherwise).
          lastError: this.current.state === 'app-down' ? null : this.current.lastError,
          forwarded: this.current.forwarded + 1,
          lastForwards: [forward, ...this.current.lastForwards].slice(0, LAST_FORWARDS),
        });
      }
      case 'retry':
        return this.update({ state: 'app-down', lastError: `the local app did not answer #${event.id} (${event.error.message}); trying again in ${seconds(event.retryInMs)}, later captures wait` });
      case 'push':
        this.pushConnected = event.state === 'connected';
        if (this.current.state === 'app-down') return;
        if (event.state === 'connected') return this.update({ state: this.live(), lastError: null });
        // Anything may arrive unseen while it is down: the look after reconnecting decides "live" again.
        this.backlogDone = false;
        return this.update({ state: 'connecting', lastError: `lost the team server's push channel (${event.reason}); reconnecting in ${seconds(event.retryInMs)}` });
      case 'server':
        return this.update({ state: 'connecting', lastError: `the team server is not reachable (${event.message}); retrying in ${seconds(event.retryInMs)}` });
      case 'warning':
        return this.update({ lastError: event.message });
      case 'fatal':
        return this.update({ state: 'error', lastError: event.message });
    }
  }

  /** The listener found nothing more to forward. */
  caughtUp(): void {
    this.backlogDone = true;
    if (this.current.state === 'catching-up' || this.current.state === 'connecting') this.update({ state: this.live() });
  }

  private live(): TeamLinkState {
    if (!this.pushConnected) return 'connecting';
    return this.backlogDone ? 'live' : 'catching-up';
  }

  private update(change: Partial<TeamLinkStatus>): void {
    const next = { ...this.current, ...change };
    if (next.state !== this.current.state) next.since = new Date().toISOString();
    this.current = next;
    this.onChange(next);
  }
}
