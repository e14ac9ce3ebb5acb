import type { RequestDetail } from '../../../shared/request-schemas';
import type { SendFailureKind } from '../../../shared/send-schemas';
import { createApiClient, RemoteError, type ApiClient } from './api-client';
import { backoffDelay, sleep } from './backoff';
import { CursorFile } from './cursor-file';
import { forwardCapture, toReport, type ForwardOutcome } from './forward-capture';
import { PushWakeups, type PushState } from './push-wakeups';

/**
 * The engine of `hookbench listen`: follows a Hookbench server's captures and forwards each to a
 * local app, in capture order, at least once.
 *
 * - The cursor is the feed position of the last capture delivered (its id on SQLite, the commit
 *   order on a shared PostgreSQL database); it lives in a state file and only moves
 *   forward after the local app answered and the server recorded that answer. So a listener that
 *   is killed, a laptop that sleeps, a network that drops or a server that restarts all resume
 *   from the cursor, oldest first: nothing is skipped, and at most the capture in flight is sent
 *   twice (it carries `X-Hookbench-Request-Id` for an app that wants to notice).
 * - Delivered means the app gave an HTTP answer, whatever its status: a 500 is the app's answer,
 *   recorded and shown, and retrying it forever would hold every later webhook behind one the app
 *   cannot take (replay it from the UI once fixed). No answer (refused, reset, timeout) means the
 *   app is down: the same capture is retried with backoff, and later ones wait behind it.
 * - The push socket is only a doorbell; what to forward always comes from the catch-up feed
 *   (`listCapturesSince`), so a missed push costs latency, never a capture. A periodic look is
 *   the safety net for pushes lost while the socket looked open.
 */

export type ListenFrom = 'now' | 'missed';

export interface ListenerOptions {
  serverUrl: string;
  token: string;
  forwardTo: string;
  /** Only this endpoint's captures (the path after its slug is appended to `forwardTo`); null = all. */
  endpoint: string | null;
  /** `missed` resumes from the state file; `now` skips whatever arrived before this start. */
  from: ListenFrom;
  stateFile: string;
  onEvent(event: ListenEvent): void;
  /**
   * Called each time a look found nothing more to forward (the backlog is done: live from here).
   * Not an event, so `listen --json` output stays as documented; the app's team link shows it.
   */
  onCaughtUp?(): void;
  /** Injectable for tests; default: the REST client for `serverUrl`. */
  client?: ApiClient;
  /** How often to look for captures without being told (default 30 s). */
  safetyDrainMs?: number;
  forwardTimeoutMs?: number;
}

/** A capture as the output lines name it. */
interface CaptureRef {
  time: string;
  id: number;
  method: string;
  /** As captured, with its query. */
  path: string;
  /** Where it was sent. */
  url: string;
}

export type ListenEvent =
  | { type: 'start'; time: string; after: number; resumed: boolean; stateFile: string }
  | ({ type: 'forward'; status: number; ms: number; attempts: number; recorded: boolean } & CaptureRef)
  | ({ type: 'retry'; error: { kind: SendFailureKind; message: string }; attempt: number; retryInMs: number } & CaptureRef)
  | ({ type: 'push'; time: string } & PushState)
  | { type: 'server'; time: string; message: string; retryInMs: number }
  | { type: 'warning'; time: string; message: string }
  | { type: 'fatal'; time: string; message: string };

/** Catch-up page size: small enough that a stop or a push is noticed between pages. */
const PAGE = 50;
const SAFETY_DRAIN_MS = 30_000;

const now = () => new Date().toISOString();

export class Listener {
  private readonly client: ApiClient;
  private readonly cursorFile: CursorFile;
  private readonly push: PushWakeups;
  private readonly abort = new AbortController();
  private cursor = 0;
  private draining: Promise<void> | null = null;
  private again = false;
  private serverAttempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private safetyTimer: NodeJS.Timeout | null = null;
  /** Set once the server refused to record sends (a viewer token): forwarding goes on without. */
  private recordingRefused = false;
  private failure: string | null = null;
  private resolveFinished!: () => void;
  /** Settles when the listener stopped: by `stop()` (failure null) or on a fatal error. */
  readonly finished: Promise<{ failure: string | null }>;

  constructor(private readonly options: ListenerOptions) {
    this.client = options.client ?? createApiClient(options.serverUrl, options.token);
    this.cursorFile = new CursorFile(options.stateFile, { server: options.serverUrl, endpoint: options.endpoint, forwardTo: options.forwardTo });
    this.push = new PushWakeups({
      serverUrl: options.serverUrl,
      token: options.token,
      onWake: (reason) => {
        if ('captured' in reason && options.endpoint !== null && reason.captured.endpoint !== options.endpoint) return;
        this.wake();
      },
      onState: (state) => this.emit({ type: 'push', time: now(), ...state }),
      onUnauthorized: () => this.fail('the server refused the token (revoked, or another server?)'),
    });
    this.finished = new Promise((resolve) => (this.resolveFinished = () => resolve({ failure: this.failure })));
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /** Reads the cursor (a damaged state file throws: guessing could skip captures), then follows. */
  async start(): Promise<void> {
    const stored = this.options.from === 'missed' ? this.cursorFile.read() : null;
    const resumed = stored !== null;
    if (resumed) {
      this.cursor = stored;
    } else {
      // A first run has missed nothing yet, and `--from now` skips the backlog: start at the newest.
      const latest = await this.withServer(() => this.client.call('listCapturesSince', { limit: 0 }, this.abort.signal));
      if (latest === null) return;
      this.cursor = latest.latestId;
      this.cursorFile.write(this.cursor);
    }
    this.emit({ type: 'start', time: now(), after: this.cursor, resumed, stateFile: this.cursorFile.file });
    this.push.start();
    this.safetyTimer = setInterval(() => this.wake(), this.options.safetyDrainMs ?? SAFETY_DRAIN_MS);
    this.wake();
  }

  /** Stops following; the capture in flight finishes (its answer recorded) unless that needs the server. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.abort.abort();
      this.push.stop();
      if (this.retryTimer) clearTimeout(this.retryTimer);
      if (this.safetyTimer) clearInterval(this.safetyTimer);
    }
    await this.draining;
    this.resolveFinished();
  }

  /** Look for new captures now (or right after the look in progress). */
  private wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      // Not the server's fault (the state file cannot be written, say): stop rather than skip.
      .catch((error: unknown) => this.fail((error as Error).message))
      .finally(() => (this.draining = null));
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      const ok = await this.withServer(() => this.drainOnce(), false);
      if (!ok) return;
    } while (this.again && !this.stopped);
    if (!this.stopped) this.options.onCaughtUp?.();
  }

  /** Forwards every capture after the cursor, oldest first, page by page. */
  private async drainOnce(): Promise<true> {
    for (;;) {
      const page = await this.client.call('listCapturesSince', { after: this.cursor, endpoint: this.options.endpoint ?? undefined, limit: PAGE }, this.abort.signal);
      for (const [i, capture] of page.items.entries()) {
        if (this.stopped) return true;
        // The feed position (commit order on a shared database); older servers: the id.
        const position = page.positions?.[i] ?? capture.id;
        await this.deliver(capture, position);
        if (this.cursor < position) return true; // stopped before it was delivered
      }
      if (page.items.length === 0 && page.latestId < this.cursor) {
        // Positions never come back (AUTOINCREMENT ids, a sequence), so following from the server's newest skips nothing.
        this.emit({ type: 'warning', time: now(), message: `the server's newest capture is #${page.latestId}, before this listener's #${this.cursor} (its data was reset, or the newest were deleted); following from #${page.latestId}` });
        this.advance(page.latestId);
      }
      if (page.nextCursor === null) return true;
    }
  }

  /** Sends one capture until the app answers, records the answer, then moves the cursor past it. */
  private async deliver(capture: RequestDetail, position: number): Promise<void> {
    let outcome: ForwardOutcome;
    for (let attempt = 1; ; attempt++) {
      outcome = await forwardCapture(capture, this.options.forwardTo, this.options.forwardTimeoutMs);
      const ref = this.ref(capture, outcome);
      if (outcome.result.ok) {
        const recorded = await this.record(capture.id, outcome);
        if (recorded === null) return; // stopped while the server was away: sent again next time
        this.advance(position);
        this.emit({ type: 'forward', ...ref, status: outcome.result.status, ms: outcome.result.durationMs, attempts: attempt, recorded });
        return;
      }
      if (this.stopped) return;
      const retryInMs = backoffDelay(attempt);
      this.emit({ type: 'retry', ...ref, error: outcome.result.error, attempt, retryInMs });
      await sleep(retryInMs, this.abort.signal);
      if (this.stopped) return;
    }
  }

  /** true: stored on the server; false: it will not be (said once why); null: stopped before it could be. */
  private async record(id: number, outcome: ForwardOutcome): Promise<boolean | null> {
    if (this.recordingRefused) return false;
    const result = await this.withServer(async () => {
      try {
        await this.client.call('recordListenSend', toReport(id, outcome), this.abort.signal);
        return true;
      } catch (error) {
        if (!(error instanceof RemoteError) || error.transient || error.status === 401) throw error;
        if (error.status === 403) {
          this.recordingRefused = true;
          this.emit({ type: 'warning', time: now(), message: `forwards are not recorded on the server: ${error.message}` });
        } else if (error.status !== 404) {
          // 404: the capture was deleted on the server meanwhile; nothing to attach the answer to.
          this.emit({ type: 'warning', time: now(), message: `the answer to #${id} was not recorded: ${error.message}` });
        }
        return false;
      }
    });
    return result;
  }

  /**
   * Runs a server call, retrying while the server is unreachable or busy (the cursor stays put
   * meanwhile). Returns null once stopped. With `retry` false a transient failure schedules the
   * next look instead (the drain gives up the turn, so a push or the timer can restart it).
   */
  private async withServer<T>(call: () => Promise<T>, retry = true): Promise<T | null> {
    for (;;) {
      if (this.stopped) return null;
      try {
        const value = await call();
        this.serverAttempt = 0;
        return value;
      } catch (error) {
        if (this.stopped) return null;
        if (!(error instanceof RemoteError)) throw error;
        if (!error.transient) {
          this.fail(error.status === 401 ? 'the server refused the token (revoked, or another server?)' : error.message);
          return null;
        }
        this.serverAttempt += 1;
        const retryInMs = backoffDelay(this.serverAttempt);
        this.emit({ type: 'server', time: now(), message: error.message, retryInMs });
        if (!retry) {
          if (this.retryTimer) clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => this.wake(), retryInMs);
          return null;
        }
        await sleep(retryInMs, this.abort.signal);
      }
    }
  }

  private advance(id: number): void {
    this.cursor = id;
    this.cursorFile.write(id);
  }

  private ref(capture: RequestDetail, outcome: ForwardOutcome): CaptureRef {
    return { time: now(), id: capture.id, method: capture.method, path: capture.path + (capture.query ? `?${capture.query}` : ''), url: outcome.outbound.url };
  }

  private fail(message: string): void {
    if (this.failure !== null) return;
    this.failure = message;
    this.emit({ type: 'fatal', time: now(), message });
    void this.stop();
  }

  private emit(event: ListenEvent): void {
    this.options.onEvent(event);
  }
}
